import { Injectable } from '@nestjs/common';
import type {
  AwardFormView,
  CampaignCascadeView,
  CampaignView,
  CreateCampaignRequest,
  ExemplaryModelView,
  ListCampaignsQuery,
  QuotaView,
  RegisterModelRequest,
  SetQuotaRequest,
} from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { assertCovers, covers, regionsOf } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { vietnamDate, DocumentsService } from '../documents/index';
import { ItemsService } from '../workflow/index';
import { awardCatalogue, awardForm } from './award-catalogue';
import { CampaignLaunchService, type PlanInput } from './campaign-launch.service';
import { CampaignMilestoneEntity } from './campaign-milestone.entity';
import { actorPath, assertRoleCovering } from '../../common/auth/role-scope';
import { CampaignEntity } from './campaign.entity';
import { CampaignsRepository, type UnitInfo } from './campaigns.repository';
import { ExemplaryModelEntity } from './exemplary-model.entity';
import { CommendationQuotaEntity } from './commendation-quota.entity';
import { quotaLimit } from './commendation-rules';

/** Campaigns: definition, launch plan and its approval, exemplary models, award catalogue, quotas. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly launch: CampaignLaunchService,
    private readonly items: ItemsService,
  ) {}

  /** A unit's nominations of one form: live (not settled as rejected or withdrawn: they count against its quota) and awarded. */
  async nominationCounts(campaignId: string, unitId: string, form: string, m?: EntityManager): Promise<{ live: number; awarded: number }> {
    const items = await this.items.records(await this.repo.nominationItemIds(campaignId, unitId, form, m), m);
    return {
      live: items.filter((i) => !(i.status === 'final' && (i.outcome === 'rejected' || i.outcome === 'cancelled'))).length,
      awarded: items.filter((i) => i.status === 'final' && i.outcome === 'approved').length,
    };
  }

  async liveNominationCount(campaignId: string, unitId: string, form: string, m?: EntityManager): Promise<number> {
    return (await this.nominationCounts(campaignId, unitId, form, m)).live;
  }

  /**
   * A unit's quota for a form now: its limit (a count, or share × base rounded down: the unit's members, or
   * the titles of `baseForm` awarded to its nominations, the level below), what counts against it at
   * nomination (`used`: live) and at decision (`awarded`). Null when no quota is set.
   */
  async quotaState(campaignId: string, unitId: string, form: string, m?: EntityManager, lock = false): Promise<{ quota: CommendationQuotaEntity; limit: number; baseValue: number | null; used: number; awarded: number } | null> {
    const quota = await this.repo.quota(campaignId, unitId, form, m, lock);
    if (!quota) return null;
    let baseValue: number | null = null;
    if (quota.base === 'members') baseValue = (await this.repo.unit(unitId, m))?.memberCount ?? null;
    if (quota.base === 'titles_below' && quota.baseForm) baseValue = (await this.nominationCounts(campaignId, unitId, quota.baseForm, m)).awarded;
    const counts = await this.nominationCounts(campaignId, unitId, form, m);
    const limit = quotaLimit({ maxCount: quota.maxCount, share: quota.share === null ? null : Number(quota.share), base: quota.base }, baseValue);
    return { quota, limit, baseValue, used: counts.live, awarded: counts.awarded };
  }

  private async quotaView(campaignId: string, q: CommendationQuotaEntity): Promise<QuotaView> {
    const st = (await this.quotaState(campaignId, q.unitId, q.awardForm))!;
    return { unitId: q.unitId, awardForm: q.awardForm, maxCount: q.maxCount, share: q.share === null ? null : Number(q.share), base: q.base, baseForm: q.baseForm, baseValue: st.baseValue, limit: st.limit, used: st.used };
  }

  async create(principal: Principal, input: CreateCampaignRequest): Promise<CampaignView> {
    const unit = await this.requireUnit(input.launchingUnitId);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true);
    const id = await this.repo.transaction((m) => this.createIn(m, input, principal.userId, actorPath(principal)));
    return this.get(principal, id);
  }

  /** Also used by the demo seeder. */
  async createIn(m: EntityManager, input: CreateCampaignRequest, userId: string | null, path: string | null): Promise<string> {
    if (await this.repo.campaignByCode(input.code, m)) throw new AppError('ALREADY_EXISTS', { params: { entity: `Phong trào ${input.code}` } });
    const c = await this.repo.save(
      m,
      this.repo.create(m, CampaignEntity, {
        code: input.code,
        title: input.title,
        periodFrom: input.period.from,
        periodTo: input.period.to,
        launchingUnitId: input.launchingUnitId,
        legalBasis: input.legalBasis,
        criteria: input.criteria,
        indicators: input.indicators,
        status: 'draft',
      }),
    );
    for (const ms of input.milestones) {
      await this.repo.save(m, this.repo.create(m, CampaignMilestoneEntity, { campaignId: c.id, kind: ms.kind, label: ms.label, due: ms.due, status: 'open' }));
    }
    await this.audit.record(m, { action: 'campaign.created', entityType: 'campaign', entityId: c.id, actorUserId: userId, actorUnitPath: path, details: { code: c.code } });
    return c.id;
  }

  async list(principal: Principal, q: ListCampaignsQuery): Promise<CampaignView[]> {
    // A draft is its launching unit's business (and of those who see that unit); a launched campaign reaches down.
    const rows = await this.repo.listCampaigns(q, { draft: regionsOf(principal, 'see'), issued: regionsOf(principal, 'receive') });
    return Promise.all(rows.map((c) => this.view(c)));
  }

  async get(principal: Principal, id: string): Promise<CampaignView> {
    return this.view((await this.readableCampaign(principal, id)).campaign);
  }

  /**
   * The launching unit's officer submits the plan (Kế hoạch) for the standing committee: the
   * campaign's `launch` work item is created and submitted, with a KH draft document for it
   * (CampaignLaunchService).
   */
  async submitPlan(principal: Principal, id: string, input: PlanInput): Promise<CampaignView> {
    const { campaign: c, launching: unit } = await this.readableCampaign(principal, id);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true);
    await this.launch.submitPlan(principal, c, input);
    return this.get(principal, id);
  }

  /**
   * The standing committee approves the launch item: the plan is signed and numbered in the same
   * transaction, the campaign is launched and the runtime's fan-out starts (CampaignLaunchService).
   */
  async approveLaunch(principal: Principal, id: string, input: { signedOn?: string; now?: Date }): Promise<CampaignView> {
    const { campaign: c, launching: unit } = await this.readableCampaign(principal, id);
    assertRoleCovering(principal, ['supervisor'], unit.path, true);
    await this.launch.approve(principal, c, input);
    return this.get(principal, id);
  }

  /** The standing committee returns the plan to the drafter (comment required). */
  async returnPlan(principal: Principal, id: string, input: { comment: string }): Promise<CampaignView> {
    const { campaign: c, launching: unit } = await this.readableCampaign(principal, id);
    assertRoleCovering(principal, ['supervisor'], unit.path, true);
    await this.launch.returnPlan(principal, c, input.comment);
    return this.get(principal, id);
  }

  /** Cancels the whole campaign (supervisor of the launching unit); every open item below is cancelled. */
  async cancel(principal: Principal, id: string, input: { reason: string }): Promise<CampaignView & { cancelledItems: number }> {
    const { campaign: c, launching: unit } = await this.readableCampaign(principal, id);
    assertRoleCovering(principal, ['supervisor'], unit.path, true);
    const cancelledItems = await this.launch.cancel(principal, c, input.reason);
    return { ...(await this.get(principal, id)), cancelledItems };
  }

  /** Cascade progress: units reached of total, plans by unit. */
  async cascade(principal: Principal, id: string): Promise<CampaignCascadeView> {
    const { campaign: c, launching: unit } = await this.readableCampaign(principal, id);
    assertReadable(principal, unit.path);
    const view = await this.launch.cascadeView(c);
    if (covers(principal, unit.path, 'see')) return view;
    // A caller below the launching unit sees the rows of its own subtree only, never a sibling's.
    const paths = new Map((await this.repo.unitsByIds(view.byUnit.map((r) => r.unit.id))).map((u) => [u.id, u.path]));
    const visible = view.byUnit.filter((row) => {
      const path = paths.get(row.unit.id);
      return path !== undefined && covers(principal, path, 'see');
    });
    const sum = (f: (r: (typeof visible)[number]) => number) => visible.reduce((a, r) => a + f(r), 0);
    const reached = sum((r) => r.plansReached) + visible.filter((r) => r.ackItemId).length;
    const total = sum((r) => r.grassrootsTotal) + visible.length;
    return {
      ...view,
      launch: null,
      upperUnions: { total: visible.length, reached: visible.filter((r) => r.ackItemId).length, acknowledged: visible.filter((r) => r.acknowledged === true).length },
      grassroots: { total: sum((r) => r.grassrootsTotal), reached: sum((r) => r.plansReached), submitted: sum((r) => r.plansSubmitted), approved: sum((r) => r.plansApproved), returned: 0 },
      unitsReached: reached,
      unitsTotal: total,
      byUnit: visible,
    };
  }

  /** Supervisor/admin of the launching unit: align the cascade with the tree now (moves, new units). */
  async reconcileCascade(principal: Principal, id: string): Promise<Awaited<ReturnType<CampaignLaunchService['reconcile']>>> {
    const { launching: unit } = await this.readableCampaign(principal, id);
    assertRoleCovering(principal, ['supervisor'], unit.path);
    return this.launch.reconcile(id);
  }

  async registerModel(principal: Principal, campaignId: string, input: RegisterModelRequest): Promise<ExemplaryModelView> {
    const { campaign: c } = await this.readableCampaign(principal, campaignId);
    if (c.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const unit = await this.requireUnit(input.unitId);
    // The unit's own officers and supervisors, or those of a union above it (an upper union registers models for
    // the grassroots unions below it).
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path);
    const saved = await this.repo.transaction(async (m) => {
      const model = await this.repo.save(m, this.repo.create(m, ExemplaryModelEntity, { campaignId, unitId: unit.id, name: input.name, description: input.description, field: input.field, planItemId: input.planItemId ?? null }));
      await this.audit.record(m, { action: 'model.registered', entityType: 'exemplary_model', entityId: model.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { campaignId, unitId: unit.id, name: input.name } });
      return model;
    });
    return { id: saved.id, campaignId, unitId: unit.id, unitName: unit.name, name: saved.name, description: saved.description, field: saved.field, registeredAt: saved.registeredAt.toISOString() };
  }

  async models(principal: Principal, campaignId: string, unitId?: string): Promise<ExemplaryModelView[]> {
    const { launching } = await this.readableCampaign(principal, campaignId);
    const root = unitId ? await this.requireUnit(unitId) : launching;
    assertReadable(principal, root.path);
    // Models belong to the units that registered them: the caller lists those of the units they see.
    const rows = await this.repo.modelsUnder(campaignId, root.path, regionsOf(principal, 'see'));
    return rows.map((r) => ({ id: r.id, campaignId, unitId: r.unitId, unitName: r.unitName, name: r.name, description: r.description, field: r.field, registeredAt: new Date(r.registeredAt).toISOString() }));
  }

  catalogue(on?: string): AwardFormView[] {
    return awardCatalogue(on ?? vietnamDate(new Date()));
  }

  async setQuota(principal: Principal, campaignId: string, input: SetQuotaRequest): Promise<QuotaView> {
    const { launching } = await this.readableCampaign(principal, campaignId);
    assertRoleCovering(principal, ['supervisor', 'officer'], launching.path, true);
    if (!awardForm(input.awardForm, vietnamDate(new Date()))) throw AppError.validation([{ path: 'body.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    await this.requireUnit(input.unitId);
    if (input.baseForm && !awardForm(input.baseForm, vietnamDate(new Date()))) throw AppError.validation([{ path: 'body.baseForm', reason: 'invalid_value', message: 'unknown award form' }]);
    const row: CommendationQuotaEntity = { campaignId, unitId: input.unitId, awardForm: input.awardForm, maxCount: input.maxCount ?? null, share: input.share === undefined ? null : String(input.share), base: input.base ?? null, baseForm: input.base === 'titles_below' ? (input.baseForm ?? null) : null };
    await this.repo.transaction(async (m) => {
      await this.repo.upsertQuota(m, row);
      await this.audit.record(m, { action: 'quota.set', entityType: 'campaign', entityId: campaignId, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { ...input } });
    });
    return this.quotaView(campaignId, row);
  }

  async quotas(principal: Principal, campaignId: string): Promise<QuotaView[]> {
    await this.readableCampaign(principal, campaignId);
    const rows = await this.repo.quotas(campaignId);
    return Promise.all(rows.map((q) => this.quotaView(campaignId, q)));
  }

  async requireCampaign(id: string, m?: EntityManager): Promise<CampaignEntity> {
    const c = await this.repo.campaign(id, m);
    if (!c) throw AppError.notFound('campaign');
    return c;
  }

  /**
   * The campaign and its launching unit, when the caller may read it: a draft only for those who SEE the
   * launching unit, a campaign past draft also for the units below it (`receive`). Otherwise NOT_FOUND, exactly
   * as for an id that does not exist.
   */
  async readableCampaign(principal: Principal, id: string, m?: EntityManager): Promise<{ campaign: CampaignEntity; launching: UnitInfo }> {
    const campaign = await this.repo.campaign(id, m);
    // A random id makes the same lookup as a real one (an outsider's foreign id takes as long; docs/security.md).
    const launching = await this.repo.unit(campaign?.launchingUnitId ?? id, m);
    if (!campaign || !launching || !covers(principal, launching.path, campaign.status === 'draft' ? 'see' : 'receive')) throw AppError.notFound('campaign');
    return { campaign, launching };
  }

  async requireUnit(id: string, m?: EntityManager): Promise<UnitInfo> {
    const u = await this.repo.unit(id, m);
    if (!u) throw AppError.notFound('unit');
    return u;
  }

  private async view(c: CampaignEntity): Promise<CampaignView> {
    const [unit, milestones] = await Promise.all([this.repo.unit(c.launchingUnitId), this.repo.milestones(c.id)]);
    const plan = c.planDocumentId ? await this.documents.find(c.planDocumentId) : null;
    return {
      id: c.id,
      code: c.code,
      title: c.title,
      period: { from: c.periodFrom, to: c.periodTo },
      launchingUnit: { id: c.launchingUnitId, code: unit?.code ?? '', name: unit?.name ?? '' },
      legalBasis: c.legalBasis,
      criteria: c.criteria,
      indicators: c.indicators,
      milestones: milestones.map((m) => ({ id: m.id, kind: m.kind, label: m.label, due: m.due, status: m.status })),
      status: c.status,
      planDocument: plan ? { id: plan.id, symbol: plan.symbol } : null,
      launchItemId: c.launchItemId,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

/**
 * A unit's campaign data (roll-ups, models, submissions at it) is read by whoever sees the unit or a unit below it
 * (`receive`: the subtree view for supervisors, the chain above one's own unit). NOT_FOUND otherwise, the answer
 * for a unit that does not exist.
 */
export function assertReadable(principal: Principal, path: string, resource = 'unit'): void {
  assertCovers(principal, path, 'receive', { resource });
}
