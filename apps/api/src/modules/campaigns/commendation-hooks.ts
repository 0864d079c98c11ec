import { Injectable, type OnModuleInit } from '@nestjs/common';
import { nominatingMeetingSchema, type AwardFormView, type NominatingMeeting, type NomineeKind } from '@thidua/contracts';
import { memoryTree, resolveUnit, type UnitSelector } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { buildCouncilMinutes, dmy, DocumentsService, vietnamDate, workItemSourceRef, type CouncilTallyRow } from '../documents/index';
import { ItemsService, WorkflowHookRegistry, type HookContext } from '../workflow/index';
import { awardForm } from './award-catalogue';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { dossierMissing, ruleDateFor } from './commendation-rules';
import { NominationEntity } from './nomination.entity';

export const COMMENDATION_WORKFLOW = 'commendation';
export const REGISTER_NOMINATION_HOOK = 'commendation.register_nomination';
export const ISSUE_DECISION_HOOK = 'commendation.issue_decision';
export const CHECK_DOSSIER_HOOK = 'commendation.check_dossier';
export const CHECK_POSTING_HOOK = 'commendation.check_posting';
export const COUNCIL_MINUTES_HOOK = 'commendation.council_minutes';

/** The item data a nomination is made of (the definition must declare these fields: the hook's contract). */
export const NOMINATION_FIELDS = ['nomineeType', 'nomineeName', 'awardForm', 'awardLevel', 'achievementReport', 'reviewMinutesRef'] as const;
/** The dossier's data: the structured achievement report, the nominating meeting, the upper union's confirmation. */
export const DOSSIER_FIELDS = ['achievement', 'nominatingMeeting', 'achievementConfirmation'] as const;

/** Source refs of a nomination's dossier documents (one each, signed in the nominating unit's register). */
export const proposalSourceRef = (nominationId: string): string => `nomination:${nominationId}:proposal`;
export const meetingMinutesSourceRef = (nominationId: string): string => `nomination:${nominationId}:minutes`;

/** The achievement period of a nomination (its own, or its campaign's). */
export function nominationPeriod(n: Pick<NominationEntity, 'periodFrom' | 'periodTo'>, campaign: { periodFrom: string; periodTo: string } | null): { from: string; to: string } {
  return { from: n.periodFrom ?? campaign?.periodFrom ?? n.periodTo ?? '2000-01-01', to: n.periodTo ?? campaign?.periodTo ?? n.periodFrom ?? '2000-01-01' };
}

/** The nominating meeting in the item's data, if it is a valid one. */
export function meetingOf(data: Record<string, unknown>): NominatingMeeting | null {
  const r = nominatingMeetingSchema.safeParse(data.nominatingMeeting);
  return r.success ? r.data : null;
}

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

type DecisionBatch = { documentId: string; issuerUnitId: string; nominations: NominationEntity[]; councilItems: Set<string> };
type MinutesBatch = { documentId: string; rows: CouncilTallyRow[] };

/**
 * The commendation module's stage hooks (docs/campaigns.md, "Commendations on the runtime"). They run
 * inside the step's own transaction, whichever endpoint took the step (`/api/items/:id/actions` or a
 * campaign endpoint), so the nomination can never disagree with its item:
 * - `commendation.register_nomination` (enter of the initial stage): when a campaign's item is created,
 *   takes the achievement period (the item's, or the campaign's), checks the award form against the
 *   catalogue of the rule set in force at the period's END, the item's award level, the campaign, and the
 *   quota (a count or a share of a base; its row locked, so two nominations racing for the last place
 *   cannot both pass), and writes the nomination row. Later entries (after a return) change nothing.
 * - `commendation.check_dossier` (leave of a task stage): a step that takes the nomination on (not back to
 *   the initial stage, not to a refusal) needs the dossier complete for that point — leaving the initial
 *   stage: the unit's signed tờ trình, the structured report, the meeting's signed biên bản with a vote that
 *   passed; leaving a later stage: also the upper union's confirmation, recorded from the step's data
 *   (`achievementConfirmation`) with who gave it. Refused with DOSSIER_INCOMPLETE listing the missing parts.
 * - `commendation.check_posting` (enter of a vote stage): a form that needs a public posting may not be
 *   voted on before one was recorded (POSTING_REQUIRED) and has ended (POSTING_NOT_ENDED).
 * - `commendation.council_minutes` (leave of a vote stage, i.e. the vote closed): the council's biên bản in
 *   its own series, signed by the person who closed; all votes closed in ONE transaction share one biên bản.
 * - `commendation.issue_decision` (enter of an approved final stage): the decision (QĐ) in the union's form
 *   (documents/commendation-decision.ts). All nominations approved in ONE transaction by the same issuer
 *   for the same form of award share ONE numbered QĐ listing them all (the campaign's decision endpoint
 *   decides a chosen set together; one item approved on the items API gets a QĐ of its own); each
 *   nomination points at it, and each item's `work_item:<id>` finds it, so the runtime's own
 *   `documents.allocate_number` job for the stage finds it signed (no second number). The quota is checked
 *   again against the nominations awarded.
 */
