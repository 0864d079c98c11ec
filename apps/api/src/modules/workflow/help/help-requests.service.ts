import { Injectable } from '@nestjs/common';
import type { CreateHelpRequest, HelpRequestView, ItemHelpView } from '@thidua/contracts';
import { answerProblem, askProblem, coSignWait, effectiveStatus, helpKindsAt, holderOf, statusAfter, type CompiledWorkflow, type HelpAnswer, type HelpKind } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { Principal } from '../../../common/auth/principal';
import { actorPathFor } from '../../../common/auth/scope';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { PrincipalAccess } from '../../org/index';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { ItemRuntime } from '../items/item-runtime.service';
import { ItemVisibility } from '../items/item-visibility';
import { WorkItemEventRepository } from '../items/work-item-event.repository';
import { WorkItemRepository, type WorkItemRecord } from '../items/work-item.repository';
import { JOBS, OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository } from '../outbox/outbox.repository';
import { HelpRequestRepository, type HelpRequestRow, type PersonRow } from './help-request.repository';

/** The notification templates (rendered by notifications' `help-templates.ts`) and history events of each step. */
type HelpEvent = 'help.requested' | 'cosign.requested' | 'help.replied' | 'cosign.signed' | 'cosign.declined' | 'help.cancelled' | 'cosign.cancelled';
const ASKED: Record<HelpKind, HelpEvent> = { help: 'help.requested', cosign: 'cosign.requested' };
const ANSWERED: Record<HelpAnswer, HelpEvent> = { reply: 'help.replied', sign: 'cosign.signed', decline: 'cosign.declined' };
const CANCELLED: Record<HelpKind, HelpEvent> = { help: 'help.cancelled', cosign: 'cosign.cancelled' };

function view(r: HelpRequestRow, compiled: CompiledWorkflow | undefined): HelpRequestView {
  const name = compiled?.definition.stages[r.stage]?.name;
  return {
    id: r.id,
    itemId: r.itemId,
    itemTitle: r.itemTitle,
    stage: r.stage,
    stageName: name ? { vi: name.vi, ...(name.en ? { en: name.en } : {}) } : null,
    kind: r.kind,
    status: effectiveStatus(r.status, r.stageSeq, { seq: r.itemSeq, status: r.itemStatus }),
    message: r.message,
    from: { userId: r.fromUserId, username: r.fromUsername, fullName: r.fromName },
    to: { userId: r.toUserId, username: r.toUsername, fullName: r.toName },
    answer: r.answer,
    createdAt: new Date(r.createdAt).toISOString(),
    answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
  };
}

/**
 * Help and co-sign requests (issue 15, line 6). The holder of an item's current work asks named colleagues, who must
 * read the item (422 HELP_RECIPIENT_CANNOT_READ otherwise, before anything is written), to help (they reply) or to
 * co-sign (they sign, or decline with a reason); the holder may cancel an open request. Every step is one
 * transaction: the request row, the item's history row, the audit row and the notification (outbox). A co-sign
 * step moves the item's version on (`lockItem`), so a decision computed before it loses its race; the decision
 * itself waits in workflow-core (`requireCoSigned`, COSIGN_PENDING) on the counts the step context reads.
 * Whoever is not the person asked (or the holder, to cancel) gets the answer of a random id.
 */
