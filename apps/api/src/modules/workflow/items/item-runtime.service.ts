import { Injectable } from '@nestjs/common';
import type { WorkItemView } from '@thidua/contracts';
import { designationProblems, excludedUserIds, heldVisibilityAt, isEarlyOffered, isLateSubmission, step, validateData, type CompiledWorkflow, type Effect, type FieldSpec, type JsonObject, type StepResult, type WorkItemEvent, type WorkItemSnapshot } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, isAppError } from '../../../common/errors/app-error';
import { answerInTransaction } from '../../../common/http/idempotency.interceptor';
import { IdempotencyRepository } from '../../../common/http/idempotency.repository';
import { currentIdempotentRequest } from '../../../common/http/idempotent-request';
import { currentRequest } from '../../../common/logging/request-context';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { actingGrant, type ActingAs } from '../engine/actor';
import { OrgGateway, buildTreeView } from '../../org/index';
import { designationError, refusalToError } from '../engine/refusal-to-error';
import { StepContextFactory, type BuiltContext, type TreeSlice } from '../engine/step-context.factory';
import { WorkflowHookRegistry, type HookActor } from '../hooks/workflow-hook-registry';
import { type DomainEvent, domainEventMessage, domainEventMessages, itemAmendedEvent, itemStepEvent } from '../outbox/domain-events';
import { JOBS, OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository, type OutboxMessage } from '../outbox/outbox.repository';
import { WorkflowTimerRepository } from '../timers/workflow-timer.repository';
import { AllocationRepository, type AllocationKey, type AllocationMade } from '../allocation/allocation.repository';
import { allocationKey, AllocationPass, needsAllocation } from '../allocation/allocation-pass';
import { OfferingRepository } from '../offering/offering.repository';
import { ItemVisibility } from './item-visibility';
import { diffData } from './item-view';
import { ItemViews, type ItemReader } from './item-views';
import { WorkItemEventRepository, type NewItemEvent } from './work-item-event.repository';
import { WorkItemRepository, type CascadeState, type ItemStateColumns, type WorkItemRecord } from './work-item.repository';

export interface ActOptions {
  /** The version the caller saw (409 ITEM_CHANGED, with the current item, when the item has moved on). */
  expectedVersion?: number;
  /** Fields merged into the item's data before the event. */
  dataPatch?: Record<string, unknown>;
  /**
   * This step's view is the answer of the request (an item action): under an Idempotency-Key it is stored
   * inside the step's transaction (common/http/idempotency.interceptor.ts), so a committed step always has it.
   */
  answersRequest?: boolean;
  /** Clock override (tests of deadlines use a simulated clock). */
  now?: Date;
  /** Re-run the step on a lost version race (claims and system events; never decisions). */
  retryOnConflict?: number;
  /** Passed to the stage hooks the step fires (`HookContext.input`); never required by a handler. */
  hookInput?: Record<string, unknown>;
  /** Extra writes that must commit with the step (e.g. marking a timer fired). */
  inTransaction?: (m: EntityManager) => Promise<void>;
}

export interface PreparedStep {
  item: WorkItemRecord;
  compiled: CompiledWorkflow;
  ctx: BuiltContext;
  result: Extract<StepResult, { ok: true }>;
  data: Record<string, unknown>;
  changes: Record<string, { from: unknown; to: unknown }>;
  /** The step enters a stage a strategy allocates: `save` allocates inside its transaction (cursor row locked). */
  allocation?: AllocationKey;
}

class LostRace extends Error {}

/**
 * The one path by which a work item changes: load it, run workflow-core's `step`, and save in one
 * transaction the item (optimistic version check), its history row, its timers and the outbox rows
 * of its side effects; then hand the outbox rows to the job queue. Users, timers and cascades all
 * come through here, so a submission and a deadline racing each other resolve like two users.
 */