@Injectable()
export class CommendationHooks implements OnModuleInit {
  /** Decisions and council minutes being made in a transaction (keyed by its EntityManager: gone with it). */
  private readonly decisionBatches = new WeakMap<EntityManager, Map<string, DecisionBatch>>();
  private readonly minutesBatches = new WeakMap<EntityManager, Map<string, MinutesBatch>>();

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
      name: CHECK_DOSSIER_HOOK,
      contract: { on: ['leave'], stageKinds: ['task'], requiresFields: [...DOSSIER_FIELDS] },
      handler: (m, ctx) => this.checkDossier(m, ctx),
    });
    this.registry.register({
      name: CHECK_POSTING_HOOK,
      contract: { on: ['enter'], stageKinds: ['vote'] },
      handler: (m, ctx) => this.checkPosting(m, ctx),
    });
    this.registry.register({
      name: COUNCIL_MINUTES_HOOK,
      contract: { on: ['leave'], stageKinds: ['vote'] },
      handler: (m, ctx) => this.councilMinutes(m, ctx),
    });
    this.registry.register({
      name: ISSUE_DECISION_HOOK,
      contract: { on: ['enter'], stageKinds: ['final'], outcomes: ['approved'] },
      handler: (m, ctx) => this.issueDecision(m, ctx),
    });
    this.registry.require(COMMENDATION_WORKFLOW, REGISTER_NOMINATION_HOOK, { min: 1, max: 1 });
    this.registry.require(COMMENDATION_WORKFLOW, ISSUE_DECISION_HOOK, { min: 1 });
    this.registry.require(COMMENDATION_WORKFLOW, CHECK_DOSSIER_HOOK, { min: 1 });
  }

  private async registerNomination(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item, data } = ctx;
    // Only the item's creation makes a nomination; an item outside any campaign has none (no quota, no council list).
    if (ctx.hook.event !== 'create' || !item.campaignId) return;
    const text = (k: string): string => (typeof data[k] === 'string' ? (data[k] as string) : '');
    const campaign = await this.repo.campaign(item.campaignId, m);
    if (!campaign) throw AppError.notFound('campaign');
    const from = text('achievementFrom') || campaign.periodFrom;
    const to = text('achievementTo') || campaign.periodTo;
    if (from > to) throw AppError.validation([{ path: 'data.achievementTo', reason: 'invalid_value', message: 'the achievement period ends before it starts' }]);
    const form = awardForm(text('awardForm'), ruleDateFor({ from, to }));
    if (!form) throw AppError.validation([{ path: 'data.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    const kind = text('nomineeType') as NomineeKind;
    if (!form.nominees.includes(kind)) throw AppError.validation([{ path: 'data.nomineeType', reason: 'invalid_value', message: `${form.code} is not for ${kind}` }]);
    const level = awardLevelFor(form);
    if (text('awardLevel') !== level) throw AppError.validation([{ path: 'data.awardLevel', reason: 'invalid_value', message: `${form.code} is decided at level ${level}` }]);
    if (campaign.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const quota = await this.campaigns.quotaState(campaign.id, item.unitId, form.code, m, true);
    if (quota && quota.used >= quota.limit) throw new AppError('QUOTA_EXCEEDED', { params: { limit: quota.limit, form: form.name }, details: { used: quota.used, limit: quota.limit, awardForm: form.code, unitId: item.unitId, at: 'nomination' } });
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
        periodFrom: from,
        periodTo: to,
        confirmation: null,
        posting: null,
        councilMinutesDocumentId: null,
      }),
    );
    await this.audit.record(m, { action: 'nomination.created', entityType: 'nomination', entityId: n.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { awardForm: form.code, ruleSet: form.ruleSet.code, period: { from, to }, nominee: n.nomineeName, itemId: item.id } });
  }

  /** What the dossier lacks at a point (also the dossier view's list). */
  async dossierMissingFor(m: EntityManager | undefined, n: NominationEntity, data: Record<string, unknown>, point: 'leave_unit' | 'above_upper'): Promise<string[]> {
    const campaign = await this.repo.campaign(n.campaignId, m);
    const form = awardForm(n.awardForm, ruleDateFor(nominationPeriod(n, campaign)));
    if (!form) return [];
    const signed = async (ref: string) => (m ? await this.documents.bySourceIn(m, ref) : await this.documents.bySource(ref))?.status === 'signed';
    return dossierMissing(
      {
        kind: n.nomineeKind,
        decidedBy: form.decidedBy,
        report: data.achievement && typeof data.achievement === 'object' ? (data.achievement as never) : null,
        meeting: meetingOf(data),
        hasProposal: await signed(proposalSourceRef(n.id)),
        hasMeetingMinutes: await signed(meetingMinutesSourceRef(n.id)),
        hasConfirmation: !!n.confirmation,
      },
      point,
    );
  }

  private async checkDossier(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item, data } = ctx;
    if (!item.campaignId) return;
    const n = await this.repo.nominationByItem(item.id, m);
    if (!n) return;
    const { compiled } = await this.items.definitionOf(item, m);
    const def = compiled.definition;
    // Back to the nominating unit, refused or withdrawn: the dossier goes nowhere, nothing to check.
    if (item.stage === def.initialStage || (item.status === 'final' && item.outcome !== 'approved')) return;
    const point = ctx.hook.stage === def.initialStage ? 'leave_unit' : 'above_upper';
    const confirmation = typeof data.achievementConfirmation === 'string' ? data.achievementConfirmation.trim() : '';
    if (point === 'above_upper' && confirmation && ctx.actor.userId && n.confirmation?.text !== confirmation) {
      const unit = await this.repo.unit(n.nominatingUnitId, m);
      n.confirmation = { text: confirmation, byUserId: ctx.actor.userId, byName: (await this.repo.userName(ctx.actor.userId, m)) ?? '—', unitId: unit?.parentId ?? n.nominatingUnitId, at: ctx.now.toISOString() };
      await this.repo.save(m, n);
      await this.audit.record(m, { action: 'nomination.confirmed', entityType: 'nomination', entityId: n.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { itemId: item.id, unitId: n.confirmation.unitId } });
    }
    const missing = await this.dossierMissingFor(m, n, data, point);
    if (missing.length > 0) throw new AppError('DOSSIER_INCOMPLETE', { params: { missing: missing.join(', ') }, details: { missing, point } });
  }

  private async checkPosting(m: EntityManager, ctx: HookContext): Promise<void> {
    const n = ctx.item.campaignId ? await this.repo.nominationByItem(ctx.item.id, m) : null;
    if (!n) return;
    const form = awardForm(n.awardForm, ruleDateFor(nominationPeriod(n, await this.repo.campaign(n.campaignId, m))));
    if (!form?.publicPosting) return;
    if (!n.posting) throw new AppError('POSTING_REQUIRED', { details: { awardForm: n.awardForm, nominationId: n.id } });
    if (vietnamDate(ctx.now) <= n.posting.to) throw new AppError('POSTING_NOT_ENDED', { params: { endsOn: dmy(n.posting.to) }, details: { endsOn: n.posting.to, nominationId: n.id } });
  }

  private async councilMinutes(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item, now } = ctx;
    const result = item.snapshot.voteResults?.[ctx.hook.stage];
    const n = item.campaignId ? await this.repo.nominationByItem(item.id, m) : null;
    if (!result || !n) return;
    const { compiled } = await this.items.definitionOf(item, m);
    const spec = compiled.definition.stages[ctx.hook.stage]?.vote;
    const councilUnitId = result.unitId ?? item.assignedUnitId;
    if (!spec || !councilUnitId) return;
    const council = await this.repo.unit(councilUnitId, m);
    const row: CouncilTallyRow = { nominee: await this.dossierNominee(m, n), eligible: result.eligible, cast: result.yes + result.no + result.abstain, yes: result.yes, no: result.no, abstain: result.abstain, outcome: result.outcome };
    const batches = this.batchesOf(this.minutesBatches, m);
    const batch = batches.get(councilUnitId);
    const signedOn = vietnamDate(now);
    const partsFor = (rows: CouncilTallyRow[]) =>
      buildCouncilMinutes({ councilName: `Hội đồng Thi đua - Khen thưởng ${council?.name ?? ''}`, date: signedOn, secret: spec.ballot === 'secret', quorum: spec.quorum, passRatio: spec.passRatio, passBasis: spec.passBasis ?? 'cast', rows });
    if (batch) {
      batch.rows.push(row);
      await this.documents.rewriteIn(m, batch.documentId, partsFor(batch.rows));
      await this.documents.addSourceIn(m, batch.documentId, `council_vote:${item.id}:${item.version}`);
      n.councilMinutesDocumentId = batch.documentId;
    } else {
      const parts = partsFor([row]);
      const signerName = ctx.actor.userId ? ((await this.repo.userName(ctx.actor.userId, m)) ?? '—') : '—';
      const draft = await this.documents.createIn(
        m,
        { issuerUnitId: councilUnitId, series: 'council', docType: 'BB', summary: parts.summary, body: parts.body, authority: 'TM', authorityBody: 'HỘI ĐỒNG', signerTitle: 'THƯ KÝ HỘI ĐỒNG', signerName, recipients: parts.recipients, archiveDepartments: parts.archiveDepartments, campaignId: n.campaignId },
        ctx.actor.userId,
        `council_vote:${item.id}:${item.version}`,
      );
      const signed = await this.documents.signIn(m, draft.id, { userId: ctx.actor.userId, now });
      batches.set(councilUnitId, { documentId: signed.id, rows: [row] });
      n.councilMinutesDocumentId = signed.id;
    }
    await this.repo.save(m, n);
    await this.audit.record(m, { action: 'nomination.acted', entityType: 'nomination', entityId: n.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { action: 'council_minutes', documentId: n.councilMinutesDocumentId, itemId: item.id, outcome: result.outcome } });
  }

  /**
   * The documents being made in this transaction. Only a transaction's own manager groups: a manager outside
   * a transaction (never passed to hooks today) gets a fresh map each time, so nothing can leak across requests.
   */
  private batchesOf<T>(store: WeakMap<EntityManager, Map<string, T>>, m: EntityManager): Map<string, T> {
    if (!m.queryRunner?.isTransactionActive) return new Map<string, T>();
    const found = store.get(m);
    if (found) return found;
    const fresh = new Map<string, T>();
    store.set(m, fresh);
    return fresh;
  }

  /** How a dossier document names the nominee: name, position, unit, award. */
  async dossierNominee(m: EntityManager | undefined, n: NominationEntity) {
    const campaign = await this.repo.campaign(n.campaignId, m);
    const form = awardForm(n.awardForm, ruleDateFor(nominationPeriod(n, campaign)));
    const unit = await this.repo.unit(n.nomineeUnitId ?? n.nominatingUnitId, m);
    return { kind: n.nomineeKind, name: n.nomineeName, position: n.nomineePosition, unitName: unit?.name ?? '', awardName: form?.name ?? n.awardForm };
  }

  private async issueDecision(m: EntityManager, ctx: HookContext): Promise<void> {
    const { item } = ctx;
    const ref = workItemSourceRef(item.id);
    const { compiled } = await this.items.definitionOf(item, m);
    const stage = compiled.definition.stages[ctx.hook.stage];
    const issuer = await this.resolve(stage?.documentNumber?.issuer ?? { kind: 'own' }, item.unitId, item.data, m);
    if (!issuer) throw new AppError('UNPROCESSABLE', { details: { reason: 'decision_issuer_not_found', stage: ctx.hook.stage } });
    const n = await this.repo.nominationByItem(item.id, m);
    if (!n) {
      // An item outside any campaign: a decision of its own, in the same form.
      await this.decideBatch(m, ctx, issuer.id, `item:${item.id}`, null, ref);
      return;
    }
    const campaign = await this.repo.campaign(n.campaignId, m);
    const form = awardForm(n.awardForm, ruleDateFor(nominationPeriod(n, campaign)));
    // At decision the quota counts what is awarded (this one included: its item is saved as approved).
    const quota = await this.campaigns.quotaState(n.campaignId, n.nominatingUnitId, n.awardForm, m, true);
    if (quota && quota.awarded > quota.limit) throw new AppError('QUOTA_EXCEEDED', { params: { limit: quota.limit, form: form?.name ?? n.awardForm }, details: { awarded: quota.awarded, limit: quota.limit, awardForm: n.awardForm, unitId: n.nominatingUnitId, at: 'decision' } });
    await this.decideBatch(m, ctx, issuer.id, `${issuer.id}|${n.awardForm}`, n, ref);
  }

  private async decideBatch(m: EntityManager, ctx: HookContext, issuerUnitId: string, key: string, n: NominationEntity | null, ref: string): Promise<void> {
    const { item, now } = ctx;
    const batches = this.batchesOf(this.decisionBatches, m);
    let batch = batches.get(key);
    const nominations = [...(batch?.nominations ?? []), ...(n ? [n] : [])];
    const signerName = ctx.actor.userId ? ((await this.repo.userName(ctx.actor.userId, m)) ?? '—') : '—';
    const decidedOn = typeof ctx.input?.signedOn === 'string' ? ctx.input.signedOn : vietnamDate(now);
    const councilItems = new Set(batch?.councilItems ?? []);
    if (Object.values(item.snapshot.voteResults ?? {}).some((r) => r.outcome === 'passed')) councilItems.add(item.id);
    const parts = await this.decisionParts(m, issuerUnitId, nominations, n ? null : item, councilItems.size > 0, signerName, decidedOn);
    if (batch) {
      await this.documents.rewriteIn(m, batch.documentId, parts);
      await this.documents.addSourceIn(m, batch.documentId, ref);
      batch.nominations = nominations;
      batch.councilItems = councilItems;
    } else {
      const draft = await this.documents.createIn(
        m,
        { issuerUnitId, series: 'main', docType: 'QĐ', summary: parts.summary, title: parts.title, body: parts.body, authority: parts.authority, authorityBody: parts.authorityBody, signerTitle: parts.signerTitle, signerName: parts.signerName, recipients: parts.recipients, archiveDepartments: parts.archiveDepartments, campaignId: n?.campaignId ?? item.campaignId ?? undefined },
        ctx.actor.userId,
        ref,
      );
      const signed = await this.documents.signIn(m, draft.id, { userId: ctx.actor.userId, now, ...(typeof ctx.input?.signedOn === 'string' ? { signedOn: ctx.input.signedOn } : {}) });
      batch = { documentId: signed.id, issuerUnitId, nominations, councilItems };
      batches.set(key, batch);
    }
    if (n) {
      n.decisionDocumentId = batch.documentId;
      await this.repo.save(m, n);
    }
    await this.audit.record(m, { action: 'nomination.acted', entityType: n ? 'nomination' : 'work_item', entityId: n?.id ?? item.id, actorUserId: ctx.actor.userId, actorUnitPath: null, details: { action: 'decision', documentId: batch.documentId, itemId: item.id, issuerUnitId, nominationsInDecision: nominations.length } });
  }

  /** The decision's parts for the nominations decided together (or for a lone item outside any campaign). */
  private async decisionParts(m: EntityManager, issuerUnitId: string, nominations: NominationEntity[], lone: HookContext['item'] | null, councilVoted: boolean, signerName: string, decidedOn: string) {
    const first = nominations[0];
    const campaign = first ? await this.repo.campaign(first.campaignId, m) : null;
    const period = first ? nominationPeriod(first, campaign) : null;
    const form = first ? awardForm(first.awardForm, ruleDateFor(period!)) : null;
    const proposals: Array<{ unitId: string; symbol: string | null; date: string | null }> = [];
    let council: { minutesSymbol: string | null; minutesDate: string } | null = null;
    for (const n of nominations) {
      const p = await this.documents.bySourceIn(m, proposalSourceRef(n.id));
      if (p?.status === 'signed') proposals.push({ unitId: n.nominatingUnitId, symbol: p.symbol, date: p.signedOn });
      if (n.councilMinutesDocumentId) {
        const bb = await this.documents.findIn(m, n.councilMinutesDocumentId);
        if (bb?.status === 'signed' && (!council || (bb.signedOn ?? '') > council.minutesDate)) council = { minutesSymbol: bb.symbol, minutesDate: bb.signedOn ?? decidedOn };
      }
    }
    if (councilVoted && !council) council = { minutesSymbol: null, minutesDate: decidedOn };
    if (!councilVoted) council = null;
    const nominees = await Promise.all(
      nominations.map(async (n) => ({ kind: n.nomineeKind, name: n.nomineeName, position: n.nomineePosition, unitId: n.nomineeUnitId ?? n.nominatingUnitId })),
    );
    return this.documents.commendationDecisionParts(m, {
      issuerUnitId,
      awardFormName: form?.name ?? String(lone?.data.awardLevel ?? lone?.title ?? 'Giấy khen'),
      nominees: lone ? [{ kind: 'individual', name: String(lone.data.nomineeName ?? lone.title), position: null, unitId: lone.unitId }] : nominees,
      ruleSetCitation: first?.legalBasis ?? form?.ruleSet.legalBasis ?? 'Quy chế khen thưởng của tổ chức Công đoàn',
      council,
      proposals,
      campaignTitle: campaign?.title,
      achievementPeriod: period,
      signer: { signerName, signerTitle: 'CHỦ TỊCH' },
      decidedOn,
    });
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
