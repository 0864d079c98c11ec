import { Injectable } from '@nestjs/common';
import type { IndicatorSubmissionView, ReviewSubmissionRequest, SubmitIndicatorValuesRequest } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { checkIndicatorValues } from '@thidua/contracts';
import { DefinitionsService, ItemRuntime, ItemsService, OutboxDispatcher } from '../workflow/index';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import type { CampaignEntity } from './campaign.entity';
import { evaluationDefinitionFor, evaluationKey } from './evaluation-definition';
import { assertRoleCovering } from '../../common/auth/role-scope';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService, assertReadable } from './campaigns.service';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';
import { assertCovers, covers, regionsOf } from '../../common/auth/scope';

function toView(s: IndicatorSubmissionEntity): IndicatorSubmissionView {
  return {
    id: s.id,
    campaignId: s.campaignId,
    milestoneId: s.milestoneId,
    unitId: s.unitId,
    values: s.values,
    selfAssessment: s.selfAssessment,
    status: s.status,
    reviewComment: s.reviewComment,
    submittedAt: s.submittedAt.toISOString(),
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    version: s.version,
  };
}

const OPEN_BATCH = 500;

/**
 * Evaluations at a milestone, as work items of the campaign's evaluation workflow
 * (evaluation-definition.ts): opening the collection gives every grassroots union of the launching
 * subtree an item (inbox, deadline, reminders, escalation) whose data are the indicator values; a
 * unit submits its values (checked by type, range and decimals here and by the engine), a supervisor
 * above it accepts or returns them. Each submit/review is the engine's event on the item, and the
 * indicator_submission row (what roll-ups read: only `accepted` values count) is written in the SAME
 * transaction (ItemRuntime.act inTransaction). A unit without an item (joined later, or a collection
 * never opened) gets one on its first submission.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditService,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly definitions: DefinitionsService,
    private readonly items: ItemsService,
    private readonly runtime: ItemRuntime,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** Publishes the campaign's evaluation workflow once (validated by workflow-core with the hook catalogue first). */
  async ensureDefinition(c: CampaignEntity): Promise<string> {
    const def = evaluationDefinitionFor(c);
    const problems = await this.definitions.problemsOf(def);
    if (problems.length) throw new AppError('DEFINITION_INVALID', { params: { count: problems.length }, details: { problems } });
    await this.definitions.ensurePublished(def);
    return def.key;
  }

  /**
   * Opens the milestone's collection: an evaluation item for every active grassroots union under the
   * launching unit that has none, in batches under the milestone lock (idempotent, resumable).
   */
  async openCollection(principal: Principal, campaignId: string, milestoneId: string): Promise<{ workflow: string; created: number }> {
    const { campaign: c, launching } = await this.campaigns.readableCampaign(principal, campaignId);
    const ms = await this.repo.milestone(milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
    assertRoleCovering(principal, ['officer', 'supervisor'], launching.path, true);
    if (c.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const key = await this.ensureDefinition(c);
    let created = 0;
    for (;;) {
      const n = await this.createItems(c, ms.id, ms.label, key, launching.path, null);
      created += n;
      if (n < OPEN_BATCH) break;
    }
    return { workflow: key, created };
  }

  /** One batch of evaluation items (or the item of one unit), under the milestone lock. */
  private async createItems(c: CampaignEntity, milestoneId: string, label: string, key: string, path: string, onlyUnitId: string | null): Promise<number> {
    const { compiled } = await this.items.publishedDefinition(key);
    const { n, outbox } = await this.repo.transaction(async (m) => {
      await this.cascadeRepo.lockMilestone(m, milestoneId);
      let units = await this.cascadeRepo.unitsWithoutEvaluation(m, key, c.id, milestoneId, path, onlyUnitId ? 100_000 : OPEN_BATCH);
      if (onlyUnitId) units = units.filter((u) => u.id === onlyUnitId);
      if (units.length === 0) return { n: 0, outbox: [] };
      const { rows, outbox } = await this.items.createMany(
        m,
        { kind: 'system', reason: 'evaluation.opened' },
        compiled,
        units.map((u) => ({ unit: u, title: `${label} — ${c.title} — ${u.name}`.slice(0, 500), data: { milestoneId }, campaignId: c.id, parentItemId: null })),
      );
      return { n: rows.length, outbox };
    });
    this.dispatcher.dispatchSoon(outbox);
    return n;
  }

  private async itemFor(c: CampaignEntity, milestoneId: string, unitId: string, m?: EntityManager): Promise<{ id: string; stage: string; status: string } | undefined> {
    return (await this.cascadeRepo.evaluationItems(evaluationKey(c.code), c.id, milestoneId, [unitId], m)).get(unitId);
  }

  /**
   * A unit submits its figures: a thin adapter over the runtime (the engine's `submit` on the unit's item, its
   * data the values). The submission row is written by the `evaluation.record_submission` hook in that step,
   * exactly as when the officer submits on the item page (`POST /api/items/:id/actions`).
   */
  async submit(principal: Principal, campaignId: string, milestoneId: string, input: SubmitIndicatorValuesRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const { campaign: c } = await this.campaigns.readableCampaign(principal, campaignId);
    const ms = await this.repo.milestone(milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    const unit = await this.campaigns.requireUnit(input.unitId);
    assertCovers(principal, unit.path, 'see', { resource: 'unit' });
    if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
    assertRoleCovering(principal, ['officer'], unit.path, true);
    // Checked here for the request's own field paths (body.values.*); the hook checks the same on every path.
    const checked = checkIndicatorValues(c.indicators, input.values);
    if (checked.problems.length) throw AppError.validation(checked.problems.map((p) => ({ path: `body.values.${p.key}`, reason: p.reason === 'unknown_indicator' ? 'unrecognized_keys' : p.reason === 'too_many_decimals' ? 'invalid_format' : p.reason, message: p.message })));
    const key = await this.ensureDefinition(c);
    let item = await this.itemFor(c, milestoneId, unit.id);
    if (!item) {
      await this.createItems(c, milestoneId, ms.label, key, unit.path, unit.id);
      item = await this.itemFor(c, milestoneId, unit.id);
    }
    if (!item) throw AppError.notFound('item');
    // The item's data are the values: indicators not given are cleared (null = missing).
    const patch: Record<string, unknown> = Object.fromEntries(c.indicators.map((i) => [i.key, null]));
    Object.assign(patch, input.values, { selfAssessment: input.selfAssessment ?? null });
    await this.runtime.act({ kind: 'user', principal }, item.id, { type: 'submit' }, { now, dataPatch: patch });
    const row = await this.repo.submission(campaignId, milestoneId, unit.id);
    if (!row) throw AppError.notFound('submission');
    return toView(row);
  }

  /**
   * A supervisor above the unit accepts or returns: the engine's `approve`/`return` on the unit's item (the engine
   * decides who may); the `evaluation.record_review` hook updates the submission row in that step.
   */
  async review(principal: Principal, submissionId: string, input: ReviewSubmissionRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const s = await this.repo.submissionById(submissionId);
    const unit = s ? await this.campaigns.requireUnit(s.unitId) : null;
    // Access first: a submission of a unit the caller does not see answers exactly as a random id.
    if (!s || !unit || !covers(principal, unit.path, 'see')) throw AppError.notFound('submission');
    const c = await this.campaigns.requireCampaign(s.campaignId);
    const item = await this.itemFor(c, s.milestoneId, s.unitId);
    if (!item) throw AppError.notFound('item');
    const event = input.decision === 'accept' ? ({ type: 'approve' } as const) : ({ type: 'return', comment: input.comment ?? '' } as const);
    await this.runtime.act({ kind: 'user', principal }, item.id, event, { now });
    const row = await this.repo.submissionById(submissionId);
    if (!row) throw AppError.notFound('submission');
    return toView(row);
  }

  async list(principal: Principal, campaignId: string, milestoneId: string, unitId: string): Promise<IndicatorSubmissionView[]> {
    await this.campaigns.readableCampaign(principal, campaignId);
    const unit = await this.campaigns.requireUnit(unitId);
    assertReadable(principal, unit.path);
    // The submissions of the units the caller sees (a grassroots officer: its own), never a sibling's.
    return (await this.repo.submissionsUnder(milestoneId, unit.path, regionsOf(principal, 'see'))).map(toView);
  }
}
