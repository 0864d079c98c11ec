import { Injectable } from '@nestjs/common';
import type {
  BallotView,
  CastVoteRequest,
  CreateNominationRequest,
  DocumentView,
  IssueDecisionRequest,
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
import { awardForm, mayDecide } from './award-catalogue';
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
    history: n.history,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Commendations: nomination (with quotas), appraisal and decision within each level's authority,
 * forwarding upward, the province's appraisal, the council's ballot, and the numbered decision.
 */
@Injectable()
export class CommendationsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {}

  async nominate(principal: Principal, campaignId: string, input: CreateNominationRequest, now = new Date()): Promise<NominationView> {
    const c = await this.campaigns.requireCampaign(campaignId);
    if (c.status !== 'launched') throw new AppError('TRANSITION_REFUSED', { params: { reason: 'phong trào chưa được phát động' } });
    const unit = await this.campaigns.requireUnit(input.nominatingUnitId);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true);
    const today = vietnamDate(now);
    const form = awardForm(input.awardForm, today);
    if (!form) throw AppError.validation([{ path: 'body.awardForm', reason: 'invalid_value', message: 'unknown award form' }]);
    if (!form.nominees.includes(input.nomineeKind)) throw AppError.validation([{ path: 'body.nomineeKind', reason: 'invalid_value', message: `${form.code} is not for ${input.nomineeKind}` }]);
    const saved = await this.repo.transaction(async (m) => {
      // The quota row is locked so two nominations racing for the last place cannot both pass.
      const quota = await this.repo.quota(campaignId, unit.id, form.code, m, true);
      if (quota) {
        const used = await this.repo.liveNominationCount(campaignId, unit.id, form.code, m);
        if (used >= quota.maxCount) throw new AppError('QUOTA_EXCEEDED', { params: { limit: quota.maxCount, form: form.name }, details: { used, limit: quota.maxCount, awardForm: form.code, unitId: unit.id } });
      }
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
          history: [{ at: now.toISOString(), action: 'create', byUserId: principal.userId, comment: null, from: 'draft', to: 'draft' }],
        }),
      );
      await this.audit.record(m, { action: 'nomination.created', entityType: 'nomination', entityId: n.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { awardForm: form.code, nominee: input.nomineeName } });
      return n;
    });
    return toView(saved);
  }

  async act(principal: Principal, id: string, input: NominationActionRequest, now = new Date()): Promise<NominationView> {
    const current = await this.repo.nomination(id);
    if (!current) throw AppError.notFound('nomination');
    const saved = await this.repo.transaction(async (m) => {
      const n = (await this.repo.nomination(id, m, true))!;
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
          break;
        }
        case 'withdraw':
          if (!['draft', 'returned', 'submitted'].includes(from)) throw refuse('hồ sơ đang được xét');
          if (!holdsRoleCovering(principal, ['officer', 'supervisor'], (await this.campaigns.requireUnit(n.nominatingUnitId, m)).path, true)) throw AppError.forbidden();
          n.status = 'withdrawn';
          n.atUnitId = null;
          break;
        case 'return':
        case 'reject':
          if (!input.comment) throw new AppError('COMMENT_REQUIRED');
          if (!['submitted', 'forwarded', 'appraised', 'no_quorum'].includes(from)) throw refuse(`không thể ${input.action} ở trạng thái ${from}`);
          requireAt(['supervisor', 'officer']);
          n.status = input.action === 'return' ? 'returned' : 'rejected';
          n.atUnitId = input.action === 'return' ? n.nominatingUnitId : null;
          break;
        case 'decide': {
          if (from !== 'submitted') throw refuse('chỉ quyết định hồ sơ vừa nhận');
          requireAt(['supervisor']);
          if (!form || !mayDecide(at!.kind, form) || at!.kind === 'province_federation') throw refuse('hình thức khen thưởng không thuộc thẩm quyền của cấp này');
          decision = await this.issueDecisionIn(m, principal, at!, [n], { signerName: principal.fullName, signerTitle: 'CHỦ TỊCH' }, now);
          n.status = 'awarded';
          n.decisionDocumentId = decision.id;
          n.atUnitId = null;
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
          break;
        }
        case 'appraise':
          if (!(from === 'forwarded' || (from === 'submitted' && at?.kind === 'province_federation'))) throw refuse('hồ sơ chưa đến cấp tỉnh');
          requireAt(['officer', 'supervisor']);
          n.status = 'appraised';
          break;
      }
      n.history = [...n.history, { at: now.toISOString(), action: input.action, byUserId: principal.userId, comment: input.comment ?? null, from, to: n.status }];
      n.version += 1;
      const r = await this.repo.save(m, n);
      await this.audit.record(m, { action: 'nomination.acted', entityType: 'nomination', entityId: id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { action: input.action, from, to: n.status, comment: input.comment ?? null, decision: decision?.symbol ?? null } });
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
    const ballot = await this.repo.transaction(async (m) => {
      for (const nid of input.nominationIds) {
        const n = await this.repo.nomination(nid, m, true);
        if (!n || n.campaignId !== campaignId) throw AppError.notFound('nomination');
        if (n.status !== 'appraised' && n.status !== 'no_quorum') throw new AppError('TRANSITION_REFUSED', { params: { reason: `hồ sơ ${n.nomineeName} chưa được thẩm định` } });
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
    await this.repo.transaction(async (m) => {
      const b = (await this.repo.ballot(ballotId, m, true))!;
      if (b.status !== 'open') throw new AppError('VOTE_CLOSED');
      const tallies = await this.repo.tallies(ballotId, m);
      const outcomes: Record<string, 'passed' | 'failed' | 'no_quorum'> = {};
      for (const t of tallies) {
        const r = tallyVote({ quorum: b.quorum, passRatio: b.passRatio, passBasis: b.passBasis, tie: 'fail' }, { yes: t.yes, no: t.no, abstain: t.abstain }, b.eligibleUserIds.length);
        outcomes[t.nominationId] = r === 'tie' ? 'failed' : r;
        const n = (await this.repo.nomination(t.nominationId, m, true))!;
        const to: NominationStatus = outcomes[t.nominationId];
        n.history = [...n.history, { at: now.toISOString(), action: 'ballot_close', byUserId: principal.userId, comment: `${t.yes} tán thành / ${t.no} không / ${t.abstain} không biểu quyết`, from: n.status, to }];
        n.status = to;
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

  async ballotView(principal: Principal, ballotId: string): Promise<BallotView> {
    const b = await this.repo.ballot(ballotId);
    if (!b) throw AppError.notFound('phiên bỏ phiếu');
    const [tallies, voters] = await Promise.all([this.repo.tallies(ballotId), this.repo.voters(ballotId)]);
    const byId = new Map(tallies.map((t) => [t.nominationId, t]));
    return {
      id: b.id,
      campaignId: b.campaignId,
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
    return this.repo.transaction(async (m) => {
      const noms: NominationEntity[] = [];
      for (const id of input.nominationIds) {
        const n = await this.repo.nomination(id, m, true);
        if (!n || n.campaignId !== campaignId) throw AppError.notFound('nomination');
        if (n.status !== 'passed') throw new AppError('TRANSITION_REFUSED', { params: { reason: `hồ sơ ${n.nomineeName} chưa được Hội đồng thông qua` } });
        const form = awardForm(n.awardForm, vietnamDate(now));
        if (!form || !mayDecide('province_federation', form)) throw new AppError('TRANSITION_REFUSED', { params: { reason: `${form?.name ?? n.awardForm} không thuộc thẩm quyền của LĐLĐ tỉnh` } });
        noms.push(n);
      }
      const doc = await this.issueDecisionIn(m, principal, province, noms, input, now, c.title);
      for (const n of noms) {
        n.history = [...n.history, { at: now.toISOString(), action: 'decision', byUserId: principal.userId, comment: doc.symbol, from: n.status, to: 'awarded' }];
        n.status = 'awarded';
        n.decisionDocumentId = doc.id;
        n.atUnitId = null;
        n.version += 1;
        await this.repo.save(m, n);
        await this.audit.record(m, { action: 'nomination.acted', entityType: 'nomination', entityId: n.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { action: 'decision', symbol: doc.symbol, notifyUnitId: n.nominatingUnitId } });
      }
      return doc;
    });
  }

  private async issueDecisionIn(m: EntityManager, principal: Principal, issuer: UnitInfo, noms: NominationEntity[], signer: { signerName: string; signerTitle: string }, now: Date, campaignTitle?: string): Promise<DocumentView> {
    const lines = noms.map((n, i) => `${i + 1}. ${n.nomineeName}${n.nomineePosition ? `, ${n.nomineePosition}` : ''} — ${awardForm(n.awardForm, vietnamDate(now))?.name ?? n.awardForm}.`);
    const draft = await this.documents.createIn(
      m,
      {
        issuerUnitId: issuer.id,
        series: 'main',
        docType: 'QĐ',
        summary: `Về việc khen thưởng${campaignTitle ? ` trong phong trào thi đua "${campaignTitle}"` : ''}`,
        body: [
          `Căn cứ ${noms[0]?.legalBasis ?? 'Quy chế khen thưởng của tổ chức Công đoàn'};`,
          'Xét đề nghị của Ban Tổ chức và kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng,',
          '# QUYẾT ĐỊNH:',
          'Điều 1. Khen thưởng các tập thể và cá nhân có thành tích xuất sắc sau:',
          ...lines,
          'Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
        ],
        authority: 'TM',
        authorityBody: 'BAN THƯỜNG VỤ',
        signerTitle: signer.signerTitle,
        signerName: signer.signerName,
        recipients: ['Như Điều 1', 'Các đơn vị có liên quan'],
        archiveDepartments: ['Ban Tổ chức'],
        campaignId: noms[0]?.campaignId,
      },
      principal.userId,
      `nominations:${noms.map((n) => n.id).join(',')}`,
    );
    return toDocumentView(await this.documents.signIn(m, draft.id, { userId: principal.userId, actorUnitPath: actorPath(principal), now }));
  }
}
