import { z } from 'zod';
import type { DocumentView } from './documents';

/**
 * Campaigns (phong trào thi đua): the campaign itself, its indicators and review milestones, the
 * award-form catalogue, quotas, nominations, inspections and evaluations (indicator submissions).
 */

// ---------- indicators ----------

export const INDICATOR_TYPES = ['boolean', 'percent', 'count', 'number'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/**
 * How a figure of a subtree is computed from the units' own values:
 * - `sum`: total of the values (count, number);
 * - `share_of_units`: units answering yes over units that reported (boolean);
 * - `average`: plain mean over reporting units;
 * - `weighted_by_members`: mean weighted by each unit's member count;
 * - `weighted_by_field`: mean weighted by another indicator of the same unit (`weightField`).
 */
export const ROLLUP_RULES = ['sum', 'share_of_units', 'average', 'weighted_by_members', 'weighted_by_field'] as const;
export type RollupRule = (typeof ROLLUP_RULES)[number];

const indicatorKey = z.string().trim().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case key, e.g. member_participation_pct');

export const indicatorSpecSchema = z
  .object({
    key: indicatorKey,
    name: z.string().trim().min(1).max(300),
    type: z.enum(INDICATOR_TYPES),
    rollup: z.enum(ROLLUP_RULES),
    weightField: indicatorKey.optional(),
    /** Inclusive bounds; percent is always 0..100. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** Decimal places accepted (percent and number; default 2). */
    decimals: z.number().int().min(0).max(6).optional(),
    unit: z.string().trim().max(30).optional(),
  })
  .superRefine((s, ctx) => {
    const ok: Record<RollupRule, IndicatorType[]> = {
      sum: ['count', 'number'],
      share_of_units: ['boolean'],
      average: ['percent', 'number', 'count'],
      weighted_by_members: ['percent', 'number'],
      weighted_by_field: ['percent', 'number'],
    };
    if (!ok[s.rollup].includes(s.type)) ctx.addIssue({ code: 'custom', path: ['rollup'], message: `rule ${s.rollup} does not apply to ${s.type}` });
    if (s.rollup === 'weighted_by_field' && !s.weightField) ctx.addIssue({ code: 'custom', path: ['weightField'], message: 'required by weighted_by_field' });
    if (s.min !== undefined && s.max !== undefined && s.min > s.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max below min' });
  });
export type IndicatorSpec = z.infer<typeof indicatorSpecSchema>;

/** Indicator values of one unit: key → value (boolean for boolean indicators, a number otherwise). */
export const indicatorValuesSchema = z.record(indicatorKey, z.union([z.boolean(), z.number(), z.null()]));
export type IndicatorValues = z.infer<typeof indicatorValuesSchema>;

// ---------- campaigns ----------

export const CAMPAIGN_STATUSES = ['draft', 'awaiting_approval', 'launching', 'launched', 'closed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const MILESTONE_KINDS = ['so_ket', 'tong_ket'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

const isoDate = z.iso.date();
const campaignCode = z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

export const milestoneInputSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  label: z.string().trim().min(1).max(200),
  due: isoDate,
});

export const createCampaignSchema = z
  .object({
    code: campaignCode,
    title: z.string().trim().min(1).max(500),
    period: z.object({ from: isoDate, to: isoDate }),
    launchingUnitId: z.uuid(),
    legalBasis: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    criteria: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
    indicators: z.array(indicatorSpecSchema).max(100).default([]),
    milestones: z.array(milestoneInputSchema).max(20).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.period.to < c.period.from) ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'ends before it starts' });
    const keys = new Set<string>();
    c.indicators.forEach((i, n) => {
      if (keys.has(i.key)) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'key'], message: 'duplicate key' });
      keys.add(i.key);
    });
    c.indicators.forEach((i, n) => {
      if (i.weightField === undefined) return;
      const w = c.indicators.find((x) => x.key === i.weightField);
      if (!w || (w.type !== 'count' && w.type !== 'number'))
        ctx.addIssue({ code: 'custom', path: ['indicators', n, 'weightField'], message: 'must name a count or number indicator of this campaign' });
    });
  });
