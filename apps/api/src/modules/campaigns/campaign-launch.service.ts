import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CampaignCascadeView } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError, isAppError } from '../../common/errors/app-error';
import { currentLogger } from '../../common/logging/request-context';
import { DocumentsService, WorkItemNumbering, workItemSourceRef, type NumberAllocated } from '../documents/index';
import { CascadeService, ItemRuntime, ItemsService, OutboxDispatcher } from '../workflow/index';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { actorPath } from '../../common/auth/role-scope';
import type { CampaignEntity } from './campaign.entity';
import { CampaignsRepository } from './campaigns.repository';

const DIRECT_BATCH = 500;

export interface PlanInput {
  body: string[];
  signerName: string;
  signerTitle?: string;
  recipients?: string[];
}

/**
 * The campaign launch on the workflow runtime (docs/campaigns.md, "Launch"):
 * - submitting the plan creates the campaign's `launch` work item at the launching unit
 *   (campaign_id set, stored as campaign.launch_item_id), drafts the KH document for it
 *   (source_ref `work_item:<id>`) and submits the item: the standing committee finds it in its inbox;
 * - approving is the engine's `approve` on that item; in the SAME transaction the plan is signed and
 *   numbered by the one register (DocumentNumberingService). The runtime's `documents.allocate_number`
 *   job then finds it signed (documents/work-item-numbering.ts); an approval made through the generic
 *   items API is numbered by that job instead, and `onNumberAllocated` below marks the campaign launched;
 * - the runtime's fan-out (CascadeService, batched, resumable, UNIQUE per unit) reaches every upper
 *   union (launch_ack); each acknowledgement fans out unit_plan items to its grassroots unions;
 * - grassroots unions directly under the launching unit are not reached by the default `launch`
 *   definition: this service gives them their unit_plan item (campaign_id set, no parent) through
 *   ItemsService.createMany, under the campaign row lock, idempotently.
 */
