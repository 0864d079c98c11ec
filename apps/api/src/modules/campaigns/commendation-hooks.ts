import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AwardFormView, NomineeKind } from '@thidua/contracts';
import { memoryTree, resolveUnit, type UnitSelector } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { vietnamDate, DocumentsService, workItemSourceRef } from '../documents';
import { ItemsService, WorkflowHookRegistry, type HookContext } from '../workflow';
import { awardForm } from './award-catalogue';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { NominationEntity } from './nomination.entity';

export const COMMENDATION_WORKFLOW = 'commendation';
export const REGISTER_NOMINATION_HOOK = 'commendation.register_nomination';
export const ISSUE_DECISION_HOOK = 'commendation.issue_decision';

/** The item data a nomination is made of (the definition must declare these fields: the hook's contract). */
export const NOMINATION_FIELDS = ['nomineeType', 'nomineeName', 'awardForm', 'awardLevel', 'achievementReport', 'reviewMinutesRef'] as const;

/**
 * The `commendation` definition's award level (the value its guards route on) for a catalogue form: the
 * forms a grassroots union awards itself are decided at its own level, the upper union decides its
 * Giấy khen, the rest goes to the province (and, for the Tổng Liên đoàn's forms, on from there).
 */
export function awardLevelFor(form: Pick<AwardFormView, 'code' | 'decidedBy'>): string {
  switch (form.decidedBy) {
    case 'grassroots_union':
      return 'own_unit';
    case 'upper_union':
      return 'giay_khen_upper';
    case 'province_federation':
      return form.code.startsWith('co_thi_dua') ? 'co_thi_dua_province' : 'bang_khen_province';
    case 'confederation':
      return form.code.startsWith('co_thi_dua') ? 'co_thi_dua_tld' : 'bang_khen_tld';
  }
}

/**
 * The commendation module's stage hooks (docs/campaigns.md, "Commendations on the runtime"). They run
 * inside the step's own transaction, whichever endpoint took the step (`/api/items/:id/actions` or a
 * campaign endpoint), so the nomination can never disagree with its item:
 * - `commendation.register_nomination` (enter of the initial stage): when a campaign's item is created,
 *   checks the award form against the catalogue and the item's award level, the campaign, and the
 *   quota (its row locked, so two nominations racing for the last place cannot both pass), and writes
 *   the nomination row. Later entries (after a return) change nothing.
 * - `commendation.issue_decision` (enter of an approved final stage): drafts the decision (QĐ) naming
 *   the nominee and signs it, which takes its number from the one register, issued by the unit the
 *   stage's `documentNumber.issuer` names, signed by the person who approved. The runtime's own
 *   `documents.allocate_number` job for that stage then finds the document signed (no second number).
 */
