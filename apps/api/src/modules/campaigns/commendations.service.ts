import { Injectable } from '@nestjs/common';
import type {
  BallotView,
  CastVoteRequest,
  CreateNominationRequest,
  DocumentView,
  IssueDecisionRequest,
  ListBallotsQuery,
  NominationActionRequest,
  NominationStatus,
  NominationView,
  OpenBallotRequest,
} from '@thidua/contracts';
import { tallyVote } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { vietnamDate } from '../documents/document-symbol';
import { DocumentsService, toDocumentView } from '../documents/documents.service';
import { OutboxDispatcher } from '../workflow/outbox/outbox-dispatcher';
import type { OutboxMessage } from '../workflow/outbox/outbox.repository';
import { awardForm, mayDecide } from './award-catalogue';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { CommendationItems, awardLevelFor, type ItemStep } from './commendation-items';
import { actorPath, assertRoleCovering, holdsRoleCovering } from './campaign-scope';
import { CampaignsRepository, type UnitInfo } from './campaigns.repository';
import { CampaignsService, assertReadable } from './campaigns.service';
import { CouncilBallotEntity, CouncilBallotTallyEntity } from './council-ballot.entity';
import { NominationEntity } from './nomination.entity';

function toView(n: NominationEntity): NominationView {
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
    status: n.status,
    atUnitId: n.atUnitId,
    decisionDocumentId: n.decisionDocumentId,
    itemId: n.itemId ?? null,
    history: n.history,
    createdAt: n.createdAt.toISOString(),
  };
}

const tallyText = (t: { yes: number; no: number; abstain: number }) => `${t.yes} tán thành / ${t.no} không / ${t.abstain} không biểu quyết`;

/**
 * Commendations: nomination (with quotas), appraisal and decision within each level's authority,
 * forwarding upward, the province's appraisal, the council's ballot, and the numbered decision.
 *
 * Each nomination is a `commendation` work item (docs/campaigns.md, "Commendations on the runtime"):
 * created with the nomination, moved by these endpoints in the same transaction as the nomination
 * row (CommendationItems), so it sits in the inbox of whoever acts next, with the definition's
 * deadlines, reminders and notifications. The nomination row stays what these endpoints read; the
 * council ballot tables stay the tally.
 */