export type CreateCampaignRequest = z.infer<typeof createCampaignSchema>;

export const updateCampaignSchema = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    legalBasis: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
    criteria: z.array(z.string().trim().min(1).max(2000)).max(100).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateCampaignRequest = z.infer<typeof updateCampaignSchema>;

export const listCampaignsQuerySchema = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuerySchema>;

export interface MilestoneView {
  id: string;
  kind: MilestoneKind;
  label: string;
  due: string;
  status: 'open' | 'closed';
}

export interface CampaignView {
  id: string;
  code: string;
  title: string;
  period: { from: string; to: string };
  launchingUnit: { id: string; code: string; name: string };
  legalBasis: string[];
  criteria: string[];
  indicators: IndicatorSpec[];
  milestones: MilestoneView[];
  status: CampaignStatus;
  /** The signed plan (Kế hoạch) that launched it, once issued. */
  planDocument: { id: string; symbol: string | null } | null;
  launchItemId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A campaign's launch on the workflow runtime: the launch item, its fan-out to the upper unions
 * (launch_ack), their fan-outs and the campaign's own unit plans for grassroots unions directly under
 * the launching unit. Units reached of total, and plans by unit.
 */
export interface CampaignCascadeView {
  campaignId: string;
  launchItemId: string | null;
  /** The launch item's stage (draft, approval, cascade, completed...) or null before the plan is submitted. */
  launchStage: string | null;
  /** The runtime's fan-out state of the launch item (upper unions). */
  launch: { status: string; reached: number; total: number | null; submitted: number; settled: number } | null;
  upperUnions: { total: number; reached: number; acknowledged: number };
  grassroots: { total: number; reached: number; submitted: number; approved: number; returned: number };
  /** Upper unions + grassroots unions that have their item, of all that should. */
  unitsReached: number;
  unitsTotal: number;
  /** One row per upper union (and one for the launching unit's direct grassroots unions). */
  byUnit: Array<{
    unit: { id: string; code: string; name: string };
    ackItemId: string | null;
    ackStage: string | null;
    /** The upper union acknowledged the launch (its item moved on from its first stage). */
    acknowledged?: boolean;
    grassrootsTotal: number;
    plansReached: number;
    plansSubmitted: number;
    plansApproved: number;
  }>;
}

export const returnPlanSchema = z.object({ comment: z.string().trim().min(1).max(5000) });
export type ReturnPlanRequest = z.infer<typeof returnPlanSchema>;

export const cancelCampaignSchema = z.object({ reason: z.string().trim().min(1).max(5000) });
export type CancelCampaignRequest = z.infer<typeof cancelCampaignSchema>;

// ---------- award forms, quotas ----------

export const AWARD_DECIDING_LEVELS = ['confederation', 'province_federation', 'upper_union', 'grassroots_union'] as const;
export type AwardDecidingLevel = (typeof AWARD_DECIDING_LEVELS)[number];

export const NOMINEE_KINDS = ['individual', 'collective'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

export interface AwardRuleSetView {
  code: string;
  legalBasis: string;
  validFrom: string;
  validTo: string | null;
}

export interface AwardFormView {
  code: string;
  name: string;
  kind: 'award' | 'title';
  /** The level whose executive/standing committee decides it. */
  decidedBy: AwardDecidingLevel;
  nominees: NomineeKind[];
  /** Whether the nomination is posted publicly (niêm yết công khai) before the council's vote. */
  publicPosting: boolean;
  ruleSet: AwardRuleSetView;
}

export const awardCatalogueQuerySchema = z.object({ on: isoDate.optional() });
export type AwardCatalogueQuery = z.infer<typeof awardCatalogueQuerySchema>;

/** What a share quota is a share of: the unit's members, or the titles of `baseForm` awarded at the level below. */
export const QUOTA_BASES = ['members', 'titles_below'] as const;
export type QuotaBase = (typeof QUOTA_BASES)[number];

/** A quota is a count (`maxCount`) or a share of a base (`share` of `base`, rounded down); one of the two. */
export const setQuotaSchema = z
  .object({
    unitId: z.uuid(),
    awardForm: z.string().trim().min(1).max(64),
    maxCount: z.number().int().min(0).max(100000).optional(),
    share: z.number().gt(0).max(1).optional(),
    base: z.enum(QUOTA_BASES).optional(),
    baseForm: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    const isCount = q.maxCount !== undefined;
    const isShare = q.share !== undefined || q.base !== undefined;
    if (isCount === isShare) ctx.addIssue({ code: 'custom', path: ['maxCount'], message: 'give either maxCount, or share with base' });
    if (isShare && (q.share === undefined || q.base === undefined)) ctx.addIssue({ code: 'custom', path: ['base'], message: 'a share quota needs share and base' });
    if (q.base === 'titles_below' && !q.baseForm) ctx.addIssue({ code: 'custom', path: ['baseForm'], message: 'titles_below needs baseForm' });
  });
export type SetQuotaRequest = z.infer<typeof setQuotaSchema>;

export interface QuotaView {
  unitId: string;
  awardForm: string;
  maxCount: number | null;
  share: number | null;
  base: QuotaBase | null;
  baseForm: string | null;
  /** The base's size now (members, or titles awarded), null for a count quota. */
  baseValue: number | null;
  /** How many nominations may be made now (the count, or share × base rounded down). */
  limit: number;
  used: number;
}

// ---------- nominations ----------

/**
 * Where a nomination stands: derived from its `commendation` work item (never stored on the nomination),
 * docs/campaigns.md "Commendations on the runtime".
 */
export const NOMINATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'forwarded',
  'in_vote',
  'passed',
  'failed',
  'no_quorum',
  'awarded',
  'rejected',
  'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const createNominationSchema = z.object({
  nominatingUnitId: z.uuid(),
  nomineeKind: z.enum(NOMINEE_KINDS),
  /** A person's full name, or for a collective the unit/collective's name. */
  nomineeName: z.string().trim().min(1).max(300),
  nomineeUnitId: z.uuid().optional(),
  nomineePosition: z.string().trim().max(300).optional(),
  awardForm: z.string().trim().min(1).max(64),
  achievementSummary: z.string().trim().min(1).max(20000),
  /** Minutes (biên bản) of the unit's own review meeting. */
  reviewMinutes: z.string().trim().min(1).max(20000),
  attachmentIds: z.array(z.uuid()).max(50).default([]),
  /** The period the achievements are for (default: the campaign's period); it chooses the rule set and catalogue. */
  achievementPeriod: z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, { message: 'from after to' }).optional(),
});
export type CreateNominationRequest = z.infer<typeof createNominationSchema>;