@Injectable()
export class CommendationHooks implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowHookRegistry,
    private readonly repo: CampaignsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
    private readonly campaigns: CampaignsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: REGISTER_NOMINATION_HOOK,
      contract: { on: ['enter'], stageKinds: ['task'], requiresFields: [...NOMINATION_FIELDS] },
      handler: (m, ctx) => this.registerNomination(m, ctx),
    });
    this.registry.register({
      name: ISSUE_DECISION_HOOK,
      contract: { on: ['enter'], stageKinds: ['final'], outcomes: ['approved'] },
      handler: (m, ctx) => this.issueDecision(m, ctx),
    });
    this.registry.require(COMMENDATION_WORKFLOW, REGISTER_NOMINATION_HOOK, { min: 1, max: 1 });
    this.registry.require(COMMENDATION_WORKFLOW, ISSUE_DECISION_HOOK, { min: 1 });
  }

  private async registerNomination(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item, data, now } = ctx;
    // Only the item's creation makes a nomination; an item outside any campaign has none (no quota, no council list).
    if (ctx.hook.event !== 'create' || !item.campaignId) return;
    const text = (k: string): string => (typeof data[k] === 'string' ? (data[k] as string) : '');
    const form = awardForm(text('awardForm'), vietnamDate(now));
    if (!form) throw AppError.validation([{ path: 'data.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    const kind = text('nomineeType') as NomineeKind;
    if (!form.nominees.includes(kind)) throw AppError.validation([{ path: 'data.nomineeType', reason: 'invalid_value', message: `${form.code} is not for ${kind}` }]);
    const level = awardLevelFor(form);
    if (text('awardLevel') !== level) throw AppError.validation([{ path: 'data.awardLevel', reason: 'invalid_value', message: `${form.code} is decided at level ${level}` }]);
    const campaign = await this.repo.campaign(item.campaignId, m);
    if (!campaign) throw AppError.notFound('campaign');
    if (campaign.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const quota = await this.repo.quota(campaign.id, item.unitId, form.code, m, true);
    if (quota) {
      const used = await this.campaigns.liveNominationCount(campaign.id, item.unitId, form.code, m);
      if (used >= quota.maxCount) throw new AppError('QUOTA_EXCEEDED', { params: { limit: quota.maxCount, form: form.name }, details: { used, limit: quota.maxCount, awardForm: form.code, unitId: item.unitId } });
    }
    const n = await this.repo.save(
      m,
      this.repo.create(m, NominationEntity, {
        campaignId: campaign.id,
        nominatingUnitId: item.unitId,
        nomineeKind: kind,
        nomineeName: text('nomineeName'),
        nomineeUnitId: null,
        nomineePosition: null,
        awardForm: form.code,
        ruleSet: form.ruleSet.code,
        legalBasis: form.ruleSet.legalBasis,
        achievementSummary: text('achievementReport'),
        reviewMinutes: text('reviewMinutesRef'),
        attachmentIds: [],
        itemId: item.id,
        decisionDocumentId: null,
      }),
    );
    await this.audit.record(m, { action: 'nomination.created', entityType: 'nomination', entityId: n.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { awardForm: form.code, nominee: n.nomineeName, itemId: item.id } });
  }

  private async issueDecision(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item, now } = ctx;
    const ref = workItemSourceRef(item.id);
    const { compiled } = await this.items.definitionOf(item, m);
    const stage = compiled.definition.stages[ctx.hook.stage];
    const issuer = await this.resolve(stage?.documentNumber?.issuer ?? { kind: 'own' }, item.unitId, item.data, m);
    if (!issuer) throw new AppError('UNPROCESSABLE', { details: { reason: 'decision_issuer_not_found', stage: ctx.hook.stage } });
    const n = await this.repo.nominationByItem(item.id, m);
    const form = n ? awardForm(n.awardForm, vietnamDate(now)) : null;
    const campaign = n ? await this.repo.campaign(n.campaignId, m) : null;
    const nominee = n?.nomineeName ?? String(item.data.nomineeName ?? item.title);
    const signerName = ctx.actor.userId ? ((await this.repo.userName(ctx.actor.userId, m)) ?? '—') : '—';
    const draft = await this.documents.createIn(
      m,
      {
        issuerUnitId: issuer.id,
        series: stage?.documentNumber?.series === 'council' ? 'council' : 'main',
        docType: 'QĐ',
        summary: `Về việc khen thưởng${campaign ? ` trong phong trào thi đua "${campaign.title}"` : ''}`,
        body: [
          `Căn cứ ${n?.legalBasis ?? 'Quy chế khen thưởng của tổ chức Công đoàn'};`,
          'Xét đề nghị của đơn vị và kết quả thẩm định, bình xét,',
          '# QUYẾT ĐỊNH:',
          'Điều 1. Khen thưởng:',
          `1. ${nominee}${n?.nomineePosition ? `, ${n.nomineePosition}` : ''} — ${form?.name ?? String(item.data.awardLevel ?? '')}.`,
          'Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
        ],
        authority: 'TM',
        authorityBody: 'BAN THƯỜNG VỤ',
        signerTitle: 'CHỦ TỊCH',
        signerName,
        recipients: ['Như Điều 1', 'Các đơn vị có liên quan'],
        archiveDepartments: ['Văn phòng'],
        campaignId: n?.campaignId ?? item.campaignId ?? undefined,
      },
      ctx.actor.userId,
      ref,
    );
    const signed = await this.documents.signIn(m, draft.id, { userId: ctx.actor.userId, now });
    if (n) {
      n.decisionDocumentId = signed.id;
      await this.repo.save(m, n);
    }
    await this.audit.record(m, { action: 'nomination.acted', entityType: n ? 'nomination' : 'work_item', entityId: n?.id ?? item.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { action: 'decision', symbol: signed.symbol, documentId: signed.id, itemId: item.id, issuerUnitId: issuer.id } });
  }

  /** A definition's unit selector resolved against the item's unit and its ancestors (workflow-core's own rule). */
  private async resolve(selector: UnitSelector, unitId: string, data: Record<string, unknown>, m: EntityManager) {
    const unit = await this.repo.unit(unitId, m);
    if (!unit) return undefined;
    const chain = [...(await this.repo.ancestors(unit, m))].reverse();
    const extra = selector.kind === 'fixed' ? await this.repo.unitByCode(selector.unitCode, m) : selector.kind === 'from_data' && typeof data[selector.field] === 'string' ? await this.repo.unit(data[selector.field] as string, m) : null;
    const units = [...chain, unit, ...(extra ? [extra] : [])].map((u) => ({ id: u.id, code: u.code, kind: u.kind, parentId: u.parentId }));
    return resolveUnit(selector, unit.id, memoryTree(units), data as never);
  }
}
