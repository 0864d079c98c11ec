import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { AWARD_DECIDING_LEVELS, type AwardFormView, type AwardRuleSetView, type BallotView, CAMPAIGN_STATUSES, type CampaignCascadeView, type CampaignView, type DossierView, type ExemplaryModelView, INSPECTION_STATUSES, type IndicatorSubmissionView, type InspectionView, type IssueDecisionResult, MILESTONE_KINDS, type MilestoneView, NOMINATION_STATUSES, NOMINEE_KINDS, type NominationConfirmation, type NominationPosting, type NominationView, QUOTA_BASES, type QuotaView, SUBMISSION_STATUSES, achievementReportSchema, indicatorSpecSchema, indicatorValuesSchema, nominatingMeetingSchema } from './campaigns';
import { voteOutcomeSchema, voteTallySchema } from './common.responses';
import { documentViewSchema } from './documents.responses';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const milestoneViewSchema = named('MilestoneView', z.object({
  id: z.string(),
  kind: z.enum(MILESTONE_KINDS),
  label: z.string(),
  due: z.string(),
  status: z.union([z.literal('open'), z.literal('closed')])
}));

export const campaignViewSchema = named('CampaignView', z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  period: z.object({
    from: z.string(),
    to: z.string()
  }),
  launchingUnit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string()
  }),
  legalBasis: z.array(z.string()),
  criteria: z.array(z.string()),
  indicators: z.array(indicatorSpecSchema),
  milestones: z.array(milestoneViewSchema),
  status: z.enum(CAMPAIGN_STATUSES),
  planDocument: z.object({
    id: z.string(),
    symbol: z.string().nullable()
  }).nullable(),
  launchItemId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
}));

export const campaignCascadeViewSchema = named('CampaignCascadeView', z.object({
  campaignId: z.string(),
  launchItemId: z.string().nullable(),
  launchStage: z.string().nullable(),
  launch: z.object({
    status: z.string(),
    reached: z.number(),
    total: z.number().nullable(),
    submitted: z.number(),
    settled: z.number()
  }).nullable(),
  upperUnions: z.object({
    total: z.number(),
    reached: z.number(),
    acknowledged: z.number()
  }),
  grassroots: z.object({
    total: z.number(),
    reached: z.number(),
    submitted: z.number(),
    approved: z.number(),
    returned: z.number()
  }),
  unitsReached: z.number(),
  unitsTotal: z.number(),
  byUnit: z.array(z.object({
    unit: z.object({
      id: z.string(),
      code: z.string(),
      name: z.string()
    }),
    ackItemId: z.string().nullable(),
    ackStage: z.string().nullable(),
    acknowledged: z.boolean().optional(),
    grassrootsTotal: z.number(),
    plansReached: z.number(),
    plansSubmitted: z.number(),
    plansApproved: z.number()
  }))
}));

export const awardRuleSetViewSchema = named('AwardRuleSetView', z.object({
  code: z.string(),
  legalBasis: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable()
}));

export const awardFormViewSchema = named('AwardFormView', z.object({
  code: z.string(),
  name: z.string(),
  kind: z.union([z.literal('award'), z.literal('title')]),
  decidedBy: z.enum(AWARD_DECIDING_LEVELS),
  nominees: z.array(z.enum(NOMINEE_KINDS)),
  publicPosting: z.boolean(),
  ruleSet: awardRuleSetViewSchema
}));

export const quotaViewSchema = named('QuotaView', z.object({
  unitId: z.string(),
  awardForm: z.string(),
  maxCount: z.number().nullable(),
  share: z.number().nullable(),
  base: z.enum(QUOTA_BASES).nullable(),
  baseForm: z.string().nullable(),
  baseValue: z.number().nullable(),
  limit: z.number(),
  used: z.number()
}));

export const nominationConfirmationSchema = named('NominationConfirmation', z.object({
  text: z.string(),
  byUserId: z.string().nullable(),
  byName: z.string(),
  unitId: z.string(),
  at: z.string()
}));

export const nominationPostingSchema = named('NominationPosting', z.object({
  from: z.string(),
  to: z.string(),
  place: z.string(),
  byUserId: z.string(),
  at: z.string()
}));

export const ballotViewSchema = named('BallotView', z.object({
  id: z.string(),
  nominationId: z.string(),
  nomineeName: z.string(),
  awardForm: z.string(),
  campaignId: z.string(),
  councilUnitId: z.string().nullable(),
  status: z.union([z.literal('open'), z.literal('closed')]),
  secret: z.boolean(),
  quorum: z.number(),
  passRatio: z.number(),
  passBasis: z.union([z.literal('cast'), z.literal('eligible')]),
  tie: z.union([z.literal('fail'), z.literal('pass'), z.literal('chair_decides')]),
  eligibleCount: z.number(),
  castCount: z.number(),
  hasVoted: z.boolean(),
  mayVote: z.boolean(),
  mayClose: z.boolean(),
  tally: voteTallySchema.nullable(),
  outcome: voteOutcomeSchema.nullable()
}));