@Injectable()
export class CommendationsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly itemSteps: CommendationItems,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** Runs `work` in one transaction; the outbox rows it collected are dispatched after commit. */
  private async inTx<T>(work: (m: EntityManager, outbox: OutboxMessage[]) => Promise<T>): Promise<T> {
    const outbox: OutboxMessage[] = [];
    const out = await this.repo.transaction((m) => work(m, outbox));
    this.dispatcher.dispatchSoon(outbox);
    return out;
  }

  async nominate(principal: Principal, campaignId: string, input: CreateNominationRequest, now = new Date()): Promise<NominationView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    if (c.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const unit = await this.campaigns.requireUnit(input.nominatingUnitId);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true);
    const today = vietnamDate(now);
    const form = awardForm(input.awardForm, today);
    if (!form) throw AppError.validation([{ path: 'body.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    if (!form.nominees.includes(input.nomineeKind)) throw AppError.validation([{ path: 'body.nomineeKind', reason: 'invalid_value', message: `${form.code} is not for ${input.nomineeKind}` }]);
    const level = awardLevelFor(form);
    const unitRow = level ? await this.cascadeRepo.unitRow(unit.id) : null;
    const saved = await this.inTx(async (m, outbox) => {
      // The quota row is locked so two nominations racing for the last place cannot both pass.
      const quota = await this.repo.quota(campaignId, unit.id, form.code, m, true);
      if (quota) {
        const used = await this.repo.liveNominationCount(campaignId, unit.id, form.code, m);
        if (used >= quota.maxCount) throw new AppError('QUOTA_EXCEEDED', { params: { limit: quota.maxCount, form: form.name }, details: { used, limit: quota.maxCount, awardForm: form.code, unitId: unit.id } });
      }
      // The nomination's work item, at the nominating unit (its officers' inbox until submitted).
      const item = level && unitRow
        ? await this.itemSteps.create(
            m,
            principal,
            {
              unit: unitRow,
              title: `Đề nghị khen thưởng: ${input.nomineeName} — ${form.name}`.slice(0, 500),
              data: { nomineeType: input.nomineeKind, nomineeName: input.nomineeName, awardLevel: level, achievementReport: input.achievementSummary, reviewMinutesRef: input.reviewMinutes },
              campaignId,
              parentItemId: null,
            },
            now,
          )
        : { itemId: null, outbox: [] };
      outbox.push(...item.outbox);
      const n = await this.repo.save(
        m,
        this.repo.create(m, NominationEntity, {
          campaignId,
          nominatingUnitId: unit.id,
          nomineeKind: input.nomineeKind,
          nomineeName: input.nomineeName,
          nomineeUnitId: input.nomineeUnitId ?? null,
          nomineePosition: input.nomineePosition ?? null,
          awardForm: form.code,
          ruleSet: form.ruleSet.code,
          legalBasis: form.ruleSet.legalBasis,
          achievementSummary: input.achievementSummary,
          reviewMinutes: input.reviewMinutes,
          attachmentIds: input.attachmentIds,
          status: 'draft',
          atUnitId: unit.id,
          itemId: item.itemId,
          history: [{ at: now.toISOString(), action: 'create', byUserId: principal.userId, comment: null, from: 'draft', to: 'draft' }],
        }),
      );
      await this.audit.record(m, { action: 'nomination.created', entityType: 'nomination', entityId: n.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { awardForm: form.code, nominee: input.nomineeName, itemId: item.itemId } });
      return n;
    });
    return toView(saved);
  }

  async act(principal: Principal, id: string, input: NominationActionRequest, now = new Date()): Promise<NominationView> {
    const current = await this.repo.nomination(id);
    if (!current) throw AppError.notFound('nomination');
    const saved = await this.inTx(async (m, outbox) => {
      const n = (await this.repo.nomination(id, m, true))!;
      /** The item's steps for this action, by the stage it is at (null: the stage does not match). */
      let plan: (stage: string) => ItemStep[] | null = () => null;
      const comment = input.comment ?? '';
      const at = n.atUnitId ? await this.campaigns.requireUnit(n.atUnitId, m) : null;
      const from = n.status;
      const requireAt = (roles: Array<'officer' | 'supervisor'>) => {
        if (!at || !holdsRoleCovering(principal, roles, at.path, true)) throw AppError.forbidden({ needs: roles, at: at?.path ?? null });
      };
      const refuse = (reason: string) => new AppError('TRANSITION_REFUSED', { params: { reason } });
      const form = awardForm(n.awardForm, vietnamDate(now));
      let decision: DocumentView | null = null;
      switch (input.action) {
        case 'submit': {
          if (from !== 'draft' && from !== 'returned') throw refuse('hồ sơ đã được gửi');
          requireAt(['officer', 'supervisor']);
          const unit = await this.campaigns.requireUnit(n.nominatingUnitId, m);
          if (!unit.parentId) throw refuse('đơn vị không có cấp trên');
          n.status = 'submitted';
          n.atUnitId = unit.parentId;
          plan = (st) => (st === 'nominate' ? [{ event: { type: 'submit' } }] : null);
          break;
        }
        case 'withdraw':
          if (!['draft', 'returned', 'submitted'].includes(from)) throw refuse('hồ sơ đang được xét');
          if (!holdsRoleCovering(principal, ['officer', 'supervisor'], (await this.campaigns.requireUnit(n.nominatingUnitId, m)).path, true)) throw AppError.forbidden();
          n.status = 'withdrawn';
          n.atUnitId = null;
          // The definition has no withdrawal: the item is closed as not awarded, with the reason.
          plan = (st) => {
            const reject: ItemStep = { event: { type: 'reject', comment: comment || 'Đơn vị rút đề nghị' } };
            if (st === 'nominate') return [{ event: { type: 'skip', reason: 'Đơn vị rút đề nghị' }, quiet: true }, reject];
            return st === 'upper_appraisal' ? [reject] : null;
          };
          break;
        case 'return':
        case 'reject':
          if (!input.comment) throw new AppError('COMMENT_REQUIRED');
          if (!['submitted', 'forwarded', 'appraised', 'no_quorum'].includes(from)) throw refuse(`không thể ${input.action} ở trạng thái ${from}`);
          requireAt(['supervisor', 'officer']);
          n.status = input.action === 'return' ? 'returned' : 'rejected';
          n.atUnitId = input.action === 'return' ? n.nominatingUnitId : null;
          plan =
            input.action === 'return'
              ? (st) => (st === 'upper_appraisal' || st === 'dept_appraisal' ? [{ event: { type: 'return', comment } }] : st === 'council_vote' ? [{ event: { type: 'redo', stage: 'nominate', reason: comment } }] : null)
              : (st) =>
                  st === 'upper_appraisal' || st === 'dept_appraisal' || st === 'decision'
                    ? [{ event: { type: 'reject', comment } }]
                    : st === 'council_vote'
                      ? [{ event: { type: 'redo', stage: 'dept_appraisal', reason: comment }, quiet: true }, { event: { type: 'reject', comment } }]
                      : null;
          break;
        case 'decide': {
          if (from !== 'submitted') throw refuse('chỉ quyết định hồ sơ vừa nhận');
          requireAt(['supervisor']);
          if (!form || !mayDecide(at!.kind, form) || at!.kind === 'province_federation') throw refuse('hình thức khen thưởng không thuộc thẩm quyền của cấp này');
          decision = await this.issueDecisionIn(m, principal, at!, [n], { signerName: principal.fullName, signerTitle: 'CHỦ TỊCH' }, now);
          n.status = 'awarded';
          n.decisionDocumentId = decision.id;
          n.atUnitId = null;
          plan = (st) => (st === 'upper_appraisal' ? [{ event: { type: 'approve', comment: decision!.symbol ?? undefined } }] : null);
          break;
        }
        case 'forward': {
          if (from !== 'submitted') throw refuse('chỉ chuyển hồ sơ vừa nhận');
          requireAt(['supervisor', 'officer']);
          if (at!.kind === 'province_federation') throw refuse('hồ sơ đã ở cấp tỉnh');
          const province = (await this.repo.ancestors(at!, m)).find((u) => u.kind === 'province_federation');
          if (!province) throw refuse('không tìm thấy LĐLĐ tỉnh phía trên');
          n.status = 'forwarded';
          n.atUnitId = province.id;
          plan = (st) => (st === 'upper_appraisal' ? [{ event: { type: 'forward', comment: comment || undefined } }] : null);
          break;
        }
        case 'appraise':
          if (!(from === 'forwarded' || (from === 'submitted' && at?.kind === 'province_federation'))) throw refuse('hồ sơ chưa đến cấp tỉnh');
          requireAt(['officer', 'supervisor']);
          n.status = 'appraised';
          // The department's appraisal sends the item to the council's vote stage. The engine's
          // `forward` needs `appraisalNotes`, which the runtime cannot take after submission (no
          // amendment at dept_appraisal), so the system skips the stage with the notes as reason.
          plan = (st) => {
            const send: ItemStep = { event: { type: 'skip', reason: comment || 'Đã thẩm định, trình Hội đồng Thi đua - Khen thưởng' } };
            if (st === 'dept_appraisal') return [send];
            return st === 'upper_appraisal' ? [{ event: { type: 'forward' }, quiet: true }, send] : null;
          };
          break;
      }
      const moved = await this.itemSteps.advance(m, principal, input.action, n.itemId, plan, now);
      outbox.push(...moved.outbox);
      n.history = [...n.history, { at: now.toISOString(), action: input.action, byUserId: principal.userId, comment: input.comment ?? null, from, to: n.status }];
      n.version += 1;
      const r = await this.repo.save(m, n);
      await this.audit.record(m, { action: 'nomination.acted', entityType: 'nomination', entityId: id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { action: input.action, from, to: n.status, comment: input.comment ?? null, decision: decision?.symbol ?? null, itemId: n.itemId, itemStage: moved.stage } });
      return r;
    });
    return toView(saved);
  }

  async list(principal: Principal, campaignId: string, filter: { atUnitId?: string; status?: string }): Promise<NominationView[]> {
    await this.campaigns.requireCampaign(campaignId);
    if (filter.atUnitId) assertReadable(principal, (await this.campaigns.requireUnit(filter.atUnitId)).path);
    const rows = await this.repo.nominations(campaignId, filter);
    return rows.map(toView);
  }

  // ---------- council ballot ----------

  async openBallot(principal: Principal, campaignId: string, input: OpenBallotRequest): Promise<BallotView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    const province = await this.campaigns.requireUnit(c.launchingUnitId);
    assertRoleCovering(principal, ['council_secretary'], province.path, true);
    const eligible = input.eligibleUserIds ?? (await this.repo.userIdsWithRole(province.id, 'council_member'));
    if (eligible.length === 0) throw new AppError('UNPROCESSABLE', { details: { reason: 'no_council_members' } });
    const now = new Date();
    const ballot = await this.inTx(async (m, outbox) => {
      for (const nid of input.nominationIds) {
        const n = await this.repo.nomination(nid, m, true);
        if (!n || n.campaignId !== campaignId) throw AppError.notFound('nomination');
        if (n.status !== 'appraised' && n.status !== 'no_quorum') throw new AppError('TRANSITION_REFUSED', { params: { reason: `hồ sơ ${n.nomineeName} chưa được thẩm định` } });
        // Back from a ballot without quorum (or the vote stage's own deadline): to the vote stage again.
        const moved = await this.itemSteps.advance(m, principal, 'ballot_open', n.itemId, (st) => (st === 'council_vote' ? [] : st === 'dept_appraisal' ? [{ event: { type: 'skip', reason: 'Trình Hội đồng Thi đua - Khen thưởng bỏ phiếu' } }] : null), now);
        outbox.push(...moved.outbox);
        n.history = [...n.history, { at: new Date().toISOString(), action: 'ballot_open', byUserId: principal.userId, comment: null, from: n.status, to: 'in_vote' }];
        n.status = 'in_vote';
        n.version += 1;
        await this.repo.save(m, n);
      }
      const b = await this.repo.save(
        m,
        this.repo.create(m, CouncilBallotEntity, { campaignId, councilUnitId: province.id, nominationIds: input.nominationIds, eligibleUserIds: [...new Set(eligible)], quorum: input.quorum, passRatio: input.passRatio, passBasis: input.passBasis, secret: input.secret, status: 'open', outcomes: null }),
      );
      for (const nid of input.nominationIds) await this.repo.save(m, this.repo.create(m, CouncilBallotTallyEntity, { ballotId: b.id, nominationId: nid, yes: 0, no: 0, abstain: 0 }));
      await this.audit.record(m, { action: 'ballot.opened', entityType: 'council_ballot', entityId: b.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { nominations: input.nominationIds.length, eligible: eligible.length, quorum: input.quorum, passRatio: input.passRatio, secret: input.secret } });
      return b;
    });
    return this.ballotView(principal, ballot.id);
  }

  async vote(principal: Principal, ballotId: string, input: CastVoteRequest): Promise<BallotView> {
    await this.repo.transaction(async (m) => {
      // Lock the ballot row: a vote and the close serialise, so nothing counts after the close.
      const b = await this.repo.ballot(ballotId, m, true);
      if (!b) throw AppError.notFound('phiên bỏ phiếu');
      if (b.status !== 'open') throw new AppError('VOTE_CLOSED');
      if (!b.eligibleUserIds.includes(principal.userId)) throw AppError.forbidden({ reason: 'not_eligible' });
      const answered = Object.keys(input.choices);
      const missing = b.nominationIds.filter((id) => !answered.includes(id));
      const extra = answered.filter((id) => !b.nominationIds.includes(id));
      if (missing.length || extra.length) throw AppError.validation([...missing, ...extra].map((id) => ({ path: `body.choices.${id}`, reason: missing.includes(id) ? 'required' : 'unrecognized_keys', message: 'every nomination of the ballot, and only those' })));
      const isFirst = await this.repo.insertVoter(m, { ballotId, userId: principal.userId, choices: b.secret ? null : input.choices });
      if (!isFirst) throw new AppError('ALREADY_VOTED');
      for (const [nid, choice] of Object.entries(input.choices)) await this.repo.addToTally(m, ballotId, nid, choice);
      await this.audit.record(m, { action: 'ballot.voted', entityType: 'council_ballot', entityId: ballotId, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: b.secret ? {} : { choices: input.choices } });
    });
    return this.ballotView(principal, ballotId);
  }

  async closeBallot(principal: Principal, ballotId: string, now = new Date()): Promise<BallotView> {
    const b0 = await this.repo.ballot(ballotId);
    if (!b0) throw AppError.notFound('phiên bỏ phiếu');
    assertRoleCovering(principal, ['council_secretary'], (await this.campaigns.requireUnit(b0.councilUnitId)).path, true);
    await this.inTx(async (m, outbox) => {
      const b = (await this.repo.ballot(ballotId, m, true))!;
      if (b.status !== 'open') throw new AppError('VOTE_CLOSED');
      const tallies = await this.repo.tallies(ballotId, m);
      const outcomes: Record<string, 'passed' | 'failed' | 'no_quorum'> = {};
      for (const t of tallies) {
        const r = tallyVote({ quorum: b.quorum, passRatio: b.passRatio, passBasis: b.passBasis, tie: 'fail' }, { yes: t.yes, no: t.no, abstain: t.abstain }, b.eligibleUserIds.length);
        outcomes[t.nominationId] = r === 'tie' ? 'failed' : r;
        const n = (await this.repo.nomination(t.nominationId, m, true))!;
        const to: NominationStatus = outcomes[t.nominationId];
        n.history = [...n.history, { at: now.toISOString(), action: 'ballot_close', byUserId: principal.userId, comment: tallyText(t), from: n.status, to }];
        n.status = to;
        // The ballot's outcome moves the item out of the vote stage (the tally is the ballot's, not
        // the engine's): passed → the standing committee's decision, failed → not awarded, no quorum →
        // back to the department for a new ballot.
        const reason = `Hội đồng TĐKT (phiên ${ballotId}): ${tallyText(t)}`;
        const moved = await this.itemSteps.advance(m, principal, 'ballot_close', n.itemId, (st) => {
          if (to === 'passed') return st === 'council_vote' ? [{ event: { type: 'skip', reason } }] : st === 'dept_appraisal' ? [{ event: { type: 'skip', reason }, quiet: true }, { event: { type: 'skip', reason } }] : null;
          if (to === 'failed') return st === 'council_vote' ? [{ event: { type: 'redo', stage: 'dept_appraisal', reason }, quiet: true }, { event: { type: 'reject', comment: `Không được Hội đồng thông qua: ${tallyText(t)}` } }] : st === 'dept_appraisal' ? [{ event: { type: 'reject', comment: `Không được Hội đồng thông qua: ${tallyText(t)}` } }] : null;
          return st === 'council_vote' ? [{ event: { type: 'redo', stage: 'dept_appraisal', reason: `Không đủ túc số: ${tallyText(t)}` } }] : st === 'dept_appraisal' ? [] : null;
        }, now);
        outbox.push(...moved.outbox);
        n.version += 1;
        await this.repo.save(m, n);
      }
      b.status = 'closed';
      b.closedAt = now;
      b.outcomes = outcomes;
      await this.repo.save(m, b);
      await this.audit.record(m, { action: 'ballot.closed', entityType: 'council_ballot', entityId: ballotId, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { outcomes } });
    });
    return this.ballotView(principal, ballotId);
  }

  /**
   * Ballots where the caller is an eligible member, or the council secretary (or an admin) of the
   * council's unit; newest first. Same view as one ballot: a secret ballot shows only its tally.
   */
  async listBallots(principal: Principal, q: ListBallotsQuery): Promise<BallotView[]> {
    const secretaryUnitIds = [...new Set(principal.roles.filter((r) => r.role === 'council_secretary' || r.role === 'admin').map((r) => r.unitId))];
    const ids = await this.repo.ballotIdsFor(principal.userId, secretaryUnitIds, q);
    return Promise.all(ids.map((id) => this.ballotView(principal, id)));
  }

  async ballotView(principal: Principal, ballotId: string): Promise<BallotView> {
    const b = await this.repo.ballot(ballotId);
    if (!b) throw AppError.notFound('phiên bỏ phiếu');
    const [tallies, voters] = await Promise.all([this.repo.tallies(ballotId), this.repo.voters(ballotId)]);
    const byId = new Map(tallies.map((t) => [t.nominationId, t]));
    return {
      id: b.id,
      campaignId: b.campaignId,
      councilUnitId: b.councilUnitId,
      status: b.status,
      secret: b.secret,
      quorum: b.quorum,
      passRatio: b.passRatio,
      passBasis: b.passBasis,
      eligibleCount: b.eligibleUserIds.length,
      castCount: voters.length,
      hasVoted: voters.some((v) => v.userId === principal.userId),
      results: b.nominationIds.map((nid) => {
        const t = byId.get(nid);
        return { nominationId: nid, yes: t?.yes ?? 0, no: t?.no ?? 0, abstain: t?.abstain ?? 0, outcome: b.outcomes?.[nid] ?? null };
      }),
      votes: b.secret ? null : voters.map((v) => ({ userId: v.userId, choices: v.choices ?? {} })),
      openedAt: b.openedAt.toISOString(),
      closedAt: b.closedAt?.toISOString() ?? null,
    };
  }

  /** The standing committee's numbered decision (QĐ) listing the awards that passed the council. */
  async issueDecision(principal: Principal, campaignId: string, input: IssueDecisionRequest, now = new Date()): Promise<DocumentView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    const province = await this.campaigns.requireUnit(c.launchingUnitId);
    assertRoleCovering(principal, ['supervisor'], province.path, true);
    return this.inTx(async (m, outbox) => {
      const noms: NominationEntity[] = [];
      for (const id of input.nominationIds) {
        const n = await this.repo.nomination(id, m, true);
        if (!n || n.campaignId !== campaignId) throw AppError.notFound('nomination');
        if (n.status !== 'passed') throw new AppError('TRANSITION_REFUSED', { params: { reason: `hồ sơ ${n.nomineeName} chưa được Hội đồng thông qua` } });
        const form = awardForm(n.awardForm, vietnamDate(now));
        if (!form || !mayDecide('province_federation', form)) throw new AppError('TRANSITION_REFUSED', { params: { reason: `${form?.name ?? n.awardForm} không thuộc thẩm quyền của LĐLĐ tỉnh` } });
        noms.push(n);
      }
      const doc = await this.issueDecisionIn(m, principal, province, noms, input, now, c.title, true);
      for (const n of noms) {
        n.history = [...n.history, { at: now.toISOString(), action: 'decision', byUserId: principal.userId, comment: doc.symbol, from: n.status, to: 'awarded' }];
        n.status = 'awarded';
        n.decisionDocumentId = doc.id;
        n.atUnitId = null;
        n.version += 1;
        await this.repo.save(m, n);
        // The item's final stage: its submitter hears the outcome (the engine's `item.final`).
        const moved = await this.itemSteps.advance(m, principal, 'decision', n.itemId, (st) => (st === 'decision' ? [{ event: { type: 'approve', comment: doc.symbol ?? undefined } }] : null), now);
        outbox.push(...moved.outbox);
        await this.audit.record(m, { action: 'nomination.acted', entityType: 'nomination', entityId: n.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { action: 'decision', symbol: doc.symbol, notifyUnitId: n.nominatingUnitId } });
      }
      return doc;
    });
  }

  /** The decision in the union's form (documents' generator); `councilVoted` only after a council ballot. */
  private async issueDecisionIn(m: EntityManager, principal: Principal, issuer: UnitInfo, noms: NominationEntity[], signer: { signerName: string; signerTitle: string }, now: Date, campaignTitle?: string, councilVoted = false): Promise<DocumentView> {
    const today = vietnamDate(now);
    const draft = await this.documents.draftCommendationDecision(
      m,
      {
        issuerUnitId: issuer.id,
        awardFormName: awardForm(noms[0]?.awardForm ?? '', today)?.name ?? noms[0]?.awardForm ?? '',
        nominees: noms.map((n) => ({ kind: n.nomineeKind, name: n.nomineeName, position: n.nomineePosition, unitId: n.nomineeUnitId ?? n.nominatingUnitId })),
        ruleSetCitation: noms[0]?.legalBasis ?? 'Quy chế khen thưởng của tổ chức Công đoàn',
        councilVoted,
        campaignId: noms[0]?.campaignId,
        campaignTitle,
        signer,
        decidedOn: today,
      },
      principal.userId,
      `nominations:${noms.map((n) => n.id).join(',')}`,
    );
    return toDocumentView(await this.documents.signIn(m, draft.id, { userId: principal.userId, actorUnitPath: actorPath(principal), now }));
  }
}