@Injectable()
export class HelpRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly definitions: CompiledDefinitions,
    private readonly visibility: ItemVisibility,
    private readonly requests: HelpRequestRepository,
    private readonly principals: PrincipalAccess,
    private readonly events: WorkItemEventRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditService,
    private readonly runtime: ItemRuntime,
  ) {}

  private async readable(principal: Principal, itemId: string): Promise<{ item: WorkItemRecord; compiled: CompiledWorkflow; viewerSeesAll: boolean }> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.definitions.byId(item.definitionId);
    const viewerSeesAll = compiled.definition.viewerVisibility === 'all';
    this.visibility.assertCanRead(principal, item, { viewerSeesAll });
    return { item, compiled, viewerSeesAll };
  }

  /** Whether this person reads the item in full (their own principal, delegations included). */
  private async reads(person: PersonRow, item: WorkItemRecord, viewerSeesAll: boolean): Promise<boolean> {
    if (person.status !== 'active') return false;
    const p = await this.principals.findPrincipal(person.id);
    return !!p && this.visibility.readLevel(p, item, { viewerSeesAll }) === 'all';
  }

  /** The item's requests and where its co-signing stands, for whoever reads the item. */
  async forItem(principal: Principal, itemId: string): Promise<ItemHelpView> {
    const { item, compiled } = await this.readable(principal, itemId);
    const def = compiled.definition;
    const snap = item.snapshot;
    const kinds = item.status === 'final' ? [] : helpKindsAt(def, snap.stage);
    const coSignSpec = kinds.includes('cosign') ? def.stages[snap.stage]?.help?.coSign : undefined;
    const rows = await this.requests.forItem(itemId);
    let coSign: ItemHelpView['coSign'] = null;
    if (coSignSpec) {
      const w = coSignWait(def, snap.stage, await this.requests.coSignState(itemId, snap.seq));
      coSign = { required: coSignSpec.required === true, needed: w.needed, signed: w.signed, open: w.open, waitsForAll: w.waitsForAll, waits: w.waits };
    }
    const canAsk = kinds.length > 0 && item.status === 'active' && holderOf(snap) === principal.userId;
    const cache = new Map<string, CompiledWorkflow>([[item.definitionId, compiled]]);
    return { kinds, canAsk, coSign, requests: rows.map((r) => view(r, cache.get(r.definitionId))) };
  }

  /** Requests addressed to me ("Được nhờ hỗ trợ"), with the item's title and the stage's name. */
  async inbox(principal: Principal, status: 'open' | 'all'): Promise<HelpRequestView[]> {
    const rows = await this.requests.addressedTo(principal.userId, status === 'open');
    const compiled = new Map<string, CompiledWorkflow>();
    for (const id of new Set(rows.map((r) => r.definitionId))) compiled.set(id, (await this.definitions.byId(id)).compiled);
    return rows.map((r) => view(r, compiled.get(r.definitionId)));
  }

  async ask(principal: Principal, itemId: string, input: CreateHelpRequest): Promise<HelpRequestView[]> {
    const { item, compiled, viewerSeesAll } = await this.readable(principal, itemId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== item.version) throw await this.runtime.itemChanged(itemId, principal, 'stale_version', input.expectedVersion);
    const def = compiled.definition;
    const snap = item.snapshot;
    const ids = [...new Set(input.userIds ?? [])];
    const handles = [...new Set((input.usernames ?? []).map((u) => u.toLowerCase()))];
    const people = await this.requests.people(ids, handles);
    // Unknown ids and usernames are refused like people who do not read the item (no probing of who exists).
    const refused: string[] = [];
    for (const h of handles) if (!people.some((p) => p.username.toLowerCase() === h)) refused.push(h);
    for (const id of ids) if (!people.some((p) => p.id === id)) refused.push(id);
    const recipients: Array<{ userId: string; readsItem: boolean; person: PersonRow }> = [];
    for (const person of people) recipients.push({ userId: person.id, readsItem: person.id === principal.userId || (await this.reads(person, item, viewerSeesAll)), person });
    const alreadyAsked = await this.requests.openRecipients(this.dataSource.manager, itemId, snap.seq, input.kind);
    const problem = refused.length > 0 && recipients.length === 0 ? null : askProblem(def, snap, { requesterId: principal.userId, kind: input.kind, recipients, alreadyAsked });
    const labels = (userIds: readonly string[]) => recipients.filter((r) => userIds.includes(r.userId)).map((r) => `${r.person.fullName} (${r.person.username})`);
    // Someone who cannot read the item is named as the caller named them (no name or username of theirs is revealed).
    const asSent = (userIds: readonly string[]) => recipients.filter((r) => userIds.includes(r.userId)).map((r) => (ids.includes(r.userId) ? r.userId : r.person.username));
    if (problem?.code === 'ITEM_NOT_ACTIVE') throw new AppError(item.status === 'final' ? 'ITEM_FINAL' : 'ITEM_SUSPENDED');
    if (problem?.code === 'NOT_HOLDER') throw new AppError('HELP_NOT_HOLDER');
    if (problem?.code === 'HELP_NOT_ALLOWED') throw new AppError('HELP_NOT_ALLOWED', { details: { kind: problem.kind, stage: snap.stage } });
    if (problem?.code === 'SELF') throw new AppError('HELP_RECIPIENT_SELF');
    if (problem?.code === 'NO_RECIPIENTS' || refused.length > 0 || problem?.code === 'CANNOT_READ') {
      const cannot = [...refused, ...asSent(problem?.code === 'CANNOT_READ' ? problem.userIds : [])];
      throw new AppError('HELP_RECIPIENT_CANNOT_READ', { params: { people: cannot.join(', ') || '—' }, details: { refused: cannot } });
    }
    if (problem?.code === 'SEPARATION_OF_DUTIES') throw new AppError('SEPARATION_OF_DUTIES', { details: { rule: 'cosign', userIds: problem.userIds } });
    if (problem?.code === 'ALREADY_ASKED') throw new AppError('HELP_ALREADY_ASKED', { params: { people: labels(problem.userIds).join(', ') }, details: { userIds: problem.userIds } });

    const stageName = def.stages[snap.stage]?.name;
    const { ids: newIds, outbox } = await this.dataSource.transaction(async (m) => {
      const locked = await this.requests.lockItem(m, itemId, input.kind === 'cosign');
      // The item moved (another step: a hand-over, a decision) between the checks and the lock: the one race answer.
      if (!locked || locked.seq !== snap.seq || locked.status !== 'active' || locked.version !== item.version + (input.kind === 'cosign' ? 1 : 0)) throw new ItemMoved();
      const again = await this.requests.openRecipients(m, itemId, snap.seq, input.kind);
      const dup = recipients.filter((r) => again.includes(r.userId)).map((r) => r.userId);
      if (dup.length > 0) throw new AppError('HELP_ALREADY_ASKED', { params: { people: labels(dup).join(', ') }, details: { userIds: dup } });
      const created = await this.requests.insert(m, recipients.map((r) => ({ itemId, stage: snap.stage, stageSeq: snap.seq, kind: input.kind, fromUserId: principal.userId, toUserId: r.userId, message: input.message })));
      const event = ASKED[input.kind];
      const details = { requestIds: created, kind: input.kind, toUserIds: recipients.map((r) => r.userId) };
      await this.record(m, principal, item, locked.version, event, input.message, details);
      const messages = await this.outbox.add(
        m,
        recipients.map((r) => ({
          topic: JOBS.notify,
          payload: { to: { userId: r.userId }, template: event, params: { title: item.title, event, actorUserId: principal.userId, text: input.message, stageName: stageName?.vi ?? snap.stage, stageNameEn: stageName?.en ?? stageName?.vi ?? snap.stage }, itemId },
        })),
      );
      return { ids: created, outbox: messages };
    }).catch((e: unknown) => this.raceAnswer(e, itemId, principal));
    this.dispatcher.dispatchSoon(outbox);
    const rows = await Promise.all(newIds.map((id) => this.requests.byId(id)));
    return rows.filter((r): r is HelpRequestRow => r !== null).map((r) => view(r, compiled));
  }

  /** The person asked answers: reply (help), sign or decline (co-sign). */
  async answer(principal: Principal, requestId: string, answer: HelpAnswer, text: string | undefined): Promise<HelpRequestView> {
    // The person asked, while they still read the item.
    const { row, compiled, item } = await this.ownRequest(requestId, (r) => r.toUserId === principal.userId);
    if (this.visibility.readLevel(principal, item, { viewerSeesAll: compiled.definition.viewerVisibility === 'all' }) !== 'all') throw AppError.notFound('help_request');
    const wrong = answerProblem(row.kind, answer, text);
    if (wrong === 'WRONG_ANSWER') throw new AppError('HELP_ANSWER_INVALID', { details: { kind: row.kind, answer } });
    if (wrong === 'TEXT_REQUIRED') throw AppError.validation([{ path: answer === 'decline' ? 'body.reason' : 'body.text', reason: 'too_small', message: 'a text is required' }]);
    const note = text?.trim() ? text.trim() : null;
    return this.close(principal, row, compiled, statusAfter(answer) as 'replied' | 'signed' | 'declined', note, ANSWERED[answer], row.fromUserId);
  }

  /** The holder (the person who asked, or whoever holds the item now) cancels an open request. */
  async cancel(principal: Principal, requestId: string, reason: string | undefined): Promise<HelpRequestView> {
    const { row, compiled } = await this.ownRequest(requestId, (r, item) => r.fromUserId === principal.userId || holderOf(item.snapshot) === principal.userId);
    return this.close(principal, row, compiled, 'cancelled', reason?.trim() ? reason.trim() : null, CANCELLED[row.kind], row.toUserId);
  }

  /** A request the caller may act on, or the answer of a random id (404) for anyone else. */
  private async ownRequest(requestId: string, mine: (r: HelpRequestRow, item: WorkItemRecord) => boolean): Promise<{ row: HelpRequestRow; compiled: CompiledWorkflow; item: WorkItemRecord }> {
    const row = await this.requests.byId(requestId);
    const item = row ? await this.items.byId(row.itemId) : undefined;
    if (!row || !item || !mine(row, item)) throw AppError.notFound('help_request');
    const { compiled } = await this.definitions.byId(item.definitionId);
    return { row, compiled, item };
  }

  private async close(principal: Principal, row: HelpRequestRow, compiled: CompiledWorkflow, status: 'replied' | 'signed' | 'declined' | 'cancelled', text: string | null, event: HelpEvent, tell: string): Promise<HelpRequestView> {
    if (effectiveStatus(row.status, row.stageSeq, { seq: row.itemSeq, status: row.itemStatus }) !== 'open') throw closedError(row);
    const item = (await this.items.byId(row.itemId))!;
    const stageName = compiled.definition.stages[row.stage]?.name;
    const outbox = await this.dataSource.transaction(async (m) => {
      // The request row first (two answers, or an answer and a cancel, queue here: the second finds it closed)…
      if (!(await this.requests.close(m, row.id, status, text, principal.userId))) throw closedError(row);
      // …then the item: still at the request's stage entry, else the request has lapsed.
      const locked = await this.requests.lockItem(m, row.itemId, row.kind === 'cosign');
      if (!locked || locked.seq !== row.stageSeq || locked.status === 'final') throw closedError(row);
      await this.record(m, principal, item, locked.version, event, text, { requestId: row.id, kind: row.kind, status, fromUserId: row.fromUserId, toUserId: row.toUserId });
      return this.outbox.add(m, [
        {
          topic: JOBS.notify,
          payload: { to: { userId: tell }, template: event, params: { title: item.title, event, actorUserId: principal.userId, text: text ?? '', stageName: stageName?.vi ?? row.stage, stageNameEn: stageName?.en ?? stageName?.vi ?? row.stage }, itemId: row.itemId },
        },
      ]);
    });
    this.dispatcher.dispatchSoon(outbox);
    return view((await this.requests.byId(row.id))!, compiled);
  }

  /** The item's history row and the audit row of one help step (same transaction). */
  private async record(m: EntityManager, principal: Principal, item: WorkItemRecord, version: number, event: HelpEvent, comment: string | null, details: Record<string, unknown>): Promise<void> {
    const unitPath = actorPathFor(principal, item.unitPath);
    await this.events.append(m, [
      { itemId: item.id, itemVersion: version, event, actorUserId: principal.userId, onBehalfOfUserId: null, actorUnitPath: unitPath, fromStage: item.stage, toStage: item.stage, comment, changes: {}, details, requestId: currentRequest()?.requestId ?? null },
    ]);
    await this.audit.record(m, { action: `item.${event}`, entityType: 'item', entityId: item.id, actorUserId: principal.userId, actorUnitPath: unitPath, details });
  }

  private async raceAnswer(e: unknown, itemId: string, principal: Principal): Promise<never> {
    if (e instanceof ItemMoved) throw await this.runtime.itemChanged(itemId, principal, 'lost_race');
    throw e;
  }
}

class ItemMoved extends Error {}

function closedError(row: HelpRequestRow): AppError {
  return new AppError('HELP_REQUEST_CLOSED', { details: { requestId: row.id } });
}