@Injectable()
export class CampaignLaunchService implements OnModuleInit {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly documents: DocumentsService,
    private readonly numbering: WorkItemNumbering,
    private readonly items: ItemsService,
    private readonly runtime: ItemRuntime,
    private readonly cascades: CascadeService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.numbering.onNumberAllocated((e) => this.onNumberAllocated(e));
  }

  /**
   * The officer submits the plan: a thin adapter over the runtime. The launch item is created once (with the KH
   * draft of this request's text), then the engine's `submit`, exactly as `POST /api/items/:id/actions` would do:
   * the campaign's status follows through the `campaign.plan_submitted` hook (campaign-projections.service.ts).
   */
  async submitPlan(principal: Principal, c: CampaignEntity, input: PlanInput): Promise<void> {
    if (c.status === 'cancelled' || c.status === 'closed') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào đã kết thúc' } });
    let itemId = c.launchItemId;
    if (!itemId) {
      const unit = await this.cascadeRepo.unitRow(c.launchingUnitId);
      if (!unit) throw AppError.notFound('unit');
      const { compiled } = await this.items.publishedDefinition('launch');
      const { id, outbox } = await this.repo.transaction(async (m) => {
        const locked = (await this.repo.campaign(c.id, m, true))!;
        if (locked.launchItemId) return { id: locked.launchItemId, outbox: [] };
        const { rows, outbox } = await this.items.createMany(m, { kind: 'user', principal }, compiled, [
          { unit, title: `Phát động phong trào thi đua "${c.title}"`.slice(0, 500), data: launchData(c), campaignId: c.id, parentItemId: null },
        ]);
        locked.launchItemId = rows[0].id;
        if (!locked.planDocumentId) locked.planDocumentId = (await this.draftPlan(m, c, input, principal.userId, rows[0].id)).id;
        locked.updatedAt = new Date();
        await this.repo.save(m, locked);
        return { id: rows[0].id, outbox };
      });
      this.dispatcher.dispatchSoon(outbox);
      itemId = id;
    }
    await this.runtime.act({ kind: 'user', principal }, itemId, { type: 'submit' }, { hookInput: { plan: { ...input } } });
  }

  private draftPlan(m: EntityManager, c: CampaignEntity, input: PlanInput, userId: string, launchItemId: string): Promise<{ id: string }> {
    return this.documents.createIn(
      m,
      {
        issuerUnitId: c.launchingUnitId,
        series: 'main',
        docType: 'KH',
        summary: `Phát động phong trào thi đua "${c.title}"`,
        title: `Phát động phong trào thi đua\n"${c.title}"`,
        body: input.body.length ? input.body : defaultPlanBody(c),
        authority: 'TM',
        authorityBody: 'BAN THƯỜNG VỤ',
        signerTitle: input.signerTitle ?? 'CHỦ TỊCH',
        signerName: input.signerName,
        recipients: input.recipients ?? ['Tổng LĐLĐ Việt Nam (b/c)', 'Thường trực Tỉnh ủy (b/c)', 'Công đoàn cấp trên trực tiếp cơ sở', 'Các Ban LĐLĐ tỉnh'],
        archiveDepartments: ['Ban CSPL'],
        campaignId: c.id,
      },
      userId,
      workItemSourceRef(launchItemId),
    );
  }

  /**
   * The standing committee approves: the engine's `approve` on the launch item. The `campaign.launched` hook signs
   * and numbers the plan (the one register) and marks the campaign launched in that step's transaction, whichever
   * endpoint was used; the fan-out starts as a job and the direct grassroots unions get their plans right after.
   */
  async approve(principal: Principal, c: CampaignEntity, input: { signedOn?: string; now?: Date }): Promise<void> {
    if (!c.launchItemId) throw new AppError('TRANSITION_REFUSED', { params: { reason: 'kế hoạch chưa được trình' } });
    await this.runtime.act({ kind: 'user', principal }, c.launchItemId, { type: 'approve' }, { now: input.now, hookInput: input.signedOn ? { signedOn: input.signedOn } : {} });
    await this.ensureDirectPlans(c.id);
  }

  /**
   * The launching unit's standing committee cancels the whole campaign: the campaign row becomes
   * cancelled with its audit row, then every open item of the campaign (launch, acknowledgements, plans,
   * evaluations, nominations) is cancelled with one history row each, so nothing is left waiting.
   */
  async cancel(principal: Principal, c: CampaignEntity, reason: string): Promise<number> {
    if (c.status === 'cancelled' || c.status === 'closed') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào đã kết thúc' } });
    await this.repo.transaction(async (m) => {
      const locked = (await this.repo.campaign(c.id, m, true))!;
      if (locked.status === 'cancelled' || locked.status === 'closed') throw new AppError('CONFLICT');
      locked.status = 'cancelled';
      locked.version += 1;
      locked.updatedAt = new Date();
      await this.repo.save(m, locked);
      await this.audit.record(m, { action: 'campaign.cancelled', entityType: 'campaign', entityId: c.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { reason } });
    });
    return this.cascades.cancelCampaignItems(c.id, 'campaign_cancelled', reason);
  }

  /** The standing committee returns the plan (the engine's `return`); the `campaign.plan_drafting` hook sets it back to draft. */
  async returnPlan(principal: Principal, c: CampaignEntity, comment: string): Promise<void> {
    if (!c.launchItemId) throw new AppError('TRANSITION_REFUSED', { params: { reason: 'kế hoạch chưa được trình' } });
    await this.runtime.act({ kind: 'user', principal }, c.launchItemId, { type: 'return', comment });
  }

  /**
   * The runtime numbered a launch item (job `documents.allocate_number`; the `campaign.launched` hook normally
   * signed it already): make sure the direct grassroots unions have their plans. Idempotent.
   */
  async onNumberAllocated(e: NumberAllocated): Promise<void> {
    const c = await this.repo.campaignByLaunchItem(e.itemId);
    if (!c) return;
    if (!c.planDocumentId) {
      await this.repo.transaction(async (m) => {
        const locked = (await this.repo.campaign(c.id, m, true))!;
        if (locked.planDocumentId) return;
        locked.planDocumentId = e.documentId;
        locked.updatedAt = new Date();
        await this.repo.save(m, locked);
      });
    }
    await this.ensureDirectPlans(c.id);
  }

  /**
   * Unit plans for the grassroots unions directly under the launching unit (the default `launch`
   * fans out to upper unions only). Batches of DIRECT_BATCH, each under the campaign row lock, so
   * two callers (the launch request and the numbering job) never make two plans for one unit.
   */
  async ensureDirectPlans(campaignId: string): Promise<number> {
    const c = await this.repo.campaign(campaignId);
    if (!c || c.status !== 'launched' || !c.launchItemId) return 0;
    const { compiled } = await this.items.publishedDefinition('unit_plan');
    let created = 0;
    for (;;) {
      const { n, outbox } = await this.repo.transaction(async (m) => {
        await this.cascadeRepo.lockCampaign(m, campaignId);
        const units = await this.cascadeRepo.directGrassrootsWithoutPlan(m, campaignId, c.launchingUnitId, DIRECT_BATCH);
        if (units.length === 0) return { n: 0, outbox: [] };
        const { rows, outbox } = await this.items.createMany(
          m,
          { kind: 'system', reason: 'campaign.direct_plans' },
          compiled,
          units.map((u) => ({ unit: u, title: `${c.title} — ${u.name}`.slice(0, 500), data: {}, campaignId, parentItemId: null })),
        );
        return { n: rows.length, outbox };
      });
      this.dispatcher.dispatchSoon(outbox);
      created += n;
      if (n < DIRECT_BATCH) break;
    }
    return created;
  }

  /**
   * Brings the campaign's cascade in line with the tree now (also run by the runtime's scheduler for
   * the fan-outs): the runtime reconciles the launch item and every open launch_ack (a unit moved into
   * an upper union's subtree gets its plan there; the plan of a unit that left is cancelled, as
   * launch_ack's `movedOut: cancel` says); then the campaign's own plans for direct grassroots unions
   * follow the same rule: a unit that left the launching unit has its open plan cancelled (one history
   * row), a unit that arrived gets one.
   */
  async reconcile(campaignId: string): Promise<{ spawned: number; cancelled: number; carriedOver: number; directCreated: number; directCancelled: number }> {
    const c = await this.repo.campaign(campaignId);
    if (!c) throw AppError.notFound('campaign');
    const out = { spawned: 0, cancelled: 0, carriedOver: 0, directCreated: 0, directCancelled: 0 };
    if (!c.launchItemId || c.status !== 'launched') return out;
    for (const id of [c.launchItemId, ...(await this.cascadeRepo.openAckItems(campaignId)).map((r) => r.id)]) {
      const r = await this.cascades.reconcile(id);
      out.spawned += r.spawned;
      out.cancelled += r.cancelled;
      out.carriedOver += r.carriedOver;
    }
    for (const stray of await this.cascadeRepo.strayDirectPlans(campaignId, c.launchingUnitId)) {
      try {
        await this.runtime.act({ kind: 'system', reason: 'campaign.unit_left' }, stray.id, { type: 'cancel', comment: 'Đơn vị đã chuyển khỏi đơn vị phát động' }, { retryOnConflict: 3 });
        out.directCancelled += 1;
      } catch (e) {
        // A stage without a cancel transition (e.g. the provincial second review) keeps the plan.
        if (!isAppError(e)) throw e;
        currentLogger().info({ itemId: stray.id, code: e.code }, 'direct plan of a unit that left kept');
      }
    }
    out.directCreated = await this.ensureDirectPlans(campaignId);
    return out;
  }

  async cascadeView(c: CampaignEntity): Promise<CampaignCascadeView> {
    const unit = await this.cascadeRepo.unitRow(c.launchingUnitId);
    const path = unit?.path ?? '/';
    const [item, totals, byUnit] = await Promise.all([
      c.launchItemId ? this.cascadeRepo.launchItem(c.launchItemId) : Promise.resolve(null),
      this.cascadeRepo.totals(c.id, c.launchingUnitId, path),
      this.cascadeRepo.byUnit(c.id, c.launchingUnitId, path),
    ]);
    const launch = item?.cascade
      ? { status: String(item.cascade.status), reached: Number(item.cascade.reached ?? 0), total: item.cascade.total === null || item.cascade.total === undefined ? null : Number(item.cascade.total), submitted: Number(item.cascade.submitted ?? 0), settled: Number(item.cascade.settled ?? 0) }
      : null;
    const sum = (k: 'plansReached' | 'plansSubmitted' | 'plansApproved' | 'plansReturned') => byUnit.reduce((a, r) => a + Number(r[k]), 0);
    const grassroots = { total: totals.grassrootsTotal, reached: sum('plansReached'), submitted: sum('plansSubmitted'), approved: sum('plansApproved'), returned: sum('plansReturned') };
    return {
      campaignId: c.id,
      launchItemId: c.launchItemId,
      launchStage: item?.stage ?? null,
      launch,
      upperUnions: { total: totals.upperTotal, reached: totals.upperReached, acknowledged: totals.acknowledged },
      grassroots,
      unitsReached: totals.upperReached + grassroots.reached,
      unitsTotal: totals.upperTotal + totals.grassrootsTotal,
      byUnit: byUnit.map((r) => ({
        unit: { id: r.id, code: r.code, name: r.name },
        ackItemId: r.ackItemId,
        ackStage: r.ackStage,
        acknowledged: r.ackSubmitted === true,
        grassrootsTotal: Number(r.grassrootsTotal),
        plansReached: Number(r.plansReached),
        plansSubmitted: Number(r.plansSubmitted),
        plansApproved: Number(r.plansApproved),
      })),
    };
  }
}

