import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { pageSchema, voteOutcomeSchema, voteTallySchema } from './common.responses';
import { ROLES } from './auth';
import { type AllowedActionView, type AssignmentView, type AttachmentView, type BulkActionResult, type CascadeProgressView, DEFINITION_STATUSES, type DefinitionView, ITEM_ACTIONS, ITEM_STATUSES, type InboxCounts, type InboxItemView, type ItemAllowedActionsView, type ItemListView, type ItemVoteView, type MigrationPlanView, type WorkItemEventView, type WorkItemView } from './workflow';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const definitionViewSchema = named('DefinitionView', z.object({
  id: z.string(),
  key: z.string(),
  version: z.number(),
  status: z.enum(DEFINITION_STATUSES),
  name: z.object({
    vi: z.string(),
    en: z.string().optional()
  }),
  definition: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable()
}));

export const migrationPlanViewSchema = named('MigrationPlanView', z.object({
  dryRun: z.boolean(),
  fromVersion: z.number(),
  toVersion: z.number(),
  moves: z.array(z.object({
    itemId: z.string(),
    fromStage: z.string(),
    toStage: z.string()
  })),
  blocked: z.array(z.object({
    itemId: z.string(),
    stage: z.string(),
    reason: z.string()
  })),
  problems: z.array(z.object({
    path: z.string(),
    code: z.string(),
    message: z.string()
  }))
}));

export const allowedActionViewSchema = named('AllowedActionView', z.object({
  action: z.enum(ITEM_ACTIONS),
  label: z.object({
    vi: z.string(),
    en: z.string().optional()
  }).nullable(),
  needsComment: z.boolean(),
  sendsData: z.boolean(),
  pendingOn: z.string().nullable()
}));

export const itemAllowedActionsViewSchema = named('ItemAllowedActionsView', z.object({
  itemId: z.string(),
  version: z.number(),
  mayEditFields: z.boolean(),
  actions: z.array(allowedActionViewSchema)
}));

export const cascadeProgressViewSchema = named('CascadeProgressView', z.object({
  status: z.union([z.literal('pending'), z.literal('running'), z.literal('done'), z.literal('closed'), z.literal('withdrawn')]),
  reached: z.number(),
  total: z.number().nullable(),
  submitted: z.number(),
  settled: z.number()
}));

export const itemVoteViewSchema = named('ItemVoteView', z.object({
  stage: z.string(),
  status: z.union([z.literal('open'), z.literal('closed')]),
  ballot: z.union([z.literal('secret'), z.literal('open')]),
  eligible: z.number(),
  cast: z.number(),
  hasVoted: z.boolean(),
  tally: voteTallySchema.nullable(),
  outcome: voteOutcomeSchema.nullable()
}));

export const workItemEventViewSchema = named('WorkItemEventView', z.object({
  id: z.string(),
  occurredAt: z.string(),
  event: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  onBehalfOfUserId: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  actorUnitPath: z.string().nullable(),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  comment: z.string().nullable(),
  changes: z.record(z.string(), z.object({
    from: z.unknown(),
    to: z.unknown()
  })),
  details: z.record(z.string(), z.unknown()),
  itemVersion: z.number()
}));

export const inboxCountsSchema = named('InboxCounts', z.object({
  total: z.number(),
  overdue: z.number(),
  byStage: z.array(z.object({
    workflow: z.string(),
    stage: z.string(),
    count: z.number()
  })),
  byUnit: z.array(z.object({
    unitId: z.string(),
    unitName: z.string(),
    unitCode: z.string(),
    count: z.number()
  })).optional(),
  nextUnitOffset: z.number().optional().nullable()
}));

export const attachmentViewSchema = named('AttachmentView', z.object({
  id: z.string(),
  itemId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string()
}));

export const assignmentViewSchema = named('AssignmentView', z.object({
  unitId: z.string(),
  unitPath: z.string(),
  role: z.enum(ROLES),
  mode: z.union([z.literal('offer'), z.literal('direct')]),
  userId: z.string().nullable(),
  claimedBy: z.string().nullable(),
  startedAt: z.string().nullable()
}));

