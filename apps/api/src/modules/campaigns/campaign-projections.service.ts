import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CampaignStatus } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { AppError, isAppError } from '../../common/errors/app-error';
import { checkIndicatorValues } from '@thidua/contracts';
import { DocumentsService, workItemSourceRef } from '../documents/index';
import { CompiledDefinitions, ItemsService, WorkflowHookRegistry, type HookContext, type ItemEventRecord, type WorkItemRecord } from '../workflow/index';
import { defaultPlanBody } from './campaign-launch.service';
import { CAMPAIGN_HOOKS, EVALUATION_HOOKS, campaignStatusOf, indicatorValuesOf, submissionFromHistory, type ProjectionEvent } from './campaign-projections';
import type { CampaignEntity } from './campaign.entity';
import { CampaignsRepository } from './campaigns.repository';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';

const toProjectionEvents = (rows: readonly ItemEventRecord[]): ProjectionEvent[] =>
  rows.map((r) => ({ itemVersion: Number(r.itemVersion), occurredAt: new Date(r.occurredAt), actorUserId: r.actorUserId, fromStage: r.fromStage, toStage: r.toStage, comment: r.comment, changes: (r.changes ?? {}) as ProjectionEvent['changes'] }));

export interface ProjectionSnapshot {
  campaigns: Array<{ id: string; status: CampaignStatus }>;
  submissions: Array<Record<string, unknown>>;
}

/**
 * The campaign records that are projections of work-item state (docs/campaigns.md, "Projections of item
 * state"): the campaign's status (from its launch item) and the indicator submissions (from the evaluation
 * items). Written by named stage hooks inside the step's own transaction, whichever endpoint moved the item
 * (`/api/items/:id/actions` or a campaign endpoint), and rebuilt from item state and history by
 * `rebuildAll` (`npm run projections:rebuild -w @thidua/api`). Models and plan figures are not stored: they are
 * queries over the unit-plan items (tag `campaign.plan_approved`).
 */
