import { Injectable } from '@nestjs/common';
import type { IndicatorSubmissionView, ReviewSubmissionRequest, SubmitIndicatorValuesRequest } from '@thidua/contracts';
import { validateDefinition } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { checkIndicatorValues } from '../reports/rollup/indicator-values';
import { DefinitionsService } from '../workflow/definitions/definitions.service';
import { ItemRuntime } from '../workflow/items/item-runtime.service';
import { ItemsService } from '../workflow/items/items.service';
import { OutboxDispatcher } from '../workflow/outbox/outbox-dispatcher';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import type { CampaignEntity } from './campaign.entity';
import { evaluationDefinitionFor, evaluationKey } from './evaluation-definition';
import { actorPath, assertRoleCovering, holdsRoleCovering } from './campaign-scope';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService, assertReadable } from './campaigns.service';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';

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

  /** Publishes the campaign's evaluation workflow once (validated by workflow-core first). */
  async ensureDefinition(c: CampaignEntity): Promise<string> {
    const def = evaluationDefinitionFor(c);
    const problems = validateDefinition(def);
    if (problems.length) throw new AppError('DEFINITION_INVALID', { details: { problems } });
    await this.definitions.ensurePublished(def);
    return def.key;
  }

  /**
   * Opens the milestone's collection: an evaluation item for every active grassroots union under the
   * launching unit that has none, in batches under the milestone lock (idempotent, resumable).
   */
  async openCollection(principal: Principal, campaignId: string, milestoneId: string): Promise<{ workflow: string; created: number }> {
    const c = await this.campaigns.requireCampaign(campaignId);
    const ms = await this.repo.milestone(milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
    const launching = await this.campaigns.requireUnit(c.launchingUnitId);
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

  async submit(principal: Principal, campaignId: string, milestoneId: string, input: SubmitIndicatorValuesRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    const ms = await this.repo.milestone(milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
    const unit = await this.campaigns.requireUnit(input.unitId);
    assertRoleCovering(principal, ['officer'], unit.path, true);
    const checked = checkIndicatorValues(c.indicators, input.values);
    if (checked.problems.length) throw AppError.validation(checked.problems.map((p) => ({ path: `body.values.${p.key}`, reason: p.reason === 'unknown_indicator' ? 'unrecognized_keys' : p.reason === 'too_many_decimals' ? 'invalid_format' : p.reason, message: p.message })));
    const key = await this.ensureDefinition(c);
    let item = await this.itemFor(c, milestoneId, unit.id);
    if (!item) {
      await this.createItems(c, milestoneId, ms.label, key, unit.path, unit.id);
      item = await this.itemFor(c, milestoneId, unit.id);
    }
    if (!item) throw AppError.notFound('item');
    if (item.status === 'final') throw new AppError('CONFLICT', { details: { reason: 'already_accepted' } });
    if (item.stage !== 'self_assessment') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'báo cáo đang chờ cấp trên xem xét' } });
    // The item's data are the values: indicators not given are cleared (null = missing).
    const patch: Record<string, unknown> = Object.fromEntries(c.indicators.map((i) => [i.key, null]));
    Object.assign(patch, input.values, { selfAssessment: input.selfAssessment ?? null });
    let saved: IndicatorSubmissionEntity | undefined;
    await this.runtime.act({ kind: 'user', principal }, item.id, { type: 'submit' }, {
      now,
      dataPatch: patch,
      inTransaction: async (m) => {
        const existing = await this.repo.submission(campaignId, milestoneId, unit.id, m, true);
        if (existing?.status === 'accepted') throw new AppError('CONFLICT', { details: { reason: 'already_accepted' } });
        const row = existing ?? this.repo.create(m, IndicatorSubmissionEntity, { campaignId, milestoneId, unitId: unit.id, version: 0 });
        Object.assign(row, { values: input.values, scaled: checked.scaled, selfAssessment: input.selfAssessment ?? null, status: 'submitted', submittedByUserId: principal.userId, submittedAt: now, version: row.version + 1 });
        saved = await this.repo.save(m, row);
        await this.audit.record(m, { action: 'indicator.submitted', entityType: 'indicator_submission', entityId: saved.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { unitId: unit.id, milestoneId, values: input.values, itemId: item.id } });
      },
    });
    return toView(saved!);
  }

  async review(principal: Principal, submissionId: string, input: ReviewSubmissionRequest, now = new Date()): Promise<IndicatorSubmissionView> {
    const s = await this.repo.submissionById(submissionId);
    if (!s) throw AppError.notFound('submission');
    const unit = await this.campaigns.requireUnit(s.unitId);
    // A supervisor ABOVE the unit (not the unit itself) reviews; the tree as it is now decides who.
    const parentPath = unit.path.slice(0, unit.path.slice(0, -1).lastIndexOf('/') + 1);
    if (!holdsRoleCovering(principal, ['supervisor'], parentPath)) throw AppError.forbidden({ needs: ['supervisor'], above: unit.path });
    if (input.decision === 'return' && !input.comment) throw new AppError('COMMENT_REQUIRED');
    const c = await this.campaigns.requireCampaign(s.campaignId);
    const item = await this.itemFor(c, s.milestoneId, s.unitId);
    const apply = async (m: EntityManager): Promise<IndicatorSubmissionEntity> => {
      const row = (await this.repo.submissionById(submissionId, m, true))!;
      if (row.status !== 'submitted') throw new AppError('TRANSITION_REFUSED', { params: { reason: `báo cáo đang ở trạng thái ${row.status}` } });
      Object.assign(row, { status: input.decision === 'accept' ? 'accepted' : 'returned', reviewComment: input.comment ?? null, reviewedByUserId: principal.userId, reviewedAt: now, version: row.version + 1 });
      const r = await this.repo.save(m, row);
      await this.audit.record(m, { action: 'indicator.reviewed', entityType: 'indicator_submission', entityId: r.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { decision: input.decision, comment: input.comment ?? null, itemId: item?.id ?? null } });
      return r;
    };
    if (!item || item.stage !== 'review') {
      // A submission made before its evaluation item existed: the domain row alone.
      return toView(await this.repo.transaction(apply));
    }
    let saved: IndicatorSubmissionEntity | undefined;
    const event = input.decision === 'accept' ? ({ type: 'approve' } as const) : ({ type: 'return', comment: input.comment! } as const);
    await this.runtime.act({ kind: 'user', principal }, item.id, event, { now, inTransaction: async (m) => void (saved = await apply(m)) });
    return toView(saved!);
  }

  async list(principal: Principal, campaignId: string, milestoneId: string, unitId: string): Promise<IndicatorSubmissionView[]> {
    await this.campaigns.requireCampaign(campaignId);
    const unit = await this.campaigns.requireUnit(unitId);
    assertReadable(principal, unit.path);
    return (await this.repo.submissionsUnder(milestoneId, unit.path)).map(toView);
  }
}