export const nominationViewSchema = named('NominationView', z.object({
  id: z.string(),
  campaignId: z.string(),
  nominatingUnitId: z.string(),
  nomineeKind: z.enum(NOMINEE_KINDS),
  nomineeName: z.string(),
  nomineeUnitId: z.string().nullable(),
  nomineePosition: z.string().nullable(),
  awardForm: z.string(),
  ruleSet: z.string(),
  legalBasis: z.string(),
  achievementSummary: z.string(),
  reviewMinutes: z.string(),
  attachmentIds: z.array(z.string()),
  status: z.enum(NOMINATION_STATUSES),
  atUnitId: z.string().nullable(),
  decisionDocumentId: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  confirmation: nominationConfirmationSchema.nullable(),
  posting: nominationPostingSchema.nullable(),
  councilMinutesDocumentId: z.string().nullable(),
  itemId: z.string(),
  stage: z.string(),
  itemVersion: z.number(),
  history: z.array(z.object({
    at: z.string(),
    action: z.string(),
    byUserId: z.string().nullable(),
    comment: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable()
  })),
  createdAt: z.string()
}));

export const inspectionViewSchema = named('InspectionView', z.object({
  id: z.string(),
  campaignId: z.string(),
  supervisingUnitId: z.string(),
  unitId: z.string(),
  topic: z.string(),
  scheduledFor: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  minutes: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  findings: z.array(z.object({
    text: z.string(),
    severity: z.union([z.literal('positive'), z.literal('negative')])
  })),
  correctiveDueAt: z.string().nullable(),
  correctiveAction: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable()
}));

export const indicatorSubmissionViewSchema = named('IndicatorSubmissionView', z.object({
  id: z.string(),
  campaignId: z.string(),
  milestoneId: z.string(),
  unitId: z.string(),
  values: indicatorValuesSchema,
  selfAssessment: z.string().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  reviewComment: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  version: z.number()
}));

export const exemplaryModelViewSchema = named('ExemplaryModelView', z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  name: z.string(),
  description: z.string(),
  field: z.string(),
  registeredAt: z.string()
}));

export const dossierViewSchema = named('DossierView', z.object({
  nominationId: z.string(),
  itemId: z.string(),
  itemVersion: z.number(),
  awardForm: z.string(),
  report: achievementReportSchema.nullable(),
  meeting: nominatingMeetingSchema.nullable(),
  proposal: documentViewSchema.nullable(),
  meetingMinutes: documentViewSchema.nullable(),
  councilMinutes: documentViewSchema.nullable(),
  decision: documentViewSchema.nullable(),
  confirmation: nominationConfirmationSchema.nullable(),
  posting: nominationPostingSchema.nullable(),
  postingRequired: z.boolean(),
  missingToSubmit: z.array(z.string()),
  missingToForward: z.array(z.string())
}));

export const issueDecisionResultSchema = named('IssueDecisionResult', z.object({
  nominations: z.array(nominationViewSchema),
  documents: z.array(documentViewSchema)
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type campaignsResponseChecks = [
  Expect<Same<z.output<typeof milestoneViewSchema>, MilestoneView>>,
  Expect<Same<z.output<typeof campaignViewSchema>, CampaignView>>,
  Expect<Same<z.output<typeof campaignCascadeViewSchema>, CampaignCascadeView>>,
  Expect<Same<z.output<typeof awardRuleSetViewSchema>, AwardRuleSetView>>,
  Expect<Same<z.output<typeof awardFormViewSchema>, AwardFormView>>,
  Expect<Same<z.output<typeof quotaViewSchema>, QuotaView>>,
  Expect<Same<z.output<typeof nominationConfirmationSchema>, NominationConfirmation>>,
  Expect<Same<z.output<typeof nominationPostingSchema>, NominationPosting>>,
  Expect<Same<z.output<typeof ballotViewSchema>, BallotView>>,
  Expect<Same<z.output<typeof nominationViewSchema>, NominationView>>,
  Expect<Same<z.output<typeof inspectionViewSchema>, InspectionView>>,
  Expect<Same<z.output<typeof indicatorSubmissionViewSchema>, IndicatorSubmissionView>>,
  Expect<Same<z.output<typeof exemplaryModelViewSchema>, ExemplaryModelView>>,
  Expect<Same<z.output<typeof dossierViewSchema>, DossierView>>,
  Expect<Same<z.output<typeof issueDecisionResultSchema>, IssueDecisionResult>>,
];

/** A cancelled campaign and how many open items below it were cancelled. */
export const cancelledCampaignSchema = named('CancelledCampaign', campaignViewSchema.extend({ cancelledItems: z.number().int() }));

/** Items the reconciliation created or repaired, by kind. */
export const cascadeReconciliationSchema = named('CascadeReconciliation', z.record(z.string(), z.number()));

/** The milestone's collection: the evaluation workflow and how many items it created. */
export const collectionOpenedSchema = named('CollectionOpened', z.object({ workflow: z.string(), created: z.number().int() }));