/**
 * The campaign's names for the engine events of a nomination's item: `decide` is the item's `approve`
 * (within the acting level's authority), `appraise` the department's `forward` to the council (the comment
 * fills the stage's own required text fields), the others are the engine events of the same name.
 */
export const NOMINATION_ACTIONS = ['submit', 'return', 'decide', 'forward', 'appraise', 'reject', 'withdraw'] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

export const nominationActionSchema = z.object({
  action: z.enum(NOMINATION_ACTIONS),
  comment: z.string().trim().max(4000).optional(),
  /** The upper union's confirmation of the achievement report (xác nhận của cấp trên), given with its `forward`. */
  confirmation: z.string().trim().min(1).max(4000).optional(),
  /** The item version the caller saw (409 ITEM_CHANGED, with the current item, when it moved on). */
  expectedVersion: z.number().int().positive().optional(),
});
export type NominationActionRequest = z.infer<typeof nominationActionSchema>;

export interface NominationView {
  id: string;
  campaignId: string;
  nominatingUnitId: string;
  nomineeKind: NomineeKind;
  nomineeName: string;
  nomineeUnitId: string | null;
  nomineePosition: string | null;
  awardForm: string;
  ruleSet: string;
  legalBasis: string;
  achievementSummary: string;
  reviewMinutes: string;
  attachmentIds: string[];
  /** Derived from the item: its stage, vote results and outcome. */
  status: NominationStatus;
  /** Unit whose turn it is (the item's assigned unit), null when settled. */
  atUnitId: string | null;
  /** The one decision (QĐ) that awarded it: several nominations decided together point at the same document. */
  decisionDocumentId: string | null;
  /** The period the achievements are for. */
  periodFrom: string | null;
  periodTo: string | null;
  confirmation: NominationConfirmation | null;
  posting: NominationPosting | null;
  councilMinutesDocumentId: string | null;
  /** The nomination's `commendation` work item (inbox, deadlines, history, actions). */
  itemId: string;
  /** The item's stage and version (for `expectedVersion`). */
  stage: string;
  itemVersion: number;
  /** The item's history, in order. */
  history: Array<{ at: string; action: string; byUserId: string | null; comment: string | null; from: string | null; to: string | null }>;
  createdAt: string;
}

