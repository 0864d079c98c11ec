import { Injectable } from '@nestjs/common';
import type { CommitmentView, HelpAnswerRequest, HelpRequestCreate, HelpRequestList, HelpRequestView, ItemOfferingView, UpcomingItemList } from '@thidua/contracts';
import { answerProblem, commitmentRefusal, helpRequestProblem, stageWaitsForHelpers, type Role } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { covers } from '../../../common/auth/scope';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { OrgGateway, OrgSql } from '../../org/index';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { actingGrant } from '../engine/actor';
import { rowsOf } from '../engine/sql';
import { JOBS, OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository } from '../outbox/outbox.repository';
import { ItemVisibility } from './item-visibility';
import { OfferingRepository, type CommitmentRow, type HelpRequestRow } from './offering.repository';
import { WorkItemEventRepository } from './work-item-event.repository';
import { WorkItemRepository, type WorkItemRecord } from './work-item.repository';

/**
 * Early offering (commit to an upcoming stage, withdraw) and help/co-sign requests (issue 15, line 6). Neither moves
 * the item (its version stays): each change is one transaction with its history row (the audit) and notifications.
 */
@Injectable()
export class OfferingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly repo: OfferingRepository,
    private readonly events: WorkItemEventRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly definitions: CompiledDefinitions,
    private readonly visibility: ItemVisibility,
    private readonly org: OrgGateway,
  ) {}

  private async load(principal: Principal, itemId: string): Promise<WorkItemRecord> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, item);
    return item;
  }

  /** Whether the principal acts as `role` at the unit (its path covered by one of their grants for the workflow). */
  private async actsAt(principal: Principal, role: Role, unitId: string, workflow: string): Promise<boolean> {
    const unit = await this.org.unit(unitId);
    return !!unit && covers({ roles: principal.roles.filter((g) => g.role === role) }, unit.path, 'act', { workflow });
  }

  async offering(principal: Principal, itemId: string): Promise<ItemOfferingView> {
    const item = await this.load(principal, itemId);
    const { compiled } = await this.definitions.byId(item.definitionId);
    const commitments = item.status === 'final' ? [] : await this.repo.commitments(item.id);
    const upcoming = [];
    for (const u of item.snapshot.upcoming ?? []) {
      const canCommit = commitmentRefusal(compiled.definition, item.snapshot, u.stage, principal.userId) === null && (await this.actsAt(principal, u.role, u.unitId, item.workflowKey));
      const committedByMe = commitments.some((c) => c.stage === u.stage && c.userId === principal.userId && c.status === 'active');
      upcoming.push({ stage: u.stage, role: u.role, unitId: u.unitId, canCommit, committedByMe });
    }
    return { upcoming, commitments: commitments.map(commitmentView) };
  }

  /** Commits to an upcoming stage: the person must hold its role at its unit and not be barred from it. */
  async commit(principal: Principal, itemId: string, stage: string): Promise<ItemOfferingView> {
    const item = await this.load(principal, itemId);
    const { compiled } = await this.definitions.byId(item.definitionId);
    const refusal = commitmentRefusal(compiled.definition, item.snapshot, stage, principal.userId);
    if (refusal === 'separation_of_duties') throw new AppError('SEPARATION_OF_DUTIES', { details: { action: 'commit', stage } });
    const up = (item.snapshot.upcoming ?? []).find((u) => u.stage === stage);
    if (refusal || !up) throw new AppError('COMMITMENT_REFUSED', { details: { reason: 'not_upcoming', stage } });
    if (!(await this.actsAt(principal, up.role, up.unitId, item.workflowKey))) throw new AppError('COMMITMENT_REFUSED', { details: { reason: 'lacks_role', stage } });
    await this.inTransaction(async (m) => {
      if (!(await this.repo.commit(m, item.id, stage, principal.userId))) throw new AppError('COMMITMENT_REFUSED', { details: { reason: 'already_committed', stage } });
      await this.history(m, principal, item, 'offer.committed', null, { stage });
      return [];
    });
    return this.offering(principal, itemId);
  }

  async withdraw(principal: Principal, itemId: string, stage: string): Promise<ItemOfferingView> {
    const item = await this.load(principal, itemId);
    await this.inTransaction(async (m) => {
      if (!(await this.repo.withdraw(m, item.id, stage, principal.userId))) throw new AppError('COMMITMENT_REFUSED', { details: { reason: 'not_committed', stage } });
      await this.history(m, principal, item, 'offer.withdrawn', null, { stage });
      return [];
    });
    return this.offering(principal, itemId);
  }

  /** Open items whose next stage is offered early to me (my roles at the upcoming stage's unit). */
  async upcomingFor(principal: Principal, limit = 100): Promise<UpcomingItemList> {
    const grants = principal.roles.filter((g) => g.role !== 'viewer');
    if (grants.length === 0) return { items: [] };
    const rows = rowsOf<{ id: string; title: string; workflowKey: string; stage: string; upcomingStage: string; role: Role; unitPath: string; definitionId: string; updatedAt: Date; committed: boolean }>(
      await this.dataSource.query(
        `SELECT i.id, i.title, i.workflow_key AS "workflowKey", i.stage, e ->> 'stage' AS "upcomingStage", e ->> 'role' AS role, u.path AS "unitPath",
                i.definition_id AS "definitionId", i.updated_at AS "updatedAt",
                EXISTS (SELECT 1 FROM work_item_commitment c WHERE c.item_id = i.id AND c.stage = e ->> 'stage' AND c.user_id = $1 AND c.status = 'active') AS committed
           FROM work_item i CROSS JOIN LATERAL jsonb_array_elements(i.snapshot -> 'upcoming') e JOIN ${OrgSql.units('u')} ON u.id = (e ->> 'unitId')::uuid
          WHERE i.status = 'active' AND i.snapshot ? 'upcoming' AND e ->> 'role' = ANY($2::text[])
          ORDER BY i.updated_at DESC, i.id LIMIT $3`,
        [principal.userId, [...new Set(grants.map((g) => g.role))], limit * 4],
      ),
    );
    const items: UpcomingItemList['items'] = [];
    for (const r of rows) {
      if (items.length >= limit) break;
      if (!covers({ roles: grants.filter((g) => g.role === r.role) }, r.unitPath, 'act', { workflow: r.workflowKey })) continue;
      const item = await this.items.byId(r.id);
      if (!item) continue;
      const { compiled } = await this.definitions.byId(r.definitionId);
      if (commitmentRefusal(compiled.definition, item.snapshot, r.upcomingStage, principal.userId) !== null) continue;
      items.push({ id: r.id, title: r.title, workflowKey: r.workflowKey, stage: r.stage, upcomingStage: r.upcomingStage, committedByMe: r.committed, updatedAt: new Date(r.updatedAt).toISOString() });
    }
    return { items };
  }

  async helpRequests(principal: Principal, itemId: string): Promise<HelpRequestList> {
    const item = await this.load(principal, itemId);
    const { compiled } = await this.definitions.byId(item.definitionId);
    const rows = await this.repo.helpRequests(item.id);
    const items = rows.map((r) => helpView(r, item));
    return { items, pendingCosigns: items.filter((r) => r.kind === 'cosign' && r.status === 'open').length, waits: stageWaitsForHelpers(compiled.definition.stages[item.stage]) };
  }

  /** The holder of the started item asks named colleagues who can see the item to help or co-sign. */
  async requestHelp(principal: Principal, itemId: string, body: HelpRequestCreate): Promise<HelpRequestList> {
    const item = await this.load(principal, itemId);
    const problem = helpRequestProblem(item.snapshot, principal.userId, body.userIds, body.message);
    if (problem) throw new AppError('HELP_REQUEST_REFUSED', { details: { reason: problem } });
    const holdings = await this.org.holdingsOf(body.userIds);
    for (const userId of body.userIds) {
      const colleague: Principal = { userId, username: '', fullName: '', roles: holdings.filter((h) => h.userId === userId).map((h) => ({ role: h.role, unitId: h.unitId, unitPath: h.unitPath, workflows: null, onBehalfOf: null })) };
      if (colleague.roles.length === 0 || !this.visibility.canSee(colleague, item)) throw new AppError('HELP_REQUEST_REFUSED', { details: { reason: 'cannot_see_item', userId } });
    }
    await this.inTransaction(async (m) => {
      const ids = await this.repo.addHelpRequests(m, body.userIds.map((toUserId) => ({ itemId: item.id, stage: item.stage, stageSeq: item.snapshot.seq, kind: body.kind, fromUserId: principal.userId, toUserId, message: body.message })));
      await this.history(m, principal, item, body.kind === 'cosign' ? 'cosign.requested' : 'help.requested', body.message, { requestIds: ids, userIds: body.userIds, kind: body.kind });
      return body.userIds.map((to) => notify(item, to, body.kind === 'cosign' ? 'cosign.requested' : 'help.requested', { kind: body.kind }));
    });
    return this.helpRequests(principal, itemId);
  }

  /** The colleague answers: done (help), co-signed (co-sign) or declined with a reason. */
  async answer(principal: Principal, itemId: string, requestId: string, body: HelpAnswerRequest): Promise<HelpRequestList> {
    const item = await this.items.byId(itemId);
    const req = await this.repo.helpRequest(requestId);
    if (!item || !req || req.itemId !== item.id || req.toUserId !== principal.userId) throw AppError.notFound('help_request');
    if (req.status !== 'open' || req.stageSeq !== item.snapshot.seq || item.status === 'final') throw new AppError('HELP_REQUEST_REFUSED', { details: { reason: 'not_open' } });
    const problem = answerProblem(req.kind, body.answer, body.reason);
    if (problem) throw new AppError('HELP_REQUEST_REFUSED', { details: { reason: problem }, ...(problem === 'reason_required' ? { fields: [{ path: 'reason', reason: 'required', message: 'declining needs a reason' }] } : {}) });
    await this.inTransaction(async (m) => {
      if (!(await this.repo.answer(m, req.id, body.answer, body.reason?.trim() || null))) throw new AppError('HELP_REQUEST_REFUSED', { details: { reason: 'not_open' } });
      await this.history(m, principal, item, 'help.answered', body.reason?.trim() || null, { requestId: req.id, kind: req.kind, answer: body.answer });
      return [notify(item, req.fromUserId, 'help.answered', { kind: req.kind, answer: body.answer })];
    });
    const rows = await this.repo.helpRequests(item.id);
    return { items: rows.filter((r) => r.toUserId === principal.userId).map((r) => helpView(r, item)), pendingCosigns: rows.filter((r) => r.kind === 'cosign' && r.status === 'open' && r.stageSeq === item.snapshot.seq).length, waits: false };
  }

  /** Open requests addressed to me (the inbox's "asked to help" list). */
  async mine(principal: Principal): Promise<HelpRequestList> {
    const rows = await this.repo.openFor(principal.userId, 100);
    return { items: rows.map((r) => ({ ...toView(r), ...(r.itemTitle !== undefined ? { itemTitle: r.itemTitle } : {}) })), pendingCosigns: rows.filter((r) => r.kind === 'cosign').length, waits: false };
  }

  private async inTransaction(work: (m: EntityManager) => Promise<Array<{ topic: string; payload: Record<string, unknown> }>>): Promise<void> {
    const outbox = await this.dataSource.transaction(async (m) => this.outbox.add(m, await work(m)));
    this.dispatcher.dispatchSoon(outbox);
  }

  /** The history row (the audit of these changes): the item's version does not move. */
  private async history(m: EntityManager, principal: Principal, item: WorkItemRecord, event: string, comment: string | null, details: Record<string, unknown>): Promise<void> {
    const grant = actingGrant(principal, null, item.assignedUnitPath ?? item.unitPath, item.workflowKey);
    await this.events.append(m, [
      {
        itemId: item.id,
        itemVersion: item.version,
        event,
        actorUserId: principal.userId,
        onBehalfOfUserId: grant?.onBehalfOf ?? null,
        actorUnitPath: grant?.unitPath ?? null,
        fromStage: item.stage,
        toStage: item.stage,
        comment,
        changes: {},
        details,
        requestId: currentRequest()?.requestId ?? null,
      },
    ]);
  }
}