@Injectable()
export class ItemRuntime {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly events: WorkItemEventRepository,
    private readonly timers: WorkflowTimerRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly idempotencyKeys: IdempotencyRepository,
    private readonly definitions: CompiledDefinitions,
    private readonly contexts: StepContextFactory,
    private readonly org: OrgGateway,
    private readonly visibility: ItemVisibility,
    private readonly views: ItemViews,
    private readonly hooks: WorkflowHookRegistry,
    private readonly allocations: AllocationRepository,
    private readonly offering: OfferingRepository,
  ) {}

  async act(acting: ActingAs, itemId: string, event: WorkItemEvent, options: ActOptions = {}): Promise<WorkItemView> {
    const reader = acting.kind === 'user' ? acting.principal : null;
    let attempts = options.retryOnConflict ?? 0;
    for (;;) {
      try {
        return await this.actOnce(acting, itemId, event, options);
      } catch (e) {
        if (!(e instanceof LostRace)) throw e;
        if (attempts-- <= 0 || options.expectedVersion !== undefined) throw await this.itemChanged(itemId, reader, 'lost_race', options.expectedVersion);
      }
    }
  }

  /**
   * The one answer to "someone else acted first" (docs/workflow-runtime.md, "Races"): 409 ITEM_CHANGED with
   * the item as it now is, in the view the item GET gives this user (null when they can no longer see it).
   */
  async itemChanged(itemId: string, reader: ItemReader | null, reason: 'stale_version' | 'lost_race', expectedVersion?: number): Promise<AppError> {
    const now = await this.items.byId(itemId);
    const compiled = now ? (await this.definitions.byId(now.definitionId)).compiled : undefined;
    const item = now ? await this.views.present(now, compiled, reader) : null;
    return new AppError('ITEM_CHANGED', { details: { reason, ...(expectedVersion !== undefined ? { expectedVersion } : {}), currentVersion: now?.version ?? null, item } });
  }

  /** Loads the item and computes the step without saving anything. */
  async prepare(acting: ActingAs, item: WorkItemRecord, event: WorkItemEvent, options: ActOptions = {}, m?: EntityManager, slice?: TreeSlice): Promise<PreparedStep> {
    if (acting.kind === 'user') this.visibility.assertCanSee(acting.principal, item);
    if (options.expectedVersion !== undefined && options.expectedVersion !== item.version) {
      throw await this.itemChanged(item.id, acting.kind === 'user' ? acting.principal : null, 'stale_version', options.expectedVersion);
    }
    const { compiled } = await this.definitions.byId(item.definitionId, m);
    let data = item.data;
    let changes: Record<string, { from: unknown; to: unknown }> = {};
    if (options.dataPatch && Object.keys(options.dataPatch).length > 0) {
      // The current stage's own fields (e.g. an appraisal's notes) are that stage's work, sent with its
      // action; only a change to other fields after submission is an amendment. The step still checks
      // that the caller may act at this stage.
      const stageFields = new Set((compiled.definition.stages[item.stage]?.fields ?? []).map((f) => f.name));
      const isOwnStageWork = Object.keys(options.dataPatch).every((k) => stageFields.has(k));
      if (!isOwnStageWork) await this.assertAmendable(item, compiled, m);
      checkPatchTypes(compiled.fields, options.dataPatch);
      data = { ...item.data, ...options.dataPatch };
      changes = diffData(item.data, data);
    }
    const input = { compiled, itemId: item.id, unitId: item.unitId, data, snapshot: item.snapshot, event, acting, now: options.now ?? new Date() };
    // The slice read with the item, when it holds all the step can reach; otherwise build reads it.
    const ctx = await this.contexts.build(slice && this.contexts.covers(input, slice) ? { ...input, tree: slice } : input, m);
    // Late offering by load: taking an unheld offer that is shown only below a queue size reads the taker's queue.
    const offer = item.snapshot?.assignment;
    if (acting.kind === 'user' && offer?.queueBelow !== undefined && offer.userId === undefined && offer.claimedBy === undefined && (event.type === 'claim' || event.type === 'start')) {
      ctx.actorQueueLength = await this.offering.openItemsHeldBy(acting.principal.userId, m);
    }
    let result = step(compiled, item.snapshot, event, ctx);
    // Early offering: the step opened a stage offered early; whoever committed to it gets it when they may still act
    // there (the engine decides, with their role holdings read here), so read the commitment and step again.
    if (result.ok && entersNewStage(item.snapshot, result.snapshot) && isEarlyOffered(compiled.definition.stages[result.snapshot.stage])) {
      const stageId = result.snapshot.stage;
      const held = await this.offering.commitmentFor(item.id, stageId, m);
      if (held) {
        ctx.commitment = (s) => (s === stageId ? held.userId : undefined);
        ctx.holdsRole = await this.contexts.holdsRoleWith(ctx, [held.userId], m);
        result = step(compiled, item.snapshot, event, ctx);
      }
    }
    // Work allocation: the step entered a stage allocated by a strategy. Who gets it is decided inside the step's
    // transaction with the stage's cursor row locked (`allocateIn`), so simultaneous allocations never share a turn.
    const allocation = result.ok && needsAllocation(compiled, item.snapshot, result.snapshot) ? allocationKey(result.snapshot) : undefined;
    if (!result.ok) {
      const holderId = result.refusal.code === 'NOT_CLAIMANT' ? String(result.refusal.details?.claimedBy ?? '') : '';
      throw refusalToError(result.refusal, holderId ? await this.org.userLabel(holderId) : undefined);
    }
    // Deferred distribution: a person designated in the data being entered must be able to act at their stage.
    if (options.dataPatch) {
      const designations = designationProblems(compiled.definition, data as JsonObject, ctx, result.snapshot.submitterId, Object.keys(options.dataPatch));
      if (designations.length > 0) throw designationError(designations);
    }
    // A fan-out child's first submission: one read of the parent, only then (not on the approve path).
    if (acting.kind === 'user' && item.parentItemId && item.submittedAt === null && result.snapshot.stage !== compiled.definition.initialStage) await this.assertNotLate(item, m);
    const prepared: PreparedStep = { item, compiled, ctx, result, data, changes, ...(allocation ? { allocation } : {}) };
    return m && allocation ? this.allocateIn(m, prepared, event) : prepared;
  }

  /**
   * Steps again with the allocation inputs, read with the stage's cursor row locked in this transaction (the step is
   * pure, so the second run differs only in who gets the work); the lock is held until the transaction ends.
   */
  private async allocateIn(m: EntityManager, p: PreparedStep, event: WorkItemEvent): Promise<PreparedStep> {
    if (!p.allocation) return p;
    const pass = await AllocationPass.open(this.allocations, m, p.item.workflowKey, [p.allocation]);
    p.ctx.allocation = pass.provider(`${p.item.id}:${p.result.snapshot.seq}`);
    const result = step(p.compiled, p.item.snapshot, event, p.ctx);
    if (!result.ok) throw refusalToError(result.refusal);
    const { allocation: _done, ...rest } = p;
    return { ...rest, result };
  }

  private async actOnce(acting: ActingAs, itemId: string, event: WorkItemEvent, options: ActOptions): Promise<WorkItemView> {
    // The item and the tree slice its step needs, in one statement (issue 17, line 1).
    const read = await this.items.byIdWithTree(itemId, acting.kind === 'user' ? [...new Set(acting.principal.roles.map((r) => r.unitId))] : []);
    // No details: an item the caller may not see answers exactly the same (issue 13).
    if (!read) throw AppError.notFound('item');
    const { item } = read;
    const prepared = await this.prepare(acting, item, event, options, undefined, buildTreeView(read.units));
    // Under an Idempotency-Key the step runs in a transaction, which marks the key applied (common/http).
    if (!currentIdempotentRequest() && !options.inTransaction && prepared.result.hooks.length === 0 && !prepared.allocation) {
      const fast = await this.saveInOneStatement(acting, prepared, event);
      if (fast) {
        this.dispatcher.dispatchSoon(fast.outbox);
        return this.views.present(fast.saved, prepared.compiled, acting.kind === 'user' ? acting.principal : null);
      }
    }
    const { view, outbox } = await this.dataSource.transaction(async (m) => {
      const out = await this.save(m, acting, prepared, event, options.hookInput);
      const view = await this.views.present(out.saved, prepared.compiled, acting.kind === 'user' ? acting.principal : null, m);
      if (options.inTransaction) await options.inTransaction(m);
      if (options.answersRequest) await answerInTransaction(this.idempotencyKeys, m, view);
      return { view, outbox: out.outbox };
    });
    this.dispatcher.dispatchSoon(outbox);
    return view;
  }

  /**
   * Writes one prepared step inside the caller's transaction. Throws LostRace when the item's
   * version moved (the caller decides between 409 and a retry).
   */
  /** The item columns, the history row and the pure outbox messages of a prepared step. */
  private async compose(acting: ActingAs, p: PreparedStep, event: WorkItemEvent, m?: EntityManager): Promise<{ state: ItemStateColumns; eventRow: NewItemEvent; comment: string | null; progress: boolean; actor: HookActor }> {
    const { item, result, compiled, ctx } = p;
    const snap = result.snapshot;
    const a = snap.assignment;
    let assignedPath: string | null = null;
    if (a) assignedPath = ctx.pathOf(a.unitId) ?? (await this.org.unit(a.unitId, m))?.path ?? null;
    const state: ItemStateColumns = {
      stage: snap.stage,
      status: snap.status,
      outcome: snap.status === 'final' ? (snap.outcome ?? 'completed') : null,
      data: p.data,
      snapshot: snap,
      assignedUnitId: a?.unitId ?? null,
      assignedUnitPath: assignedPath,
      assignedRole: a?.role ?? null,
      assignedUserId: a ? (a.userId ?? a.claimedBy ?? null) : null,
      excludedUserIds: a ? excludedUserIds(compiled.definition, snap, snap.stage) : [],
      heldVisibility: heldVisibilityAt(compiled.definition, snap.stage),
      dueAt: snap.deadline?.dueAt ?? null,
      submitterId: snap.submitterId,
      markSubmitted: snap.stage !== compiled.definition.initialStage || snap.trail.length > 1,
    };
    const grant = acting.kind === 'user' ? actingGrant(acting.principal, item.assignedRole, item.assignedUnitPath ?? item.unitPath, item.workflowKey) : undefined;
    const auditDetails = result.effects.filter((e): e is Extract<Effect, { type: 'audit' }> => e.type === 'audit').map((e) => ({ action: e.action, ...e.details }));
    const comment = 'comment' in event && typeof event.comment === 'string' ? event.comment : 'reason' in event && typeof event.reason === 'string' ? event.reason : null;
    const eventRow: NewItemEvent = {
      itemId: item.id,
      itemVersion: item.version + 1,
      event: event.type,
      actorUserId: acting.kind === 'user' ? acting.principal.userId : null,
      onBehalfOfUserId: grant?.onBehalfOf ?? null,
      actorUnitPath: grant?.unitPath ?? null,
      fromStage: result.fromStage,
      toStage: result.toStage,
      comment,
      changes: p.changes,
      details: {
        ...(acting.kind === 'system' ? { system: acting.reason } : {}),
        ...(event.type === 'timer.fired' ? { timer: event.key, kind: event.kind } : {}),
        ...(snap.skipped[result.fromStage ?? ''] && event.type === 'skip' ? { skipped: true } : {}),
        audit: auditDetails,
      },
      requestId: currentRequest()?.requestId ?? null,
    };
    const progress = !!item.parentItemId && ((item.status !== 'final' && snap.status === 'final') || (item.submittedAt === null && state.markSubmitted));
    const actor: HookActor = acting.kind === 'user' ? { userId: acting.principal.userId, onBehalfOfUserId: grant?.onBehalfOf ?? null } : { userId: null, onBehalfOfUserId: null, system: acting.reason };
    return { state, eventRow, comment, progress, actor };
  }

  private savedRecord(item: WorkItemRecord, state: ItemStateColumns, cascade: CascadeState | null): WorkItemRecord {
    return {
      ...item,
      ...state,
      dueAt: state.dueAt ? new Date(state.dueAt) : null,
      submittedAt: item.submittedAt ?? (state.markSubmitted ? new Date() : null),
      version: item.version + 1,
      updatedAt: new Date(),
      cascade: cascade ?? item.cascade,
    };
  }

  /**
   * Writes one prepared step inside the caller's transaction. Throws LostRace when the item's
   * version moved (the caller decides between 409 and a retry).
   */
  async save(m: EntityManager, acting: ActingAs, prepared: PreparedStep, event: WorkItemEvent, hookInput?: Record<string, unknown>): Promise<{ saved: WorkItemRecord; outbox: OutboxMessage[] }> {
    const p = await this.allocateIn(m, prepared, event);
    const { item, result } = p;
    const { state, eventRow, comment, progress, actor } = await this.compose(acting, p, event, m);
    const ok = await this.items.saveState(m, item.id, item.version, state);
    if (!ok) throw new LostRace();
    await this.events.append(m, [eventRow]);
    const { messages, cascade } = await this.applyEffects(m, item, result.effects, { comment, facts: notifyFacts(p, eventRow) });
    if (progress) messages.push({ topic: JOBS.childrenProgress, payload: { parentItemId: item.parentItemId } });
    messages.push(...domainEventMessages(itemStepEvent(item, state, eventRow)));
    const saved = this.savedRecord(item, state, cascade);
    // Stage hooks: domain writes of this step, after the item row and its history row, in the same transaction.
    const publish = (e: DomainEvent): void => void messages.push(domainEventMessage(e));
    if (result.hooks.length > 0) await this.hooks.run(m, result.hooks, { item: saved, event, actor, data: p.data, now: new Date(p.ctx.now), publish, ...(hookInput ? { input: hookInput } : {}) });
    const outbox = await this.outbox.add(m, messages);
    return { saved, outbox };
  }

  /**
   * The common case (no timer, no cascade, no idempotency record): item, history row and outbox rows
   * in ONE statement (data-modifying CTEs), which is atomic by itself and saves four round trips.
   */
  private async saveInOneStatement(acting: ActingAs, p: PreparedStep, event: WorkItemEvent): Promise<{ saved: WorkItemRecord; outbox: OutboxMessage[] } | null> {
    const { item, result } = p;
    if (result.hooks.length > 0 || p.allocation || !result.effects.every((e) => PURE_EFFECTS.has(e.type))) return null;
    const { state, eventRow, comment, progress } = await this.compose(acting, p, event);
    const messages = pureMessages(item, result.effects, comment, notifyFacts(p, eventRow));
    if (progress) messages.push({ topic: JOBS.childrenProgress, payload: { parentItemId: item.parentItemId } });
    messages.push(...domainEventMessages(itemStepEvent(item, state, eventRow)));
    const outbox = await this.items.saveStepAtomically(item.id, item.version, state, eventRow, messages);
    if (outbox === null) throw new LostRace();
    return { saved: this.savedRecord(item, state, null), outbox };
  }

  /** Turns the engine's effects into rows of this transaction; returns the outbox messages to add. */
  async applyEffects(
    m: EntityManager,
    item: Pick<WorkItemRecord, 'id' | 'title' | 'unitId' | 'workflowKey' | 'campaignId'>,
    effects: readonly Effect[],
    options: { comment?: string | null; facts?: NotifyFacts; deferTimers?: Array<{ itemId: string; key: string; kind: string; stage: string; fireAt: string }>; deferAllocations?: AllocationMade[] } = {},
  ): Promise<{ messages: Array<{ topic: string; payload: Record<string, unknown> }>; cascade: CascadeState | null }> {
    let cascade: CascadeState | null = null;
    const messages: Array<{ topic: string; payload: Record<string, unknown> }> = [];
    const schedule: Array<{ key: string; kind: string; stage: string; fireAt: string }> = [];
    const allocated: AllocationMade[] = [];
    for (const e of effects) {
      switch (e.type) {
        case 'cancel_timers':
          await this.timers.cancel(m, item.id, e.stage);
          break;
        case 'schedule_timer':
          schedule.push({ key: e.key, kind: e.kind, stage: e.stage, fireAt: e.fireAt });
          break;
        case 'spawn_children': {
          const root = await this.org.unit(e.rootUnitId, m);
          cascade = {
            status: 'pending',
            childWorkflow: e.childWorkflow,
            rootUnitId: e.rootUnitId,
            rootPath: root?.path ?? '',
            selector: { ...e.selector },
            reached: 0,
            total: null,
            submitted: 0,
            settled: 0,
            afterUnitId: null,
            withdrawnPaths: [],
            startedAt: new Date().toISOString(),
            finishedAt: null,
          };
          await this.items.setCascade(m, item.id, cascade);
          messages.push({ topic: JOBS.fanout, payload: { parentItemId: item.id } });
          break;
        }
        case 'record_allocation':
          allocated.push({ stage: e.stage, unitId: e.unitId, userId: e.userId });
          break;
        case 'set_upcoming': {
          const rows = [];
          for (const o of e.offers) {
            const path = (await this.org.unit(o.unitId, m))?.path;
            if (path) rows.push({ stage: o.stage, unitId: o.unitId, unitPath: path, role: o.role, excludedUserIds: o.excludedUserIds, distance: o.distance });
          }
          await this.offering.replaceUpcoming(m, item.id, rows);
          break;
        }
        case 'consume_commitment':
          await this.offering.consume(m, item.id, e.stage);
          break;
        default:
          break;
      }
    }
    messages.push(...pureMessages(item, effects, options.comment ?? null, options.facts));
    // Timers cancelled above and rescheduled here keep one row per key (upsert).
    if (options.deferTimers) options.deferTimers.push(...schedule.map((t) => ({ ...t, itemId: item.id })));
    else await this.timers.schedule(m, item.id, schedule);
    if (options.deferAllocations) options.deferAllocations.push(...allocated);
    else await this.allocations.record(m, item.workflowKey, allocated);
    return { messages, cascade };
  }

  /**
   * An amendment of submitted data: not a stage move, so it does not go through `step` (workflow-core
   * has no amend event); it is version-checked and recorded in the history like every change.
   */
  async amend(acting: ActingAs, item: WorkItemRecord, patch: Record<string, unknown>, options: ActOptions = {}): Promise<WorkItemView> {
    const userId = acting.kind === 'user' ? acting.principal.userId : null;
    const reader = acting.kind === 'user' ? acting.principal : null;
    if (options.expectedVersion !== undefined && options.expectedVersion !== item.version) throw await this.itemChanged(item.id, reader, 'stale_version', options.expectedVersion);
    const { compiled } = await this.definitions.byId(item.definitionId);
    await this.assertAmendable(item, compiled);
    checkPatchTypes(compiled.fields, patch);
    const data = { ...item.data, ...patch };
    const changes = diffData(item.data, data);
    const view = await this.dataSource.transaction(async (m) => {
      const ok = await this.items.saveState(m, item.id, item.version, {
        stage: item.stage,
        status: item.status,
        outcome: item.outcome,
        data,
        snapshot: item.snapshot,
        assignedUnitId: item.assignedUnitId,
        assignedUnitPath: item.assignedUnitPath,
        assignedRole: item.assignedRole,
        assignedUserId: item.assignedUserId,
        excludedUserIds: item.snapshot.assignment ? excludedUserIds(compiled.definition, item.snapshot, item.snapshot.stage) : [],
        heldVisibility: heldVisibilityAt(compiled.definition, item.snapshot.stage),
        dueAt: item.dueAt ? item.dueAt.toISOString() : null,
        submitterId: item.submitterId,
        markSubmitted: false,
      });
      if (!ok) throw new LostRace();
      const grant = acting.kind === 'user' ? actingGrant(acting.principal, 'officer', item.unitPath, item.workflowKey) : undefined;
      await this.events.append(m, [
        {
          itemId: item.id,
          itemVersion: item.version + 1,
          event: 'amend',
          actorUserId: acting.kind === 'user' ? acting.principal.userId : null,
          onBehalfOfUserId: grant?.onBehalfOf ?? null,
          actorUnitPath: grant?.unitPath ?? null,
          fromStage: item.stage,
          toStage: item.stage,
          comment: null,
          changes,
          details: {},
          requestId: currentRequest()?.requestId ?? null,
        },
      ]);
      const outbox = await this.outbox.add(m, [domainEventMessage(itemAmendedEvent(item, Object.keys(changes), item.version + 1, userId))]);
      return { view: await this.views.present({ ...item, data, version: item.version + 1, updatedAt: new Date() }, compiled, reader, m), outbox };
    }).catch(async (e: unknown) => {
      if (e instanceof LostRace) throw await this.itemChanged(item.id, reader, 'lost_race');
      throw e;
    });
    this.dispatcher.dispatchSoon(view.outbox);
    return view.view;
  }

  /** `lateSubmissions: false`: once the parent stopped collecting, a straggler's first submission is refused. */
  private async assertNotLate(item: WorkItemRecord, m?: EntityManager): Promise<void> {
    const parent = await this.items.byId(item.parentItemId as string, m);
    if (!parent) return;
    const { compiled } = await this.definitions.byId(parent.definitionId, m);
    if (isLateSubmission(compiled.definition, parent.snapshot, item.workflowKey)) throw new AppError('LATE_SUBMISSION', { details: { parentItemId: parent.id, parentStage: parent.stage } });
  }

  /** Amending data after submission is allowed only while the parent's collection is open. */
  private async assertAmendable(item: WorkItemRecord, compiled: CompiledWorkflow, m?: EntityManager): Promise<void> {
    if (item.status === 'final') throw new AppError('ITEM_FINAL');
    const isAmendment = item.submittedAt !== null && item.stage !== compiled.definition.initialStage;
    if (!isAmendment) return;
    const stage = compiled.definition.stages[item.stage];
    if (!stage?.allowsAmendWhileOpen) throw new AppError('TRANSITION_REFUSED', { params: { reason: `stage ${item.stage} does not accept amendments` } });
    if (!item.parentItemId) return;
    const parent = await this.items.byId(item.parentItemId, m);
    const isOpen = parent !== undefined && parent.status !== 'final' && parent.snapshot.fanout !== null && parent.cascade?.status !== 'closed';
    if (!isOpen) throw new AppError('COLLECTION_CLOSED', { details: { parentItemId: item.parentItemId } });
  }
}

