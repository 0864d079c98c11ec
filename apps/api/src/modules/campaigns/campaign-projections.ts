import type { CampaignStatus, IndicatorSpec, IndicatorValues, SubmissionStatus } from '@thidua/contracts';
import { stagesWithHook, type WorkflowDefinition } from '@thidua/workflow-core';
import { checkIndicatorValues } from '@thidua/contracts';

/**
 * The campaigns module binds to workflow definitions ONLY through these hook names and tags (never stage ids).
 * docs/campaigns.md, "Projections of item state".
 */
export const CAMPAIGN_HOOKS = {
  /** Launch: the plan is being drafted (entered on creation and on every return/withdrawal). */
  planDrafting: 'campaign.plan_drafting',
  /** Launch: the plan is before the standing committee (a KH draft exists from here on). */
  planSubmitted: 'campaign.plan_submitted',
  /** Launch: approved; the plan is signed and numbered, the cascade runs (and after it). */
  launched: 'campaign.launched',
  /** Launch: rejected or cancelled: the campaign will not run. */
  launchEnded: 'campaign.launch_ended',
} as const;

export const EVALUATION_HOOKS = {
  /** Evaluation: the unit's figures reach the reviewer (the submission row becomes `submitted`). */
  recordSubmission: 'evaluation.record_submission',
  /** Evaluation: the reviewer decided (accepted when the item ends there, returned otherwise). */
  recordReview: 'evaluation.record_review',
} as const;

/** Tag of the unit plan stage(s) whose plans count: their registered models are the campaign's models. */
export const PLAN_APPROVED_TAG = 'campaign.plan_approved';

/** The campaign status a launch item in this state means (null: the item says nothing; keep the row's). */
export function campaignStatusOf(def: WorkflowDefinition, item: { stage: string; status: string; outcome: string | null }): CampaignStatus | null {
  if (item.status === 'final' && item.outcome === 'cancelled') return 'cancelled';
  const hooks = new Set((def.stages[item.stage]?.hooks ?? []).filter((h) => h.on === 'enter').map((h) => h.name));
  if (hooks.has(CAMPAIGN_HOOKS.launched)) return 'launched';
  if (hooks.has(CAMPAIGN_HOOKS.launchEnded)) return 'cancelled';
  if (hooks.has(CAMPAIGN_HOOKS.planSubmitted)) return 'awaiting_approval';
  if (hooks.has(CAMPAIGN_HOOKS.planDrafting)) return 'draft';
  return null;
}

/** One history row, as the projections need it. */
export interface ProjectionEvent {
  itemVersion: number;
  occurredAt: Date;
  actorUserId: string | null;
  fromStage: string | null;
  toStage: string | null;
  comment: string | null;
  changes: Record<string, { from?: unknown; to?: unknown }>;
}

/** The indicator_submission columns a history implies. */
export interface ProjectedSubmission {
  values: IndicatorValues;
  scaled: Record<string, number>;
  selfAssessment: string | null;
  status: SubmissionStatus;
  reviewComment: string | null;
  submittedByUserId: string | null;
  reviewedByUserId: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  version: number;
}

/** The item's data as it was right after `version` (undoing the recorded changes of the later rows). */
function dataAt(current: Record<string, unknown>, events: readonly ProjectionEvent[], version: number): Record<string, unknown> {
  const data = { ...current };
  for (const e of [...events].reverse()) {
    if (e.itemVersion <= version) break;
    for (const [k, ch] of Object.entries(e.changes ?? {})) {
      if (ch && 'from' in ch && ch.from !== undefined) data[k] = ch.from;
      else delete data[k];
    }
  }
  return data;
}

export function indicatorValuesOf(indicators: readonly IndicatorSpec[], data: Record<string, unknown>): IndicatorValues {
  const out: Record<string, unknown> = {};
  for (const i of indicators) if (data[i.key] !== null && data[i.key] !== undefined) out[i.key] = data[i.key];
  return out as IndicatorValues;
}

/**
 * The submission row an evaluation item's history implies: each entry into a stage carrying
 * `evaluation.record_submission` is a submission (values as they were then), each exit from a stage carrying
 * `evaluation.record_review` a review (accepted when it led to a final stage, returned otherwise). Null when the
 * unit never submitted. The live hooks write exactly this (they call it), so the rebuild equals the live rows.
 */
export function submissionFromHistory(def: WorkflowDefinition, indicators: readonly IndicatorSpec[], data: Record<string, unknown>, events: readonly ProjectionEvent[]): ProjectedSubmission | null {
  const submitAt = new Set(stagesWithHook(def, EVALUATION_HOOKS.recordSubmission, 'enter'));
  const reviewAt = new Set(stagesWithHook(def, EVALUATION_HOOKS.recordReview, 'leave'));
  let s = null as ProjectedSubmission | null;
  let version = 0;
  for (const e of events) {
    if (!e.toStage || e.fromStage === e.toStage) continue;
    const current: ProjectedSubmission | null = s;
    if (current && e.fromStage && reviewAt.has(e.fromStage)) {
      const accepted = def.stages[e.toStage]?.kind === 'final';
      version += 1;
      s = { ...current, status: accepted ? 'accepted' : 'returned', reviewComment: accepted ? null : e.comment, reviewedByUserId: e.actorUserId, reviewedAt: new Date(e.occurredAt), version };
    }
    if (submitAt.has(e.toStage)) {
      const at = dataAt(data, events, e.itemVersion);
      const values = indicatorValuesOf(indicators, at);
      version += 1;
      s = {
        values,
        scaled: checkIndicatorValues([...indicators], values).scaled,
        selfAssessment: typeof at.selfAssessment === 'string' ? at.selfAssessment : null,
        status: 'submitted',
        reviewComment: null,
        submittedByUserId: e.actorUserId,
        reviewedByUserId: null,
        submittedAt: new Date(e.occurredAt),
        reviewedAt: null,
        version,
      };
    }
  }
  return s;
}
