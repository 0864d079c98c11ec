import { Injectable } from '@nestjs/common';
import type {
  BallotView,
  CastVoteRequest,
  CloseBallotsRequest,
  CreateNominationRequest,
  DocumentView,
  DossierView,
  SaveDossierRequest,
  SetPostingRequest,
  SignDossierDocumentRequest,
  IssueDecisionRequest,
  IssueDecisionResult,
  ListBallotsQuery,
  NominationActionRequest,
  NominationView,
  Role,
} from '@thidua/contracts';
import type { CompiledWorkflow, StageSpec, WorkItemEvent } from '@thidua/workflow-core';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError, isAppError } from '../../common/errors/app-error';
import { buildMeetingMinutes, buildProposal, DocumentsService, toDocumentView } from '../documents/index';
import { ItemRuntime, ItemsService, type WorkItemRecord, OutboxDispatcher, type OutboxMessage } from '../workflow/index';
import { awardForm } from './award-catalogue';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { assertReadable, CampaignsService } from './campaigns.service';
import { CampaignsRepository, type UnitInfo } from './campaigns.repository';
import { COMMENDATION_WORKFLOW, CommendationHooks, awardLevelFor, meetingMinutesSourceRef, meetingOf, nominationPeriod, proposalSourceRef } from './commendation-hooks';
import { reportMissing, ruleDateFor } from './commendation-rules';
import { actorPath, assertRoleCovering } from '../../common/auth/role-scope';
import { nominationStatus, type LastEvent } from './nomination-status';
import { NominationEntity } from './nomination.entity';
import { assertCovers, covers } from '../../common/auth/scope';

type ItemEvents = Awaited<ReturnType<ItemsService['historyOf']>>;

/** What the campaign calls an action, as the engine event of the nomination's item. */
function engineEvent(action: NominationActionRequest['action'], comment: string | undefined): WorkItemEvent {
  switch (action) {
    case 'decide':
      return { type: 'approve', comment };
    case 'appraise':
      return { type: 'forward', comment };
    default:
      return { type: action, comment };
  }
}

/** The stage's own required text fields (an appraisal's notes): what `appraise` fills from its comment. */
function ownTextFields(stage: StageSpec | undefined): string[] {
  return (stage?.fields ?? []).filter((f) => f.type === 'string' && f.required).map((f) => f.name);
}

/**
 * Commendations (docs/campaigns.md, "Commendations on the runtime"): thin adapters over the runtime.
 * Each nomination IS a `commendation` work item: created through the runtime (the stage hook
 * `commendation.register_nomination` writes the row and checks the quota in the same transaction),
 * moved by `ItemRuntime.act` as the person acting — the same call `/api/items/:id/actions` makes — or,
 * for the council's votes and the standing committee's decisions over several nominations, by the
 * runtime's prepare/save in one transaction. Status, the unit holding it and the history are derived
 * from the item (nomination-status.ts); the decision is issued by the hook `commendation.issue_decision`.
 * Nothing here names a stage of the definition: a council ballot is the item's vote stage (by kind).
 */