@Injectable()
export class CampaignProjections implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: WorkflowHookRegistry,
    private readonly repo: CampaignsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
    private readonly definitions: CompiledDefinitions,
  ) {}

  onModuleInit(): void {
    const launch = (m: EntityManager, ctx: HookContext) => this.onLaunchStage(m, ctx);
    this.registry.register({ name: CAMPAIGN_HOOKS.planDrafting, contract: { on: ['enter'], stageKinds: ['task'] }, handler: launch });
    this.registry.register({ name: CAMPAIGN_HOOKS.planSubmitted, contract: { on: ['enter'], stageKinds: ['task'] }, handler: launch });
    this.registry.register({ name: CAMPAIGN_HOOKS.launched, contract: { on: ['enter'], stageKinds: ['fanout', 'task', 'final'] }, handler: launch });
    this.registry.register({ name: CAMPAIGN_HOOKS.launchEnded, contract: { on: ['enter'], stageKinds: ['final'], outcomes: ['rejected', 'cancelled'] }, handler: launch });
    for (const hook of [CAMPAIGN_HOOKS.planDrafting, CAMPAIGN_HOOKS.planSubmitted, CAMPAIGN_HOOKS.launched]) this.registry.require('launch', hook);
    const evaluation = (m: EntityManager, ctx: HookContext) => this.onEvaluationStage(m, ctx);
    this.registry.register({ name: EVALUATION_HOOKS.recordSubmission, contract: { on: ['enter'], stageKinds: ['task'] }, handler: evaluation });
    this.registry.register({ name: EVALUATION_HOOKS.recordReview, contract: { on: ['leave'], stageKinds: ['task'] }, handler: evaluation });
    this.registry.require('evaluation_*', EVALUATION_HOOKS.recordSubmission);
    this.registry.require('evaluation_*', EVALUATION_HOOKS.recordReview);
  }

  // ---------- launch ----------

  private async onLaunchStage(m: EntityManager, ctx: HookContext): Promise<void> {
    let found = await this.repo.campaignByLaunchItem(ctx.item.id, m);
    // A launch item created through the generic items API with the campaign's id becomes the campaign's launch
    // item (the campaign endpoint creates it and sets the link itself).
    if (!found && ctx.hook.event === 'create' && ctx.item.campaignId) {
      const candidate = await this.repo.campaign(ctx.item.campaignId, m, true);
      if (candidate && !candidate.launchItemId && candidate.launchingUnitId === ctx.item.unitId) {
        candidate.launchItemId = ctx.item.id;
        candidate.updatedAt = new Date();
        await this.repo.save(m, candidate);
        found = candidate;
      }
    }
    if (!found) return;
    const c = (await this.repo.campaign(found.id, m, true))!;
    const { compiled } = await this.definitions.byId(ctx.item.definitionId, m);
    const status = campaignStatusOf(compiled.definition, ctx.item) ?? c.status;
    const input = ctx.input ?? {};
    const details: Record<string, unknown> = { launchItemId: ctx.item.id, stage: ctx.hook.stage, event: ctx.hook.event };
    if (ctx.hook.name === CAMPAIGN_HOOKS.planSubmitted && !c.planDocumentId) {
      c.planDocumentId = (await this.draftPlan(m, c, ctx)).id;
      details.documentId = c.planDocumentId;
    }
    if (ctx.hook.name === CAMPAIGN_HOOKS.launched && c.planDocumentId) {
      // Signed and numbered by the one register in this step; the runtime's documents.allocate_number then finds it
      // signed. Everything here reads through `m`: the embedded database serves one transaction at a time.
      try {
        const signed = await this.documents.signIn(m, c.planDocumentId, { userId: ctx.actor.userId, signedOn: typeof input.signedOn === 'string' ? input.signedOn : undefined, now: ctx.now });
        details.symbol = signed.symbol;
      } catch (e) {
        if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
      }
    }
    if (status === c.status && !details.documentId && !details.symbol) return;
    const before = c.status;
    c.status = status;
    c.version += 1;
    c.updatedAt = new Date();
    await this.repo.save(m, c);
    const action = status === 'awaiting_approval' ? 'campaign.plan_submitted' : status === 'launched' ? 'campaign.launched' : 'campaign.updated';
    const comment = 'comment' in ctx.event && typeof ctx.event.comment === 'string' ? ctx.event.comment : null;
    await this.audit.record(m, { action, entityType: 'campaign', entityId: c.id, actorUserId: ctx.actor.userId, details: { ...details, from: before, to: status, ...(comment ? { comment } : {}), ...(ctx.actor.system ? { system: ctx.actor.system } : {}) } });
    if (before !== status) {
      ctx.publish?.({
        type: 'campaign.status_changed',
        unitId: ctx.item.unitId,
        unitPath: ctx.item.unitPath,
        occurredAt: ctx.now.toISOString(),
        data: { campaignId: c.id, code: c.code, title: c.title, from: before, to: status, launchItemId: ctx.item.id, ...(details.symbol ? { symbol: details.symbol } : {}), actorUserId: ctx.actor.userId },
      });
    }
  }

  private async draftPlan(m: EntityManager, c: CampaignEntity, ctx: HookContext): Promise<{ id: string }> {
    const plan = (ctx.input?.plan ?? {}) as { body?: string[]; signerName?: string; signerTitle?: string; recipients?: string[] };
    const signerName = plan.signerName ?? (ctx.actor.userId ? await this.repo.userFullName(ctx.actor.userId, m) : null) ?? 'Ban Thường vụ';
    return this.documents.createIn(
      m,
      {
        issuerUnitId: c.launchingUnitId,
        series: 'main',
        docType: 'KH',
        summary: `Phát động phong trào thi đua "${c.title}"`,
        title: `Phát động phong trào thi đua\n"${c.title}"`,
        body: plan.body?.length ? plan.body : defaultPlanBody(c),
        authority: 'TM',
        authorityBody: 'BAN THƯỜNG VỤ',
        signerTitle: plan.signerTitle ?? 'CHỦ TỊCH',
        signerName,
        recipients: plan.recipients ?? ['Tổng LĐLĐ Việt Nam (b/c)', 'Thường trực Tỉnh ủy (b/c)', 'Công đoàn cấp trên trực tiếp cơ sở', 'Các Ban LĐLĐ tỉnh'],
        archiveDepartments: ['Ban CSPL'],
        campaignId: c.id,
      },
      ctx.actor.userId,
      workItemSourceRef(ctx.item.id),
    );
  }

  // ---------- evaluations ----------

  private async onEvaluationStage(m: EntityManager, ctx: HookContext): Promise<void> {
    const milestoneId = ctx.item.data.milestoneId;
    if (!ctx.item.campaignId || typeof milestoneId !== 'string') return;
    const c = await this.repo.campaign(ctx.item.campaignId, m);
    if (!c) return;
    if (ctx.hook.name === EVALUATION_HOOKS.recordSubmission) {
      const ms = await this.repo.milestone(milestoneId, m);
      if (!ms || ms.campaignId !== c.id) throw AppError.notFound('milestone');
      if (ms.status !== 'open') throw new AppError('COLLECTION_CLOSED');
      // The engine checked types and ranges; the roll-up also needs exact decimals and known keys.
      const checked = checkIndicatorValues(c.indicators, indicatorValuesOf(c.indicators, ctx.data));
      if (checked.problems.length) throw AppError.validation(checked.problems.map((p) => ({ path: `data.${p.key}`, reason: p.reason === 'too_many_decimals' ? 'invalid_format' : p.reason, message: p.message })));
    }
    const row = await this.projectSubmission(m, c, ctx.item, milestoneId);
    if (row) {
      const action = ctx.hook.name === EVALUATION_HOOKS.recordSubmission ? 'indicator.submitted' : 'indicator.reviewed';
      await this.audit.record(m, { action, entityType: 'indicator_submission', entityId: row.id, actorUserId: ctx.actor.userId, details: { unitId: ctx.item.unitId, milestoneId, itemId: ctx.item.id, status: row.status, ...(action === 'indicator.submitted' ? { values: row.values } : { comment: row.reviewComment }) } });
    }
  }

  /** Writes (or removes) the submission row the item's history implies. */
  private async projectSubmission(m: EntityManager, c: CampaignEntity, item: WorkItemRecord, milestoneId: string, onRemove?: () => void): Promise<IndicatorSubmissionEntity | null> {
    const { compiled } = await this.definitions.byId(item.definitionId, m);
    const projected = submissionFromHistory(compiled.definition, c.indicators, item.data, toProjectionEvents(await this.items.historyRecords(item.id, m)));
    const existing = await this.repo.submission(c.id, milestoneId, item.unitId, m, true);
    if (!projected) {
      if (existing) {
        await m.remove(existing);
        onRemove?.();
      }
      return null;
    }
    const row = existing ?? this.repo.create(m, IndicatorSubmissionEntity, { campaignId: c.id, milestoneId, unitId: item.unitId });
    Object.assign(row, projected);
    return this.repo.save(m, row);
  }

  // ---------- rebuild ----------

  /**
   * Rebuilds every projection from item state and history: each campaign's status from its launch item, each
   * submission row from its evaluation item (rows without an item are removed). One transaction.
   */
  async rebuildAll(): Promise<{ campaigns: number; campaignsChanged: number; submissions: number; submissionsRemoved: number }> {
    return this.dataSource.transaction(async (m) => {
      const out = { campaigns: 0, campaignsChanged: 0, submissions: 0, submissionsRemoved: 0 };
      for (const c of await this.repo.campaignsWithLaunchItem(m)) {
        const [item] = await this.items.records([c.launchItemId as string], m);
        if (!item) continue;
        const { compiled } = await this.definitions.byId(item.definitionId, m);
        const status = campaignStatusOf(compiled.definition, item);
        out.campaigns += 1;
        if (status && status !== c.status) {
          await this.repo.setCampaignStatus(m, c.id, status);
          out.campaignsChanged += 1;
        }
      }
      const campaigns = new Map<string, CampaignEntity>();
      const kept = new Set<string>();
      for (const ref of await this.repo.evaluationItemIds(m)) {
        const [item] = await this.items.records([ref.id], m);
        const milestoneId = item?.data.milestoneId;
        if (!item || !item.campaignId || typeof milestoneId !== 'string') continue;
        let c = campaigns.get(item.campaignId);
        if (!c) {
          c = (await this.repo.campaign(item.campaignId, m)) ?? undefined;
          if (!c) continue;
          campaigns.set(c.id, c);
        }
        const row = await this.projectSubmission(m, c, item, milestoneId, () => void (out.submissionsRemoved += 1));
        if (row) {
          kept.add(row.id);
          out.submissions += 1;
        }
      }
      out.submissionsRemoved += await this.repo.removeSubmissionsExcept(m, [...kept]);
      return out;
    });
  }

  /** The projected records, in a stable order (for comparing the live ones with a rebuild). */
  async snapshot(): Promise<ProjectionSnapshot> {
    return this.repo.projectionSnapshot();
  }
}
