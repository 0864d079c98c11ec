import { Injectable } from '@nestjs/common';
import type { SearchItemHit, ItemAction, ItemAllowedActionsView, CreateItemRequest, ItemListQuery, ItemListView, WorkItemEventView, WorkItemView } from '@thidua/contracts';
import { allowedEvents, designationProblems, excludedUserIds, heldVisibilityAt, step, type CompiledWorkflow, type Effect, type FiredHook, type JsonObject, type WorkflowDefinition } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { covers } from '../../../common/auth/scope';
import { scopeSql } from '../../../common/auth/scope-sql';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { DefinitionRepository, type DefinitionRecord } from '../definitions/definition.repository';
import { actingGrant, type ActingAs } from '../engine/actor';
import { OrgGateway, type UnitRow } from '../../org/index';
import { designationError, refusalToError } from '../engine/refusal-to-error';
import { StepContextFactory } from '../engine/step-context.factory';
import { WorkflowHookRegistry } from '../hooks/workflow-hook-registry';
import { domainEventMessage, itemCreatedEvent } from '../outbox/domain-events';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository, type OutboxMessage } from '../outbox/outbox.repository';
import { WorkflowTimerRepository } from '../timers/workflow-timer.repository';
import { AllocationRepository, type AllocationMade } from '../allocation/allocation.repository';
import { allocationKey, AllocationPass, creationSeed, needsAllocation } from '../allocation/allocation-pass';
import { ItemRuntime, type ActOptions } from './item-runtime.service';
import { ItemVisibility } from './item-visibility';
import { diffData, toEventView, toItemView } from './item-view';
import { ItemViews } from './item-views';
import { answerInTransaction } from '../../../common/http/idempotency.interceptor';
import { IdempotencyRepository } from '../../../common/http/idempotency.repository';
import { WorkItemEventRepository, type ItemEventRecord } from './work-item-event.repository';
import { WorkItemRepository, type NewItemRow, type WorkItemRecord } from './work-item.repository';

export interface NewItemSpec {
  unit: UnitRow;
  title: string;
  data: Record<string, unknown>;
  campaignId: string | null;
  parentItemId: string | null;
}