@Injectable()
export class CommendationsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly documents: DocumentsService,
    private readonly runtime: ItemRuntime,
    private readonly items: ItemsService,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly hooks: CommendationHooks,
    private readonly audit: AuditService,
  ) {}

  // ---------- nominations ----------

  async nominate(principal: Principal, campaignId: string, input: CreateNominationRequest, now = new Date()): Promise<NominationView> {
    const { campaign } = await this.campaigns.readableCampaign(principal, campaignId);
    const unit = await this.campaigns.requireUnit(input.nominatingUnitId);
    assertCovers(principal, unit.path, 'see', { resource: 'unit' });
    const period = input.achievementPeriod ?? { from: campaign.periodFrom, to: campaign.periodTo };
    // The catalogue and rule set of the achievement period, not of the day it is entered.
    const form = awardForm(input.awardForm, ruleDateFor(period));
    if (!form) throw AppError.validation([{ path: 'body.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    const unitRow = await this.cascadeRepo.unitRow(unit.id);
    if (!unitRow) throw AppError.notFound('unit');
    const { compiled } = await this.items.publishedDefinition(COMMENDATION_WORKFLOW);
    const data = {
      nomineeType: input.nomineeKind,
      nomineeName: input.nomineeName,
      awardForm: form.code,
      awardLevel: awardLevelFor(form),
      achievementReport: input.achievementSummary,
      reviewMinutesRef: input.reviewMinutes,
      achievementFrom: period.from,
      achievementTo: period.to,
    };
    const outbox: OutboxMessage[] = [];
    const id = await this.repo.transaction(async (m) => {
      const { rows, outbox: out } = await this.items.createMany(m, { kind: 'user', principal }, compiled, [{ unit: unitRow, title: `Đề nghị khen thưởng: ${input.nomineeName} — ${form.name}`.slice(0, 500), data, campaignId, parentItemId: null }], now);
      outbox.push(...out);
      const n = await this.repo.nominationByItem(rows[0].id, m);
      if (!n) throw new AppError('UNPROCESSABLE', { details: { reason: 'commendation_definition_without_nomination_hook' } });
      // What the item's data does not hold: the nominee's unit and position, the files.
      n.nomineeUnitId = input.nomineeUnitId ?? null;
      n.nomineePosition = input.nomineePosition ?? null;
      n.attachmentIds = input.attachmentIds;
      await this.repo.save(m, n);
      return n.id;
    });
    this.dispatcher.dispatchSoon(outbox);
    return this.view(id);
  }

  /** A campaign action on a nomination: the item's engine event, taken by the runtime as the caller. */
  async act(principal: Principal, id: string, input: NominationActionRequest): Promise<NominationView> {
    const n = await this.repo.nomination(id);
    const [item] = n ? await this.items.records([n.itemId]) : [];
    // Access first: a nomination the caller may not read answers exactly as one that does not exist.
    if (!n || !item || !(await this.items.visibleIds(principal, [item])).has(item.id)) throw AppError.notFound('nomination');
    let dataPatch: Record<string, unknown> | undefined;
    if (input.action === 'appraise' && input.comment) {
      const { compiled } = await this.items.definitionOf(item);
      const fields = ownTextFields(compiled.definition.stages[item.stage]);
      if (fields.length > 0) dataPatch = Object.fromEntries(fields.map((f) => [f, input.comment]));
    }
    if (input.confirmation) dataPatch = { ...(dataPatch ?? {}), achievementConfirmation: input.confirmation };
    await this.runtime.act({ kind: 'user', principal }, n.itemId, engineEvent(input.action, input.comment), { expectedVersion: input.expectedVersion, dataPatch });
    return this.view(id);
  }

  async list(principal: Principal, campaignId: string, filter: { atUnitId?: string; status?: string }): Promise<NominationView[]> {
    await this.campaigns.readableCampaign(principal, campaignId);
    if (filter.atUnitId) assertReadable(principal, (await this.campaigns.requireUnit(filter.atUnitId)).path);
    const rows = await this.repo.nominations(campaignId);
    // A nomination is its item: the caller lists those whose item they may read (the nominating unit, the units above it).
    const visible = await this.items.visibleIds(principal, await this.items.records(rows.map((r) => r.itemId)));
    const views = await this.views(rows.filter((r) => visible.has(r.itemId)));
    return views.filter((v) => (!filter.atUnitId || v.atUnitId === filter.atUnitId) && (!filter.status || v.status === filter.status));
  }

  /** A campaign's nominations whose award was decided (no scope check: for the review report, which checks its own). */
  async awarded(campaignId: string): Promise<NominationView[]> {
    return (await this.views(await this.repo.nominations(campaignId))).filter((v) => v.status === 'awarded');
  }

  async view(id: string): Promise<NominationView> {
    const n = await this.repo.nomination(id);
    if (!n) throw AppError.notFound('nomination');
    return (await this.views([n]))[0];
  }

  /** Nominations as the campaign shows them: the rows joined with their items' state and history. */
  private async views(rows: readonly NominationEntity[]): Promise<NominationView[]> {
    if (rows.length === 0) return [];
    const itemIds = rows.map((r) => r.itemId);
    const [items, events, units] = await Promise.all([
      this.items.records(itemIds),
      this.items.historyOf(itemIds),
      this.repo.unitsByIds([...new Set(rows.map((r) => r.nominatingUnitId))]),
    ]);
    const byItem = new Map(items.map((i) => [i.id, i]));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const history = new Map<string, ItemEvents>();
    for (const e of events) history.set(e.itemId, [...(history.get(e.itemId) ?? []), e]);
    const defs = new Map<string, CompiledWorkflow>();
    for (const i of items) if (!defs.has(i.definitionId)) defs.set(i.definitionId, (await this.items.definitionOf(i)).compiled);
    return rows.map((n) => {
      const item = byItem.get(n.itemId)!;
      const h = history.get(n.itemId) ?? [];
      const last: LastEvent | null = h.length ? { event: h[h.length - 1].event, fromStage: h[h.length - 1].fromStage, toStage: h[h.length - 1].toStage } : null;
      const derived = nominationStatus(defs.get(item.definitionId)!.definition, item, { nominatingUnitId: n.nominatingUnitId, nominatingParentId: unitById.get(n.nominatingUnitId)?.parentId ?? null }, last);
      return {
        id: n.id,
        campaignId: n.campaignId,
        nominatingUnitId: n.nominatingUnitId,
        nomineeKind: n.nomineeKind,
        nomineeName: n.nomineeName,
        nomineeUnitId: n.nomineeUnitId,
        nomineePosition: n.nomineePosition,
        awardForm: n.awardForm,
        ruleSet: n.ruleSet,
        legalBasis: n.legalBasis,
        achievementSummary: n.achievementSummary,
        reviewMinutes: n.reviewMinutes,
        attachmentIds: n.attachmentIds,
        status: derived.status,
        atUnitId: derived.atUnitId,
        decisionDocumentId: n.decisionDocumentId,
        periodFrom: n.periodFrom,
        periodTo: n.periodTo,
        confirmation: n.confirmation,
        posting: n.posting,
        councilMinutesDocumentId: n.councilMinutesDocumentId,
        itemId: n.itemId,
        stage: item.stage,
        itemVersion: item.version,
        history: h.map((e) => ({ at: new Date(e.occurredAt).toISOString(), action: e.event, byUserId: e.actorUserId, comment: e.comment, from: e.fromStage, to: e.toStage })),
        createdAt: n.createdAt.toISOString(),
      };
    });
  }

  // ---------- several items in one transaction ----------

  /**
   * Steps several nominations' items in ONE transaction, each through the runtime's prepare/save (the
   * engine's step, history row with the acting person, timers, outbox, stage hooks): all or nothing.
   */
  private async stepMany(principal: Principal, steps: ReadonlyArray<{ itemId: string; event: WorkItemEvent }>, hookInput?: Record<string, unknown>): Promise<void> {
    const outbox: OutboxMessage[] = [];
    await this.repo.transaction(async (m) => {
      const locked = new Map((await this.items.lockRecords(m, steps.map((s) => s.itemId))).map((i) => [i.id, i]));
      for (const s of steps) {
        const item = locked.get(s.itemId);
        if (!item) throw AppError.notFound('item', { id: s.itemId });
        const p = await this.runtime.prepare({ kind: 'user', principal }, item, s.event, {}, m);
        try {
          const out = await this.runtime.save(m, { kind: 'user', principal }, p, s.event, hookInput);
          outbox.push(...out.outbox);
        } catch (e) {
          // The rows are locked above: a lost version race here means a bug, reported as a conflict.
          if (!isAppError(e) && e instanceof Error && e.constructor.name === 'LostRace') throw await this.runtime.itemChanged(s.itemId, principal, 'lost_race');
          throw e;
        }
      }
    });
    this.dispatcher.dispatchSoon(outbox);
  }

  // ---------- council ballots: the items' vote stages ----------

  async listBallots(principal: Principal, q: ListBallotsQuery): Promise<BallotView[]> {
    const rows = await this.repo.nominations(q.campaignId ?? null);
    const items = await this.items.records(rows.map((r) => r.itemId));
    const byItem = new Map(items.map((i) => [i.id, i]));
    const out: BallotView[] = [];
    for (const n of rows) {
      const item = byItem.get(n.itemId);
      if (!item || (!item.snapshot.vote && Object.keys(item.snapshot.voteResults ?? {}).length === 0)) continue;
      const b = await this.ballotOf(principal, n, item);
      if (b && (!q.status || b.status === q.status)) out.push(b);
    }
    return out.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  }

  /** One ballot (the nomination item's vote); 404 — the same as for an id that does not exist — to anyone who may not read it. */
  async ballotView(principal: Principal, ballotId: string): Promise<BallotView> {
    const n = await this.repo.nominationByItem(ballotId);
    const [item] = await this.items.records([ballotId]);
    // A random id makes the lookups a foreign ballot makes (its item, its deciding unit), so both take as long.
    if (!n || !item) await this.repo.unit(ballotId);
    const b = n && item ? await this.ballotOf(principal, n, item) : null;
    if (!b) throw AppError.notFound('phiên bỏ phiếu');
    return b;
  }

  /** Votes of one member on one or several ballots, in one transaction (the engine's `vote.cast` on each item). */
  async vote(principal: Principal, input: CastVoteRequest): Promise<BallotView[]> {
    const ids = Object.keys(input.choices);
    for (const id of ids) await this.ballotView(principal, id);
    await this.stepMany(principal, ids.map((itemId) => ({ itemId, event: { type: 'vote.cast', choice: input.choices[itemId] } })));
    return Promise.all(ids.map((id) => this.ballotView(principal, id)));
  }

  /** The secretary closes one or several ballots (the engine's `vote.close`: workflow-core tallies and moves each item on). */
  async closeBallots(principal: Principal, input: CloseBallotsRequest): Promise<BallotView[]> {
    for (const id of input.ballotIds) await this.ballotView(principal, id);
    await this.stepMany(principal, input.ballotIds.map((itemId) => ({ itemId, event: { type: 'vote.close', ...(input.tieBreak ? { tieBreak: input.tieBreak } : {}) } })));
    return Promise.all(input.ballotIds.map((id) => this.ballotView(principal, id)));
  }

  private async ballotOf(principal: Principal, n: NominationEntity, item: WorkItemRecord): Promise<BallotView | null> {
    const { compiled } = await this.items.definitionOf(item);
    const stages = compiled.definition.stages;
    const current = stages[item.stage];
    const open = item.status !== 'final' && current?.kind === 'vote' && !!current.vote && !!item.snapshot.vote;
    const results = item.snapshot.voteResults ?? {};
    const stageId = open ? item.stage : ([...(item.snapshot.trail ?? [])].reverse().find((s) => results[s]) ?? Object.keys(results).pop());
    const spec = stageId ? stages[stageId]?.vote : undefined;
    if (!stageId || !spec) return null;
    const unitId = open ? item.assignedUnitId : (results[stageId]?.unitId ?? null);
    const unit: UnitInfo | null = unitId ? await this.repo.unit(unitId) : null;
    if (!unit) return null;
    const eligibleList = open ? item.snapshot.vote!.eligible : null;
    // The deciding unit's voters and secretary (at the council's unit exactly), and supervisors over it.
    const holds = (roles: readonly Role[], exact: boolean) => covers(principal, unit.path, 'act', { roles, workflow: item.workflowKey, ownUnitOnly: exact });
    const voterRole = spec.voters.role;
    const closerRole = spec.closeBy?.role ?? 'council_secretary';
    const isVoter = holds([voterRole], true) && (eligibleList === null || eligibleList.includes(principal.userId));
    const isCloser = holds([closerRole], true);
    const isSupervisor = holds(['supervisor', 'admin'], false);
    if (!isVoter && !isCloser && !isSupervisor) return null;
    const view = (await this.items.get(principal, item.id)).vote;
    if (!view) return null;
    return {
      id: item.id,
      nominationId: n.id,
      nomineeName: n.nomineeName,
      awardForm: n.awardForm,
      campaignId: n.campaignId,
      councilUnitId: unit.id,
      status: view.status,
      secret: spec.ballot === 'secret',
      quorum: spec.quorum,
      passRatio: spec.passRatio,
      passBasis: spec.passBasis ?? 'cast',
      tie: spec.tie,
      eligibleCount: view.eligible,
      castCount: view.cast,
      hasVoted: view.hasVoted,
      mayVote: open && isVoter && !view.hasVoted,
      mayClose: open && isCloser,
      tally: view.status === 'closed' ? view.tally : null,
      outcome: view.outcome,
    };
  }

  // ---------- the standing committee's decision ----------

  /**
   * The standing committee approves the nominations that passed the council, in one transaction (the
   * engine's `approve` on each item, as the signing chair); entering the awarded stage, each item's
   * hook `commendation.issue_decision` issues its numbered QĐ.
   */
  async issueDecision(principal: Principal, campaignId: string, input: IssueDecisionRequest): Promise<IssueDecisionResult> {
    await this.campaigns.readableCampaign(principal, campaignId);
    const rows: NominationEntity[] = [];
    for (const id of input.nominationIds) {
      const n = await this.repo.nomination(id);
      const [item] = n ? await this.items.records([n.itemId]) : [];
      if (!n || n.campaignId !== campaignId || !item || !(await this.items.visibleIds(principal, [item])).has(item.id)) throw AppError.notFound('nomination');
      rows.push(n);
    }
    await this.stepMany(principal, rows.map((n) => ({ itemId: n.itemId, event: { type: 'approve', comment: input.comment } })), input.signedOn ? { signedOn: input.signedOn } : undefined);
    const nominations = await this.views(await Promise.all(rows.map(async (n) => (await this.repo.nomination(n.id))!)));
    const documents: DocumentView[] = [];
    for (const id of new Set(nominations.map((v) => v.decisionDocumentId).filter((x): x is string => !!x))) documents.push(await this.documents.get(principal, id));
    return { nominations, documents };
  }

  // ---------- the dossier ----------

  /** The nomination, its item and nominating unit, when the caller may read it; NOT_FOUND (as for an id that does not exist) otherwise. */
  private async readable(principal: Principal, id: string) {
    const n = await this.repo.nomination(id);
    // A random id makes the same lookups (with the asked id, finding nothing) as a real one, so an outsider's
    // foreign id takes as long as a random one (docs/security.md, "Access control").
    const unit = await this.repo.unit(n?.nominatingUnitId ?? id);
    const [item] = await this.items.records([n?.itemId ?? id]);
    // Readers are those who see the nomination's item (THE scope rule, through the runtime's visibility); an outsider learns nothing.
    if (!n || !unit || !item || !(await this.items.visibleIds(principal, [item])).has(item.id)) throw AppError.notFound('nomination');
    return { n, unit, item };
  }

  async dossier(principal: Principal, id: string): Promise<DossierView> {
    const { n, item } = await this.readable(principal, id);
    const campaign = await this.repo.campaign(n.campaignId);
    const form = awardForm(n.awardForm, ruleDateFor(nominationPeriod(n, campaign)));
    const doc = async (ref: string | null, docId?: string | null) => {
      const d = docId ? await this.documents.find(docId) : ref ? await this.documents.bySource(ref) : null;
      return d ? toDocumentView(d) : null;
    };
    const data = item.data as Record<string, unknown>;
    return {
      nominationId: n.id,
      itemId: item.id,
      itemVersion: item.version,
      awardForm: n.awardForm,
      report: data.achievement && typeof data.achievement === 'object' ? (data.achievement as DossierView['report']) : null,
      meeting: meetingOf(data),
      proposal: await doc(proposalSourceRef(n.id)),
      meetingMinutes: await doc(meetingMinutesSourceRef(n.id)),
      councilMinutes: await doc(null, n.councilMinutesDocumentId),
      decision: await doc(null, n.decisionDocumentId),
      confirmation: n.confirmation,
      posting: n.posting,
      postingRequired: form?.publicPosting ?? false,
      missingToSubmit: await this.hooks.dossierMissingFor(undefined, n, data, 'leave_unit'),
      missingToForward: await this.hooks.dossierMissingFor(undefined, n, data, 'above_upper'),
    };
  }

  /** The report and the meeting go into the item's data through the items path (the runtime decides who may). */
  async saveDossier(principal: Principal, id: string, input: SaveDossierRequest): Promise<DossierView> {
    const { n } = await this.readable(principal, id);
    const patch: Record<string, unknown> = {};
    if (input.report) patch.achievement = input.report;
    if (input.meeting) patch.nominatingMeeting = input.meeting;
    if (Object.keys(patch).length > 0) await this.items.updateData(principal, n.itemId, patch, { expectedVersion: input.expectedVersion });
    return this.dossier(principal, id);
  }

  /**
   * The nominating unit's tờ trình or the biên bản of its meeting, generated from the item's data and signed
   * (numbered) in the unit's own register, in one transaction with its audit row. One of each per
   * nomination: a second is refused (a signed document is never rewritten).
   */
  async signDossierDocument(principal: Principal, id: string, which: 'proposal' | 'minutes', input: SignDossierDocumentRequest): Promise<DossierView> {
    const { n, unit, item } = await this.readable(principal, id);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true);
    const { compiled } = await this.items.definitionOf(item);
    if (item.stage !== compiled.definition.initialStage) throw new AppError('TRANSITION_REFUSED', { params: { reason: 'hồ sơ đã gửi đi; chỉ lập khi còn ở đơn vị đề nghị' } });
    const ref = which === 'proposal' ? proposalSourceRef(n.id) : meetingMinutesSourceRef(n.id);
    const existing = await this.documents.bySource(ref);
    if (existing?.status === 'signed') throw new AppError('CONFLICT', { details: { reason: 'already_signed', symbol: existing.symbol } });
    const data = item.data as Record<string, unknown>;
    const meeting = meetingOf(data);
    const nominee = await this.hooks.dossierNominee(undefined, n);
    const campaign = await this.repo.campaign(n.campaignId);
    let parts: { summary: string; body: string[]; recipients: string[]; archiveDepartments: string[] };
    if (which === 'minutes') {
      if (!meeting) throw new AppError('DOSSIER_INCOMPLETE', { params: { missing: 'meeting' }, details: { missing: ['meeting'] } });
      parts = buildMeetingMinutes({ unitName: unit.name, meeting, nominee });
    } else {
      const missing = reportMissing(n.nomineeKind, data.achievement as never);
      if (missing.length > 0) throw new AppError('DOSSIER_INCOMPLETE', { params: { missing: missing.join(', ') }, details: { missing } });
      const parent = unit.parentId ? await this.repo.unit(unit.parentId) : null;
      const minutes = await this.documents.bySource(meetingMinutesSourceRef(n.id));
      parts = buildProposal({
        unitName: `Ban Chấp hành ${unit.name}`,
        addressee: `Ban Thường vụ ${parent?.name ?? 'công đoàn cấp trên'}`,
        campaignTitle: campaign?.title ?? null,
        period: nominationPeriod(n, campaign),
        nominee,
        report: data.achievement as never,
        meeting,
        minutes: minutes?.status === 'signed' && minutes.symbol && minutes.signedOn ? { symbol: minutes.symbol, date: minutes.signedOn } : null,
        ruleSetCitation: n.legalBasis,
      });
    }
    await this.repo.transaction(async (m) => {
      const prior = await this.documents.bySourceIn(m, ref);
      const draft = prior
        ? (await this.documents.rewriteIn(m, prior.id, parts), prior)
        : await this.documents.createIn(
            m,
            { issuerUnitId: unit.id, series: 'main', docType: which === 'proposal' ? 'TTr' : 'BB', summary: parts.summary, body: parts.body, authority: 'TM', authorityBody: 'BAN CHẤP HÀNH', signerTitle: input.signerTitle ?? 'CHỦ TỊCH', signerName: input.signerName, recipients: parts.recipients, archiveDepartments: parts.archiveDepartments, campaignId: n.campaignId },
            principal.userId,
            ref,
          );
      await this.documents.signIn(m, draft.id, { userId: principal.userId, actorUnitPath: actorPath(principal), ...(input.signedOn ? { signedOn: input.signedOn } : {}), signer: { signerName: input.signerName, ...(input.signerTitle ? { signerTitle: input.signerTitle } : {}) } });
    });
    return this.dossier(principal, id);
  }

  /** The public posting before the council's vote: recorded by the unit holding the nomination (the province's department). */
  async setPosting(principal: Principal, id: string, input: SetPostingRequest): Promise<DossierView> {
    const { n, item } = await this.readable(principal, id);
    const holder = item.assignedUnitId ? await this.repo.unit(item.assignedUnitId) : null;
    if (!holder || item.status === 'final') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'đề nghị đã kết thúc' } });
    assertRoleCovering(principal, ['officer', 'supervisor'], holder.path, true);
    await this.repo.transaction(async (m) => {
      const row = (await this.repo.nomination(n.id, m, true))!;
      row.posting = { from: input.from, to: input.to, place: input.place, byUserId: principal.userId, at: new Date().toISOString() };
      await this.repo.save(m, row);
      await this.audit.record(m, { action: 'nomination.posted', entityType: 'nomination', entityId: n.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { from: input.from, to: input.to, place: input.place, itemId: n.itemId } });
    });
    return this.dossier(principal, id);
  }
}