/** Whether a step entered a stage (not final): the stage's opening decides who gets its work. */
function entersNewStage(before: WorkItemSnapshot | null, after: WorkItemSnapshot): boolean {
  return after.status !== 'final' && (!before || before.seq !== after.seq);
}

/** Effects that need no statement of their own (they become columns, history details or outbox rows). */
const PURE_EFFECTS = new Set<Effect['type']>(['assign', 'audit', 'notify', 'close_children', 'allocate_document_number']);

/**
 * What a notification says about the step that caused it, fixed when the step is written (not read back at
 * delivery, when later steps may have happened): the event, who did it, the comment or reason, whether the
 * stage entered is a ballot, and the event's key (item@version: one notification per recipient per event).
 */
export interface NotifyFacts {
  event: string;
  actorUserId: string | null;
  comment: string | null;
  eventKey: string;
  ballot?: boolean;
}

function pureMessages(item: Pick<WorkItemRecord, 'id' | 'title' | 'workflowKey'>, effects: readonly Effect[], comment: string | null, facts?: NotifyFacts): Array<{ topic: string; payload: Record<string, unknown> }> {
  const out: Array<{ topic: string; payload: Record<string, unknown> }> = [];
  for (const e of effects) {
    if (e.type === 'notify') {
      const about = facts ? { event: facts.event, actorUserId: facts.actorUserId, comment: facts.comment, ...(facts.ballot && e.template === 'item.assigned' ? { ballot: true } : {}) } : {};
      out.push({ topic: JOBS.notify, payload: { to: e.to, template: e.template, params: { ...e.params, ...about, title: item.title, workflow: item.workflowKey }, itemId: item.id, ...(facts ? { eventKey: facts.eventKey } : {}) } });
    }
    else if (e.type === 'close_children') out.push({ topic: JOBS.closeChildren, payload: { parentItemId: item.id, mode: e.mode, reason: e.reason, comment } });
    else if (e.type === 'allocate_document_number') out.push({ topic: JOBS.allocateNumber, payload: { itemId: item.id, docType: e.docType, issuerUnitId: e.issuerUnitId, series: e.series ?? null } });
  }
  return out;
}

function notifyFacts(p: PreparedStep, row: NewItemEvent): NotifyFacts {
  const entered = p.compiled.definition.stages[p.result.snapshot.stage];
  return { event: row.event, actorUserId: row.actorUserId, comment: row.comment, eventKey: `${row.itemId}@${row.itemVersion}`, ...(entered?.kind === 'vote' ? { ballot: true } : {}) };
}

/** Type checks of the fields a caller sends (required fields are checked by the engine when moving forward). */
function checkPatchTypes(fields: readonly FieldSpec[], patch: Record<string, unknown>): void {
  const known = new Map(fields.map((f) => [f.name, f]));
  const problems: Array<{ path: string; reason: string; message: string }> = [];
  for (const [k, v] of Object.entries(patch)) {
    const spec = known.get(k);
    if (!spec) {
      problems.push({ path: `data.${k}`, reason: 'unrecognized_keys', message: `${k} is not a field of this workflow` });
      continue;
    }
    for (const p of validateData([{ ...spec, required: false }], { [k]: v } as JsonObject)) problems.push({ path: `data.${p.path}`, reason: p.code, message: p.message });
  }
  if (problems.length > 0) throw AppError.validation(problems);
}

export { isAppError };