function notify(item: WorkItemRecord, userId: string, template: string, params: Record<string, unknown>): { topic: string; payload: Record<string, unknown> } {
  return { topic: JOBS.notify, payload: { to: { userId }, template, params: { ...params, stage: item.stage, title: item.title, workflow: item.workflowKey }, itemId: item.id } };
}

function commitmentView(c: CommitmentRow): CommitmentView {
  return { stage: c.stage, userId: c.userId, userName: c.userName, status: c.status, createdAt: new Date(c.createdAt).toISOString() };
}

function toView(r: HelpRequestRow): HelpRequestView {
  return {
    id: r.id,
    itemId: r.itemId,
    stage: r.stage,
    kind: r.kind,
    fromUserId: r.fromUserId,
    fromName: r.fromName,
    toUserId: r.toUserId,
    toName: r.toName,
    message: r.message,
    status: r.status,
    reason: r.reason,
    createdAt: new Date(r.createdAt).toISOString(),
    answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
  };
}

/** An open request of an earlier stage entry is shown as lapsed (the item moved on before it was answered). */
function helpView(r: HelpRequestRow, item: WorkItemRecord): HelpRequestView {
  const v = toView(r);
  return r.status === 'open' && (r.stageSeq !== item.snapshot.seq || item.status === 'final') ? { ...v, status: 'lapsed' } : v;
}