/** The launch item's fields (workflow-core `launch`: title, goals, criteria, startDate, endDate). */
export function launchData(c: CampaignEntity): Record<string, unknown> {
  return {
    title: c.title.length >= 5 ? c.title.slice(0, 500) : `Phong trào ${c.title}`,
    goals: `Phát động sâu rộng phong trào thi đua "${c.title}" đến các cấp công đoàn, đoàn viên, người lao động.`,
    criteria: c.criteria.length ? c.criteria.join('; ') : 'Theo kế hoạch phát động',
    startDate: c.periodFrom,
    endDate: c.periodTo,
  };
}

export function defaultPlanBody(c: CampaignEntity): string[] {
  return [
    '# I. MỤC ĐÍCH, YÊU CẦU',
    `Phát động sâu rộng phong trào thi đua "${c.title}" giai đoạn ${c.periodFrom.slice(0, 4)} - ${c.periodTo.slice(0, 4)} đến các cấp công đoàn, đoàn viên, người lao động.`,
    ...(c.legalBasis.length ? ['# II. CĂN CỨ', ...c.legalBasis.map((b) => `- ${b};`)] : []),
    ...(c.criteria.length ? ['# III. NỘI DUNG, TIÊU CHÍ THI ĐUA', ...c.criteria.map((x) => `- ${x};`)] : []),
    '# IV. TỔ CHỨC THỰC HIỆN',
    'Công đoàn cấp trên trực tiếp cơ sở xây dựng hướng dẫn, triển khai đến công đoàn cơ sở trực thuộc; công đoàn cơ sở xây dựng kế hoạch thực hiện, đăng ký mô hình điển hình.',
  ];
}
