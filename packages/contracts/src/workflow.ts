import { z } from 'zod';
import type { Role } from './auth';

/**
 * Request/response shapes of the workflow runtime: definitions, work items, actions, inbox,
 * history, attachments and cascades. The definition JSON itself is typed and validated by
 * @thidua/workflow-core; here it is an opaque object.
 */

export const DEFINITION_STATUSES = ['draft', 'published', 'retired'] as const;
export type DefinitionStatus = (typeof DEFINITION_STATUSES)[number];

export const ITEM_STATUSES = ['active', 'suspended', 'final'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

const workflowKey = z.string().trim().regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case key, e.g. unit_plan');
const jsonObject = z.record(z.string(), z.unknown());

export const saveDefinitionSchema = z.object({ definition: jsonObject });
export type SaveDefinitionRequest = z.infer<typeof saveDefinitionSchema>;

export const definitionListQuerySchema = z.object({
  key: workflowKey.optional(),
  status: z.enum(DEFINITION_STATUSES).optional(),
});
export type DefinitionListQuery = z.infer<typeof definitionListQuerySchema>;

export interface DefinitionView {
  id: string;
  key: string;
  version: number;
  status: DefinitionStatus;
  name: { vi: string; en?: string };
  definition: Record<string, unknown>;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

/** Move running items of `key` from one published version to another, stage by stage. */
export const migrateItemsSchema = z.object({
  fromVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
  /** Old stage id → new stage id; a stage missing here keeps its id when the new version has it. */
  stageMapping: z.record(z.string(), z.string()).default({}),
  dryRun: z.boolean().default(true),
});
export type MigrateItemsRequest = z.infer<typeof migrateItemsSchema>;

export interface MigrationPlanView {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  /** Items that move (or moved), with their stage before and after. */
  moves: Array<{ itemId: string; fromStage: string; toStage: string }>;
  /** Items that cannot move, and why. */
  blocked: Array<{ itemId: string; stage: string; reason: string }>;
  /** Problems of the stage mapping itself (a real run refuses while there are any). */
  problems: Array<{ path: string; code: string; message: string }>;
}

export const createItemSchema = z.object({
  workflow: workflowKey,
  /** Published version to start on; default the newest published one. */
  version: z.number().int().min(1).optional(),
  unitId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  data: jsonObject.default({}),
  campaignId: z.uuid().optional(),
});
export type CreateItemRequest = z.infer<typeof createItemSchema>;

/** Every action an item accepts through POST /items/:id/actions. */
export const ITEM_ACTIONS = [
  'submit',
  'approve',
  'return',
  'reject',
  'forward',
  'withdraw',
  'acknowledge',
  'close',
  'cancel',
  'reopen',
  'claim',
  'start',
  'release',
  'handover',
  'suspend',
  'resume',
  'skip',
  'redo',
  'reassign',
  'vote',
  'close_vote',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const itemActionSchema = z.object({
  action: z.enum(ITEM_ACTIONS),
  comment: z.string().trim().max(4000).optional(),
  /** Fields to merge into the item's data before the action (validated against the definition). */
  data: jsonObject.optional(),
  /** The item version the caller saw; a different current version answers 409 ITEM_CHANGED with the current item. */
  expectedVersion: z.number().int().min(1).optional(),
  /** return: the earlier stage to go back to; redo: the stage to redo. */
  stage: z.string().max(100).optional(),
  /** handover, reassign: the colleague who takes the item. */
  toUserId: z.uuid().optional(),
  /** skip, suspend, redo: why (skip requires it). */
  reason: z.string().trim().max(2000).optional(),
  /** handover: work in progress kept for the next person. */
  draft: jsonObject.optional(),
  /** handover: false for a stateless hand-over (the draft is discarded; the history records what was). Default true. */
  keepDraft: z.boolean().optional(),
  /** vote */
  choice: z.enum(['yes', 'no', 'abstain']).optional(),
  tieBreak: z.enum(['yes', 'no']).optional(),
});
export type ItemActionRequest = z.infer<typeof itemActionSchema>;

export const updateItemDataSchema = z.object({
  data: jsonObject,
  expectedVersion: z.number().int().min(1).optional(),
});
export type UpdateItemDataRequest = z.infer<typeof updateItemDataSchema>;

export const bulkActionSchema = z.object({
  action: z.enum(['approve', 'return', 'forward', 'acknowledge']),
  itemIds: z.array(z.uuid()).min(1).max(500),
  comment: z.string().trim().max(4000).optional(),
  /** The version of each item the caller saw (from the inbox): an item that moved on is 409 ITEM_CHANGED in its result. */
  expectedVersions: z.record(z.uuid(), z.number().int().min(1)).optional(),
});
export type BulkActionRequest = z.infer<typeof bulkActionSchema>;

export interface BulkActionResult {
  results: Array<
    | { itemId: string; ok: true; item: WorkItemView }
    | { itemId: string; ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }
  >;
  succeeded: number;
  failed: number;
}

export interface AssignmentView {
  unitId: string;
  unitPath: string;
  role: Role;
  mode: 'offer' | 'direct';
  /** Direct assignee or the holder who claimed it. */
  userId: string | null;
  claimedBy: string | null;
  /** When the holder started the work (the `start` action or their first saved draft). */
  startedAt: string | null;
}

/** The state of the current stage's work (issue 15, line 5). */
export type WorkState = 'offered' | 'allocated' | 'started' | 'suspended' | 'completed';

/** One action the engine allows the signed-in user on an item now (GET /api/items/:id/allowed-actions). */
export interface AllowedActionView {
  action: ItemAction;
  /** The definition's label of the transition, if it has one. */
  label: { vi: string; en?: string } | null;
  needsComment: boolean;
  /** Sends the stage's fields (which must then be valid). */
  sendsData: boolean;
  /** The data as it is now would be refused for this reason (MISSING_FIELDS, GUARD): the form must fix it first. */
  pendingOn: string | null;
}

export interface ItemAllowedActionsView {
  itemId: string;
  version: number;
  /** Whether the user may save the stage's fields as a draft (holds the stage's assignment). */
  mayEditFields: boolean;
  actions: AllowedActionView[];
}

export interface WorkItemView {
  id: string;
  workflow: string;
  workflowVersion: number;
  definitionId: string;
  title: string;
  unitId: string;
  unitPath: string;
  campaignId: string | null;
  parentItemId: string | null;
  stage: string;
  stageName: { vi: string; en?: string } | null;
  status: ItemStatus;
  outcome: string | null;
  data: Record<string, unknown>;
  assignment: AssignmentView | null;
  /** offered, allocated (claimed or assigned by name), started, suspended, completed. */
  workState: WorkState;
  /** Work in progress kept across release/handover. */
  draft: Record<string, unknown> | null;
  dueAt: string | null;
  isOverdue: boolean;
  submitterId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Fan-out items: units reached so far and the total. */
  cascade: CascadeProgressView | null;
  /**
   * The workflow vote: the open vote of the current vote stage, otherwise the last closed vote of the item (null when
   * the item never held one). `tally` is null while the vote is open; after the close it holds the counts only, for
   * open and secret ballots alike (a secret ballot keeps no choice per voter, see the definition's `vote.ballot`).
   */
  vote: ItemVoteView | null;
}

export interface ItemVoteView {
  /** The vote stage. */
  stage: string;
  status: 'open' | 'closed';
  ballot: 'secret' | 'open';
  /** How many may vote (fixed when the vote opened). */
  eligible: number;
  /** How many have voted (abstentions included). */
  cast: number;
  /** Whether the caller voted in it. */
  hasVoted: boolean;
  /** Counts; null while the vote is open. */
  tally: { yes: number; no: number; abstain: number } | null;
  /** The result once closed. */
  outcome: 'passed' | 'failed' | 'no_quorum' | null;
}

export interface CascadeProgressView {
  status: 'pending' | 'running' | 'done' | 'closed' | 'withdrawn';
  reached: number;
  total: number | null;
  submitted: number;
  settled: number;
}

export interface WorkItemEventView {
  id: string;
  occurredAt: string;
  event: string;
  actorUserId: string | null;
  /** Full name of the actor (null for the system). */
  actorName: string | null;
  onBehalfOfUserId: string | null;
  /** Full name of the person the actor acted for (a delegation). */
  onBehalfOfName: string | null;
  actorUnitPath: string | null;
  fromStage: string | null;
  toStage: string | null;
  comment: string | null;
  /** Data fields changed by this event: field → { from, to }. */
  changes: Record<string, { from: unknown; to: unknown }>;
  details: Record<string, unknown>;
  itemVersion: number;
}

export const inboxQuerySchema = z.object({
  workflow: workflowKey.optional(),
  campaignId: z.uuid().optional(),
  stage: z.string().max(100).optional(),
  /** Items of this unit and its subtree. */
  unitId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Active items wait for an action (default); suspended ones are paused (deadlines too) and listed only on request. */
  status: z.enum(['active', 'suspended']).default('active'),
  sort: z.enum(['due_at', 'updated_at']).default('due_at'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/**
 * The inbox counts: by workflow and stage always; per unit only when asked (`byUnit=true`), a page of
 * `unitLimit` units (most waiting first) from `unitOffset`.
 */
export const inboxCountsQuerySchema = inboxQuerySchema.omit({ sort: true, cursor: true, limit: true }).extend({
  byUnit: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  unitLimit: z.coerce.number().int().min(1).max(500).default(100),
  unitOffset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type InboxCountsQuery = z.infer<typeof inboxCountsQuerySchema>;

/**
 * Piled execution (issue 15, line 6): the holder takes the next item of the same stage from other cases — the oldest
 * due item of `workflow`/`stage` offered to them is claimed and started for them in one step.
 */
export const takeNextSchema = z.object({ workflow: z.string().min(1).max(100), stage: z.string().min(1).max(100) }).strict();
export type TakeNextRequest = z.infer<typeof takeNextSchema>;

export interface InboxItemView {
  id: string;
  workflow: string;
  title: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  unitCode: string;
  stage: string;
  status: ItemStatus;
  assignedRole: Role | null;
  assignedUnitPath: string | null;
  claimedBy: string | null;
  /** offered, allocated, started or suspended (the inbox holds open items). */
  workState: WorkState;
  dueAt: string | null;
  isOverdue: boolean;
  campaignId: string | null;
  updatedAt: string;
  version: number;
}

export interface InboxCounts {
  total: number;
  overdue: number;
  byStage: Array<{ workflow: string; stage: string; count: number }>;
  /** Present when asked (`byUnit=true`): one page of units, most waiting first. */
  byUnit?: Array<{ unitId: string; unitName: string; unitCode: string; count: number }>;
  /** The `unitOffset` of the next page of units, null on the last one (present with `byUnit`). */
  nextUnitOffset?: number | null;
}

export const itemListQuerySchema = z.object({
  workflow: workflowKey.optional(),
  campaignId: z.uuid().optional(),
  parentItemId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

/** What a viewer may see of items not addressed to them, per the workflow's `viewerVisibility`. */
export interface ItemListView {
  visibility: 'none' | 'count' | 'titles' | 'all';
  total: number | null;
  /**
   * Items others hold that the caller's roles may only count (a workflow's `visibility` level `count`), on the first
   * page of a caller with a full-reading role; items they may read by title only are listed as `{id, title}`.
   */
  heldCount?: number;
  items: Array<Pick<WorkItemView, 'id' | 'title'> & Partial<WorkItemView>>;
  nextCursor: string | null;
}

export interface AttachmentView {
  id: string;
  itemId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export const cascadeCloseSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export type CascadeCloseRequest = z.infer<typeof cascadeCloseSchema>;

export const cascadeWithdrawSchema = z.object({ unitId: z.uuid(), reason: z.string().trim().min(1).max(2000) });
export type CascadeWithdrawRequest = z.infer<typeof cascadeWithdrawSchema>;