export const workStateSchema = z.enum(['offered', 'allocated', 'started', 'suspended', 'completed']);

export const workItemViewSchema = named('WorkItemView', z.object({
  id: z.string(),
  workflow: z.string(),
  workflowVersion: z.number(),
  definitionId: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitPath: z.string(),
  campaignId: z.string().nullable(),
  parentItemId: z.string().nullable(),
  stage: z.string(),
  stageName: z.object({
    vi: z.string(),
    en: z.string().optional()
  }).nullable(),
  status: z.enum(ITEM_STATUSES),
  outcome: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  assignment: assignmentViewSchema.nullable(),
  workState: workStateSchema,
  draft: z.record(z.string(), z.unknown()).nullable(),
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  submitterId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cascade: cascadeProgressViewSchema.nullable(),
  vote: itemVoteViewSchema.nullable()
}));

export const inboxItemViewSchema = named('InboxItemView', z.object({
  id: z.string(),
  workflow: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitPath: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  stage: z.string(),
  status: z.enum(ITEM_STATUSES),
  assignedRole: z.enum(ROLES).nullable(),
  assignedUnitPath: z.string().nullable(),
  claimedBy: z.string().nullable(),
  workState: workStateSchema,
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  campaignId: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number()
}));

export const itemListViewSchema = named('ItemListView', z.object({
  visibility: z.union([z.literal('none'), z.literal('count'), z.literal('titles'), z.literal('all')]),
  total: z.number().nullable(),
  heldCount: z.number().optional(),
  items: z.array(workItemViewSchema.pick({ 'id': true, 'title': true }).and(workItemViewSchema.partial())),
  nextCursor: z.string().nullable()
}));

export const bulkActionResultSchema = named('BulkActionResult', z.object({
  results: z.array(z.union([z.object({
      itemId: z.string(),
      ok: z.literal(true),
      item: workItemViewSchema
    }), z.object({
      itemId: z.string(),
      ok: z.literal(false),
      error: z.object({
        code: z.string(),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional()
      })
    })])),
  succeeded: z.number(),
  failed: z.number()
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type workflowResponseChecks = [
  Expect<Same<z.output<typeof definitionViewSchema>, DefinitionView>>,
  Expect<Same<z.output<typeof migrationPlanViewSchema>, MigrationPlanView>>,
  Expect<Same<z.output<typeof allowedActionViewSchema>, AllowedActionView>>,
  Expect<Same<z.output<typeof itemAllowedActionsViewSchema>, ItemAllowedActionsView>>,
  Expect<Same<z.output<typeof cascadeProgressViewSchema>, CascadeProgressView>>,
  Expect<Same<z.output<typeof itemVoteViewSchema>, ItemVoteView>>,
  Expect<Same<z.output<typeof workItemEventViewSchema>, WorkItemEventView>>,
  Expect<Same<z.output<typeof inboxCountsSchema>, InboxCounts>>,
  Expect<Same<z.output<typeof attachmentViewSchema>, AttachmentView>>,
  Expect<Same<z.output<typeof assignmentViewSchema>, AssignmentView>>,
  Expect<Same<z.output<typeof workItemViewSchema>, WorkItemView>>,
  Expect<Same<z.output<typeof inboxItemViewSchema>, InboxItemView>>,
  Expect<Same<z.output<typeof itemListViewSchema>, ItemListView>>,
  Expect<Same<z.output<typeof bulkActionResultSchema>, BulkActionResult>>,
];

/** One problem of a workflow definition (workflow-core's validation). */
export const definitionProblemSchema = named('DefinitionProblem', z.object({ path: z.string(), code: z.string(), message: z.string() }));
export const definitionProblemsSchema = named('DefinitionProblems', z.object({ problems: z.array(definitionProblemSchema) }));
export const inboxItemViewPageSchema = pageSchema('InboxItemViewPage', inboxItemViewSchema);