@Injectable()
export class ItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly events: WorkItemEventRepository,
    private readonly definitions: DefinitionRepository,
    private readonly compiledDefinitions: CompiledDefinitions,
    private readonly contexts: StepContextFactory,
    private readonly org: OrgGateway,
    private readonly runtime: ItemRuntime,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly visibility: ItemVisibility,
    private readonly timers: WorkflowTimerRepository,
    private readonly views: ItemViews,
    private readonly hooks: WorkflowHookRegistry,
    private readonly idempotency: IdempotencyRepository,
    private readonly allocations: AllocationRepository,
  ) {}

  async publishedDefinition(workflow: string, version?: number, m?: EntityManager): Promise<{ record: DefinitionRecord; compiled: CompiledWorkflow }> {
    const record = version ? await this.definitions.byKeyVersion(workflow, version, m) : await this.definitions.latestPublished(workflow, m);
    if (!record) throw AppError.notFound('definition', { workflow, version: version ?? null });
    if (record.status !== 'published') throw new AppError('DEFINITION_NOT_PUBLISHED', { details: { workflow, version: record.version, status: record.status } });
    return this.compiledDefinitions.byId(record.id, m);
  }

  /**
   * Under an Idempotency-Key (common/http/idempotency.interceptor.ts), when the new item is the request's
   * answer (`answersRequest`: POST /api/items), the answer is stored in the creating transaction, so a created item always has its answer and a repeat never creates another.
   */
  async create(principal: Principal, req: CreateItemRequest, options: { answersRequest?: boolean } = {}): Promise<WorkItemView> {
    const unit = await this.org.unit(req.unitId);
    if (!unit || !covers(principal, unit.path, 'see')) throw AppError.notFound('unit');
    if (unit.status !== 'active') throw new AppError('CONFLICT', { details: { reason: 'unit is not active', unitStatus: unit.status } });
    const { compiled } = await this.publishedDefinition(req.workflow, req.version);
    const result = await this.dataSource.transaction(async (m) => {
      const created = await this.createMany(m, { kind: 'user', principal }, compiled, [{ unit, title: req.title, data: req.data, campaignId: req.campaignId ?? null, parentItemId: null }]);
      const item = await this.items.byId(created.rows[0].id, m);
      const view = await this.views.present(item as NonNullable<typeof item>, compiled, principal, m);
      if (options.answersRequest) await answerInTransaction(this.idempotency, m, view);
      return { view, outbox: created.outbox };
    });
    this.dispatcher.dispatchSoon(result.outbox);
    return result.view;
  }

  /**
   * Creates items through `step(create)` inside the caller's transaction: the items, their first
   * history row, timers and outbox rows. Children of a fan-out skip units that already have one
   * (UNIQUE parent_item_id, unit_id), so a resumed or repeated batch never doubles a child.
   */
  async createMany(m: EntityManager, acting: ActingAs, compiled: CompiledWorkflow, specs: readonly NewItemSpec[], now = new Date()): Promise<{ rows: Array<{ id: string; unitId: string }>; outbox: OutboxMessage[] }> {
    if (specs.length === 0) return { rows: [], outbox: [] };
    const def: WorkflowDefinition = compiled.definition;
    // The definition's id: known without a query once the version was compiled (ids of versions never change).
    const definitionId = this.compiledDefinitions.cachedId(def.key, def.version) ?? (await this.definitions.byKeyVersion(def.key, def.version, m))?.id;
    if (!definitionId) throw AppError.notFound('definition');
    const prepared: Array<{ row: NewItemRow; spec: NewItemSpec; effects: Effect[]; hooks: FiredHook[]; audit: Array<Record<string, unknown>> }> = [];
    // One tree slice for the whole batch (a cascade creates hundreds of items per transaction).
    const tree = specs.length > 1 ? await this.contexts.treeFor(compiled, specs.map((s) => s.unit.id), acting, m) : undefined;
    const stepped = [];
    for (const spec of specs) {
      const ctx = await this.contexts.build({ compiled, itemId: 'new', unitId: spec.unit.id, data: spec.data, snapshot: null, event: { type: 'create' }, acting, now, tree }, m);
      const result = step(compiled, null, { type: 'create' }, ctx);
      if (!result.ok) throw refusalToError(result.refusal);
      stepped.push({ spec, ctx, result });
    }
    // Items created at (or whose first step enters) a stage a strategy allocates: one pass for the batch, with the
    // cursor rows locked and the inputs read once (two statements), each item's decision seeing the ones before it.
    const toAllocate = stepped.filter((x) => needsAllocation(compiled, null, x.result.snapshot));
    const allocated: AllocationMade[] = [];
    if (toAllocate.length > 0) {
      const pass = await AllocationPass.open(this.allocations, m, def.key, toAllocate.map((x) => allocationKey(x.result.snapshot)));
      for (const [i, x] of toAllocate.entries()) {
        x.ctx.allocation = pass.provider(creationSeed(x.spec.parentItemId, x.spec.unit.id, now, i));
        const again = step(compiled, null, { type: 'create' }, x.ctx);
        if (!again.ok) throw refusalToError(again.refusal);
        pass.tookEffects(again.effects, now.toISOString());
        x.result = again;
      }
    }
    for (const { spec, ctx, result } of stepped) {
      const designations = designationProblems(def, spec.data as JsonObject, ctx, result.snapshot.submitterId, Object.keys(spec.data));
      if (designations.length > 0) throw designationError(designations);
      const snap = result.snapshot;
      const a = snap.assignment;
      const unknownFields = Object.keys(spec.data).filter((k) => !compiled.fields.some((f) => f.name === k));
      if (unknownFields.length > 0) throw AppError.validation(unknownFields.map((k) => ({ path: `body.data.${k}`, reason: 'unrecognized_keys', message: `${k} is not a field of ${def.key}` })));
      prepared.push({
        spec,
        // Why the work went to whom (allocation at creation), as a later step's history row says it.
        audit: result.effects.filter((e): e is Extract<Effect, { type: 'audit' }> => e.type === 'audit' && e.action.startsWith('allocation.')).map((e) => ({ action: e.action, ...e.details })),
        effects: result.effects,
        hooks: result.hooks,
        row: {
          definitionId,
          workflowKey: def.key,
          workflowVersion: def.version,
          unitId: spec.unit.id,
          unitPath: spec.unit.path,
          campaignId: spec.campaignId,
          parentItemId: spec.parentItemId,
          title: spec.title,
          stage: snap.stage,
          status: snap.status,
          outcome: null,
          data: spec.data,
          snapshot: snap,
          assignedUnitId: a?.unitId ?? null,
          assignedUnitPath: a ? (ctx.pathOf(a.unitId) ?? (await this.org.unit(a.unitId, m))?.path ?? null) : null,
          assignedRole: a?.role ?? null,
          assignedUserId: a ? (a.userId ?? a.claimedBy ?? null) : null,
          excludedUserIds: a ? excludedUserIds(def, snap, snap.stage) : [],
          heldVisibility: heldVisibilityAt(def, snap.stage),
          dueAt: snap.deadline?.dueAt ?? null,
          submitterId: snap.submitterId,
          createdBy: acting.kind === 'user' ? acting.principal.userId : null,
        },
      });
    }
    const inserted = await this.items.insert(
      m,
      prepared.map((p) => p.row),
      { ignoreDuplicateChild: specs.some((s) => s.parentItemId !== null) },
    );
    const byUnit = new Map(inserted.map((r) => [r.unitId, r.id]));
    const grant = acting.kind === 'user' ? actingGrant(acting.principal, null, prepared[0]?.row.unitPath ?? null, def.key) : undefined;
    const messages: Array<{ topic: string; payload: Record<string, unknown> }> = [];
    const events = [];
    const timers: Array<{ itemId: string; key: string; kind: string; stage: string; fireAt: string }> = [];
    for (const p of prepared) {
      const id = byUnit.get(p.row.unitId);
      if (!id) continue;
      events.push({
        itemId: id,
        itemVersion: 1,
        event: 'create',
        actorUserId: acting.kind === 'user' ? acting.principal.userId : null,
        onBehalfOfUserId: grant?.onBehalfOf ?? null,
        actorUnitPath: grant?.unitPath ?? null,
        fromStage: null,
        toStage: p.row.stage,
        comment: null,
        changes: diffData({}, p.spec.data),
        details: { ...(acting.kind === 'system' ? { system: acting.reason } : {}), ...(p.spec.parentItemId ? { parentItemId: p.spec.parentItemId } : {}), ...(p.audit.length > 0 ? { audit: p.audit } : {}) },
        requestId: currentRequest()?.requestId ?? null,
      });
      const out = await this.runtime.applyEffects(m, { id, title: p.row.title, unitId: p.row.unitId, workflowKey: def.key, campaignId: p.row.campaignId }, p.effects, { deferTimers: timers, deferAllocations: allocated, facts: { event: 'create', actorUserId: acting.kind === 'user' ? acting.principal.userId : null, comment: null, eventKey: `${id}@1` } });
      messages.push(...out.messages);
      const facts = { id, workflowKey: def.key, workflowVersion: def.version, title: p.row.title, unitId: p.row.unitId, unitPath: p.row.unitPath, campaignId: p.row.campaignId, parentItemId: p.row.parentItemId };
      messages.push(domainEventMessage(itemCreatedEvent(facts, p.row, acting.kind === 'user' ? acting.principal.userId : null, now)));
    }
    await this.events.append(m, events);
    await this.timers.scheduleMany(m, timers);
    // The allocations of the items actually inserted (a fan-out child a unit already had is skipped), one statement.
    await this.allocations.record(m, def.key, allocated);
    // Enter hooks of the initial stage, after the item and history rows, in the same transaction.
    const actor = acting.kind === 'user' ? { userId: acting.principal.userId, onBehalfOfUserId: grant?.onBehalfOf ?? null } : { userId: null, onBehalfOfUserId: null, system: acting.reason };
    for (const p of prepared) {
      const id = byUnit.get(p.row.unitId);
      if (!id || p.hooks.length === 0) continue;
      const saved = await this.items.byId(id, m);
      if (saved) await this.hooks.run(m, p.hooks, { item: saved, event: { type: 'create' }, actor, data: p.spec.data, now, publish: (e) => void messages.push(domainEventMessage(e)) });
    }
    const outbox = await this.outbox.add(m, messages);
    return { rows: inserted, outbox };
  }

  async get(principal: Principal, id: string): Promise<WorkItemView> {
    const item = await this.items.byId(id);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.compiledDefinitions.byId(item.definitionId);
    this.visibility.assertCanRead(principal, item, { viewerSeesAll: compiled.definition.viewerVisibility === 'all' });
    return this.views.present(item, compiled, principal);
  }

  /**
   * The actions the engine allows this user on the item now: workflow-core's `allowedEvents` (each candidate event
   * run through `step` on the item as it is, nothing saved). The admin shows exactly these.
   */
  async allowedActions(principal: Principal, id: string): Promise<ItemAllowedActionsView> {
    const item = await this.items.byId(id);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.compiledDefinitions.byId(item.definitionId);
    this.visibility.assertCanRead(principal, item, { viewerSeesAll: compiled.definition.viewerVisibility === 'all' });
    const acting: ActingAs = { kind: 'user', principal };
    const ctx = await this.contexts.build({ compiled, itemId: item.id, unitId: item.unitId, data: item.data, snapshot: item.snapshot, event: { type: 'claim' }, acting, now: new Date() });
    const events = allowedEvents(compiled, item.snapshot, ctx);
    const toAction = (e: string): ItemAction => (e === 'vote.cast' ? 'vote' : e === 'vote.close' ? 'close_vote' : (e as ItemAction));
    const stage = compiled.definition.stages[item.stage];
    const mayEditFields = item.status === 'active' && stage?.kind === 'task' && (stage.fields?.length ?? 0) > 0 && step(compiled, item.snapshot, { type: 'save_draft', draft: item.snapshot.assignment?.draft ?? {} }, ctx).ok;
    return {
      itemId: item.id,
      version: item.version,
      mayEditFields,
      actions: events.map((e) => ({ action: toAction(e.event), label: e.label, needsComment: e.needsComment, sendsData: e.sendsData, pendingOn: e.pendingOn ?? null })),
    };
  }

  /** An item's history rows, oldest first, inside the caller's transaction when given (for domain projections). */
  async historyRecords(itemId: string, m?: EntityManager): Promise<ItemEventRecord[]> {
    return this.events.history(itemId, m);
  }

  async history(principal: Principal, id: string): Promise<WorkItemEventView[]> {
    const item = await this.items.byId(id);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.compiledDefinitions.byId(item.definitionId);
    this.visibility.assertCanRead(principal, item, { viewerSeesAll: compiled.definition.viewerVisibility === 'all' });
    // Who voted is part of the ballot: only its readers get the `vote.cast` rows (docs/access-control.md, "Ballots").
    const readsVote = await this.views.readsVote(item, compiled, principal);
    return (await this.events.history(id)).filter((e) => readsVote || e.event !== 'vote.cast').map(toEventView);
  }

  /**
   * Saves form data without moving the item. Before submission this is the holder's draft (the
   * engine's save_draft, which also claims an offered item); after submission it is an amendment,
   * allowed to the unit's officers only while the parent collection is open.
   */
  async updateData(principal: Principal, id: string, data: Record<string, unknown>, options: ActOptions = {}): Promise<WorkItemView> {
    const item = await this.items.byId(id);
    if (!item) throw AppError.notFound('item');
    const { compiled } = await this.compiledDefinitions.byId(item.definitionId);
    const isAmendment = item.submittedAt !== null && item.stage !== compiled.definition.initialStage;
    if (!isAmendment) {
      return this.runtime.act({ kind: 'user', principal }, id, { type: 'save_draft', draft: (item.snapshot.assignment?.draft ?? {}) }, { ...options, dataPatch: data });
    }
    // The holder (or a would-be holder) of a later stage saving its own stage's fields: a draft kept with the item
    // (the assignment's `draft`, history row `save_draft`), not an amendment; the engine checks role, holder and
    // exclusions, and the first saved draft starts the work (issue 15, line 5).
    const stage = compiled.definition.stages[item.stage];
    const ownFields = new Set((stage?.kind === 'task' ? (stage.fields ?? []) : []).map((f) => f.name));
    const keys = Object.keys(data);
    if (item.status !== 'final' && item.snapshot.assignment && keys.length > 0 && keys.every((k) => ownFields.has(k))) {
      return this.runtime.act({ kind: 'user', principal }, id, { type: 'save_draft', draft: { ...(item.snapshot.assignment.draft ?? {}), ...(data as JsonObject) } }, options);
    }
    this.visibility.assertCanSee(principal, item);
    const isOwnUnitOfficer = covers(principal, item.unitPath, 'act', { roles: ['officer'], workflow: item.workflowKey, ownUnitOnly: true });
    if (!isOwnUnitOfficer && item.submitterId !== principal.userId) throw AppError.forbidden({ reason: 'only the unit that submitted may amend' });
    return this.runtime.amend({ kind: 'user', principal }, item, data, options);
  }

  async list(principal: Principal, q: ItemListQuery): Promise<ItemListView> {
    const unitPath = q.unitId ? (await this.org.unit(q.unitId))?.path : undefined;
    if (q.unitId && !unitPath) throw AppError.notFound('unit');
    // Items others hold are listed as far as their `held_visibility` gives the caller's role: in full, by title, or
    // only counted (`heldCount`, on the first page) — issue 15, line 3.
    const scope = this.visibility.scopeSql(principal, 1, 'titles');
    const rows = await this.items.list({ scopeSql: scope.sql, scopeParams: scope.params, workflow: q.workflow, campaignId: q.campaignId, parentItemId: q.parentItemId, unitPath, status: q.status, afterId: q.cursor, limit: q.limit + 1 });
    const hasFullScope = this.visibility.hasFullScope(principal);
    const viewerRegions = this.visibility.viewerRegions(principal);
    if (hasFullScope || viewerRegions.length === 0) {
      const page = rows.slice(0, q.limit);
      let heldCount = 0;
      if (!q.cursor && hasFullScope) {
        const counted = this.visibility.scopeSql(principal, 1, 'count', { onlyHeld: true });
        const listed = this.visibility.scopeSql(principal, 1 + counted.params.length, 'titles');
        heldCount = await this.items.countVisible({ scopeSql: `${counted.sql} AND NOT ${listed.sql}`, scopeParams: [...counted.params, ...listed.params], workflow: q.workflow });
      }
      return {
        visibility: 'all',
        total: null,
        heldCount,
        items: page.map((r) => (this.visibility.readLevel(principal, r) === 'all' ? toItemView(r) : { id: r.id, title: r.title })),
        nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
      };
    }
    // A viewer only: what the workflow's viewerVisibility allows.
    const visibility = q.workflow ? ((await this.publishedDefinition(q.workflow)).compiled.definition.viewerVisibility ?? 'none') : 'count';
    const viewerScope = scopeSql('i.unit_path', viewerRegions, 1);
    if (visibility === 'none') return { visibility, total: null, items: [], nextCursor: null };
    if (visibility === 'count') return { visibility, total: await this.items.countVisible({ scopeSql: viewerScope.sql, scopeParams: viewerScope.params, workflow: q.workflow }), items: [], nextCursor: null };
    const vrows = await this.items.list({ scopeSql: viewerScope.sql, scopeParams: viewerScope.params, workflow: q.workflow, campaignId: q.campaignId, parentItemId: q.parentItemId, unitPath, status: q.status, afterId: q.cursor, limit: q.limit + 1 });
    const page = vrows.slice(0, q.limit);
    return {
      visibility,
      total: null,
      items: visibility === 'titles' ? page.map((r) => ({ id: r.id, title: r.title })) : page.map((r) => toItemView(r)),
      nextCursor: vrows.length > q.limit ? page[page.length - 1].id : null,
    };
  }

  /**
   * The search box's items (modules/search): what the items list shows the caller (their own, and those of units they
   * see; items others hold as far as `held_visibility` gives at least titles), by folded title. A caller who reads
   * items only through a read-only role finds only their own here: the list gives them counts unless a workflow is
   * named, and the search box names none.
   */
  searchTitles(principal: Principal, terms: readonly string[], limit: number): Promise<SearchItemHit[]> {
    const scope = this.visibility.scopeSql(principal, 1, 'titles');
    return this.items.search({ scopeSql: scope.sql, scopeParams: scope.params, terms, limit });
  }

  /**
   * Which of these items the caller sees, by the items' own rule (ItemVisibility): for domain views built on
   * items (nominations, ballots), which answer NOT_FOUND or leave out exactly what GET /items/:id would refuse.
   */
  async visibleIds(principal: Principal, records: readonly WorkItemRecord[], m?: EntityManager): Promise<Set<string>> {
    const out = new Set<string>();
    for (const item of records) {
      const { compiled } = await this.compiledDefinitions.byId(item.definitionId, m);
      if (this.visibility.readLevel(principal, item, { viewerSeesAll: compiled.definition.viewerVisibility === 'all' }) === 'all') out.add(item.id);
    }
    return out;
  }

  /** Item records by id, for domain read models and hooks (no visibility check: callers check their own scope). */
  records(ids: readonly string[], m?: EntityManager): Promise<WorkItemRecord[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.items.byIds(ids, m);
  }

  /**
   * Locks items (in id order, so two batches never deadlock) inside the caller's transaction and returns
   * them as they are now: for domain endpoints that step several items in one transaction (prepare/save).
   */
  async lockRecords(m: EntityManager, ids: readonly string[]): Promise<WorkItemRecord[]> {
    const sorted = [...new Set(ids)].sort();
    for (const id of sorted) await this.items.lock(m, id);
    return this.items.byIds(sorted, m);
  }

  /** A campaign's items of one workflow, oldest first (no visibility check: callers check their own scope). */
  ofCampaign(campaignId: string, workflowKey: string, limit = 5000, m?: EntityManager): Promise<WorkItemRecord[]> {
    return this.items.ofCampaign(campaignId, workflowKey, limit, m);
  }

  /** The histories of several items (oldest first per item), for domain read models. */
  historyOf(itemIds: readonly string[], m?: EntityManager): Promise<ItemEventRecord[]> {
    return this.events.ofItems(itemIds, m);
  }

  /** The compiled definition an item runs on (its own version, published or since retired). */
  definitionOf(item: Pick<WorkItemRecord, 'definitionId'>, m?: EntityManager): Promise<{ record: DefinitionRecord; compiled: CompiledWorkflow }> {
    return this.compiledDefinitions.byId(item.definitionId, m);
  }
}