// ---------- the dossier (hồ sơ đề nghị khen thưởng, Luật Thi đua, Khen thưởng Điều 84) ----------

/** The upper union's confirmation of the achievement report: who confirmed, for which unit, when. */
export interface NominationConfirmation {
  text: string;
  byUserId: string | null;
  byName: string;
  unitId: string;
  at: string;
}

/** The public posting (niêm yết công khai) of a nomination before the council votes. */
export interface NominationPosting {
  from: string;
  to: string;
  place: string;
  byUserId: string;
  at: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The structured achievement report (báo cáo thành tích, the decree's form): who, what they were charged
 * with, what they achieved (one entry per achievement), how, and the awards already received. Kept in the
 * item's data (`achievement`), so it is filled through the item like any form.
 */
export const achievementReportSchema = z.object({
  /** Chức vụ (an individual). */
  position: text(300).optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  /** Sơ lược quá trình công tác (individual) or đặc điểm, tình hình (collective). */
  overview: text(20000).optional(),
  /** A collective's members. */
  memberCount: z.number().int().min(0).max(10000000).optional(),
  /** Chức năng, nhiệm vụ được giao. */
  duties: text(20000).optional(),
  /** Thành tích đạt được, one entry each. */
  achievements: z.array(z.object({ year: z.number().int().min(1900).max(2100).optional(), text: text(4000) })).max(50).default([]),
  /** Biện pháp, giải pháp, sáng kiến. */
  measures: text(20000).optional(),
  /** Các hình thức khen thưởng đã đạt. */
  priorAwards: z.array(z.object({ year: z.number().int().min(1900).max(2100), form: text(300), decision: text(300) })).max(50).default([]),
});
export type AchievementReport = z.infer<typeof achievementReportSchema>;

/** The nominating unit's meeting (họp bình xét) and its vote: what its biên bản records. */
export const nominatingMeetingSchema = z
  .object({
    date: isoDate,
    members: z.number().int().min(1).max(1000),
    present: z.number().int().min(0).max(1000),
    yes: z.number().int().min(0).max(1000),
    no: z.number().int().min(0).max(1000),
    abstain: z.number().int().min(0).max(1000).default(0),
    chair: text(300),
    secretary: text(300),
  })
  .refine((m) => m.present <= m.members && m.yes + m.no + m.abstain <= m.present, { message: 'present ≤ members and votes ≤ present' });
export type NominatingMeeting = z.infer<typeof nominatingMeetingSchema>;

/** Fill the report and the meeting (both optional): saved into the item's data, as `PATCH /api/items/:id/data` does. */
export const saveDossierSchema = z.object({
  report: achievementReportSchema.optional(),
  meeting: nominatingMeetingSchema.optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type SaveDossierRequest = z.infer<typeof saveDossierSchema>;

/** Sign a generated dossier document (tờ trình, biên bản) in the nominating unit's register. */
export const signDossierDocumentSchema = z.object({
  signerName: text(200),
  signerTitle: text(200).optional(),
  /** The date it is signed (default today; out of order with the register → 409). */
  signedOn: isoDate.optional(),
});
export type SignDossierDocumentRequest = z.infer<typeof signDossierDocumentSchema>;

export const setPostingSchema = z
  .object({ from: isoDate, to: isoDate, place: text(500) })
  .refine((p) => p.from <= p.to, { message: 'from after to', path: ['to'] });
export type SetPostingRequest = z.infer<typeof setPostingSchema>;

/** What is missing, as stable codes (`achievement_report.duties`, `proposal`, `meeting_minutes`, `confirmation`...). */
export interface DossierView {
  nominationId: string;
  itemId: string;
  itemVersion: number;
  awardForm: string;
  report: AchievementReport | null;
  meeting: NominatingMeeting | null;
  /** The tờ trình, biên bản and council minutes: documents of the register (download as .docx or .pdf). */
  proposal: DocumentView | null;
  meetingMinutes: DocumentView | null;
  councilMinutes: DocumentView | null;
  decision: DocumentView | null;
  confirmation: NominationConfirmation | null;
  posting: NominationPosting | null;
  postingRequired: boolean;
  /** Missing before the nomination leaves its unit, and before it goes above the upper union. */
  missingToSubmit: string[];
  missingToForward: string[];
}

// ---------- council votes ----------

/**
 * A council ballot is the vote stage of one nomination's item (workflow-core decides it from the votes cast:
 * quorum, pass ratio and basis, secret/open, tie rule from the definition). `id` is the item's id, so a vote
 * cast here and one cast through `/api/items/:id/actions` are the same vote.
 */
export interface BallotView {
  id: string;
  nominationId: string;
  nomineeName: string;
  awardForm: string;
  campaignId: string;
  /** The unit whose council votes. */
  councilUnitId: string | null;
  status: 'open' | 'closed';
  secret: boolean;
  quorum: number;
  passRatio: number;
  passBasis: 'cast' | 'eligible';
  tie: 'fail' | 'pass' | 'chair_decides';
  eligibleCount: number;
  /** How many have voted; the only figure shown before the close. */
  castCount: number;
  hasVoted: boolean;
  /** Whether the caller may vote now / close the vote now (the engine's rules). */
  mayVote: boolean;
  mayClose: boolean;
  /** Counts; null until the close. */
  tally: { yes: number; no: number; abstain: number } | null;
  outcome: 'passed' | 'failed' | 'no_quorum' | null;
}

export const castVoteSchema = z.object({
  /** ballot id (the nomination's item) → choice; one transaction, all or nothing. */
  choices: z.record(z.uuid(), z.enum(['yes', 'no', 'abstain'])).refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 500, 'one to 500 ballots'),
});
export type CastVoteRequest = z.infer<typeof castVoteSchema>;

export const closeBallotsSchema = z.object({
  ballotIds: z.array(z.uuid()).min(1).max(500),
  /** Only for a tie the chair must decide. */
  tieBreak: z.enum(['yes', 'no']).optional(),
});
export type CloseBallotsRequest = z.infer<typeof closeBallotsSchema>;

/** `GET /campaigns/ballots`: ballots the caller may read (eligible voter, council secretary, supervisor of the council's unit). */
export const listBallotsQuerySchema = z.object({
  status: z.enum(['open', 'closed']).optional(),
  campaignId: z.uuid().optional(),
});
export type ListBallotsQuery = z.infer<typeof listBallotsQuerySchema>;

export const issueDecisionSchema = z.object({
  /** Nominations whose item waits for the standing committee's decision: decided together, in ONE decision per form of award. */
  nominationIds: z.array(z.uuid()).min(1).max(2000),
  comment: z.string().trim().max(4000).optional(),
  /** The decision's date (default today); the register refuses one out of order with the series. */
  signedOn: isoDate.optional(),
});
export type IssueDecisionRequest = z.infer<typeof issueDecisionSchema>;

/** The decisions issued: one numbered QĐ per issuer and form of award, listing every nomination decided with it. */
export interface IssueDecisionResult {
  nominations: NominationView[];
  documents: DocumentView[];
}

// ---------- inspections ----------

export const scheduleInspectionSchema = z
  .object({
    supervisingUnitId: z.uuid(),
    /** Inspect these units (chosen), or a random sample of `sampleSize` grassroots units below the supervisor. */
    unitIds: z.array(z.uuid()).min(1).max(1000).optional(),
    sampleSize: z.number().int().min(1).max(1000).optional(),
    /** Seed for a reproducible random sample. */
    seed: z.number().int().optional(),
    scheduledFor: isoDate,
    topic: z.string().trim().min(1).max(500),
  })
  .refine((v) => (v.unitIds === undefined) !== (v.sampleSize === undefined), 'give either unitIds or sampleSize');
export type ScheduleInspectionRequest = z.infer<typeof scheduleInspectionSchema>;

export const FINDING_SEVERITIES = ['positive', 'negative'] as const;

export const recordFindingsSchema = z.object({
  minutes: z.string().trim().min(1).max(20000),
  attachmentIds: z.array(z.uuid()).max(50).default([]),
  findings: z
    .array(z.object({ text: z.string().trim().min(1).max(4000), severity: z.enum(FINDING_SEVERITIES) }))
    .min(1)
    .max(100),
  /** Days the unit has to correct negative findings (default 30). */
  correctiveDueDays: z.number().int().min(1).max(365).default(30),
});
export type RecordFindingsRequest = z.infer<typeof recordFindingsSchema>;

export const submitCorrectiveActionSchema = z.object({ text: z.string().trim().min(1).max(20000), attachmentIds: z.array(z.uuid()).max(50).default([]) });
export type SubmitCorrectiveActionRequest = z.infer<typeof submitCorrectiveActionSchema>;

export const verifyCorrectiveActionSchema = z.object({ accepted: z.boolean(), comment: z.string().trim().max(4000).optional() });
export type VerifyCorrectiveActionRequest = z.infer<typeof verifyCorrectiveActionSchema>;

export const INSPECTION_STATUSES = ['scheduled', 'findings_recorded', 'awaiting_correction', 'correction_submitted', 'escalated', 'closed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export interface InspectionView {
  id: string;
  campaignId: string;
  supervisingUnitId: string;
  unitId: string;
  topic: string;
  scheduledFor: string;
  status: InspectionStatus;
  minutes: string | null;
  attachmentIds: string[];
  findings: Array<{ text: string; severity: 'positive' | 'negative' }>;
  correctiveDueAt: string | null;
  correctiveAction: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
}

// ---------- evaluations (indicator submissions) ----------

export const submitIndicatorValuesSchema = z.object({
  unitId: z.uuid(),
  values: indicatorValuesSchema,
  /** Self-assessment prose. */
  selfAssessment: z.string().trim().max(20000).optional(),
});
export type SubmitIndicatorValuesRequest = z.infer<typeof submitIndicatorValuesSchema>;

export const reviewSubmissionSchema = z.object({
  decision: z.enum(['accept', 'return']),
  comment: z.string().trim().max(4000).optional(),
});
export type ReviewSubmissionRequest = z.infer<typeof reviewSubmissionSchema>;

export const SUBMISSION_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface IndicatorSubmissionView {
  id: string;
  campaignId: string;
  milestoneId: string;
  unitId: string;
  values: IndicatorValues;
  selfAssessment: string | null;
  status: SubmissionStatus;
  reviewComment: string | null;
  submittedAt: string;
  reviewedAt: string | null;
  version: number;
}

// ---------- exemplary models ----------

export const registerModelSchema = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(500),
  description: z.string().trim().max(10000).default(''),
  field: z.string().trim().min(1).max(200),
  planItemId: z.uuid().optional(),
});
export type RegisterModelRequest = z.infer<typeof registerModelSchema>;

export interface ExemplaryModelView {
  id: string;
  campaignId: string;
  unitId: string;
  unitName: string;
  name: string;
  description: string;
  field: string;
  registeredAt: string;
}
