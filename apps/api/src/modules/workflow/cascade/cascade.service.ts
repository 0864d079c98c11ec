import { Injectable } from '@nestjs/common';
import type { WorkItemView } from '@thidua/contracts';
import { childrenToFinish, joinStatus, type ChildrenProgress, type WorkItemSnapshot } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { AppError, isAppError } from '../../../common/errors/app-error';
import { currentLogger, currentRequest } from '../../../common/logging/request-context';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { SYSTEM } from '../engine/actor';
import { OrgGateway } from '../../org/index';
import { ItemRuntime } from '../items/item-runtime.service';
import { ItemVisibility } from '../items/item-visibility';
import { toItemView } from '../items/item-view';
import { ItemsService } from '../items/items.service';
import { WorkItemEventRepository, type NewItemEvent } from '../items/work-item-event.repository';
import { WorkItemRepository, type CascadeState, type WorkItemRecord } from '../items/work-item.repository';
import { JOBS, OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WorkflowTimerRepository } from '../timers/workflow-timer.repository';
import { CascadeChildren } from './cascade-children';
import { CascadeRepository, type ChildSelection } from './cascade.repository';
import { actorPathFor, covers, isWithin } from '../../../common/auth/scope';

export const CASCADE_BATCH = 1000;
const CLOSE_BATCH = 200;

function selectionOf(c: CascadeState): ChildSelection {
  return { rootUnitId: c.rootUnitId, rootPath: c.rootPath, selector: c.selector as ChildSelection['selector'], withdrawnPaths: c.withdrawnPaths };
}

/**
 * Fan-out (cascade) execution and the cascade rules of issue 8. The fan-out runs as a job in
 * batches of CASCADE_BATCH children, each batch one short transaction that also advances the
 * parent's cursor, so a crash resumes where it stopped and UNIQUE (parent_item_id, unit_id) keeps
 * a repeated batch from doubling a child. Progress (units reached of total) is on the parent.
 */
@Injectable()
export class CascadeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly events: WorkItemEventRepository,
    private readonly cascades: CascadeRepository,
    private readonly itemsService: ItemsService,
    private readonly runtime: ItemRuntime,
    private readonly compiled: CompiledDefinitions,
    private readonly timers: WorkflowTimerRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly org: OrgGateway,
    private readonly visibility: ItemVisibility,
    private readonly children: CascadeChildren,
  ) {}

  private isCollecting(parent: WorkItemRecord | undefined): parent is WorkItemRecord & { cascade: CascadeState } {
    return !!parent && parent.status !== 'final' && !!parent.cascade && parent.snapshot.fanout !== null && ['pending', 'running', 'done'].includes(parent.cascade.status);
  }

  /** The fan-out job: spawns the parent's children in batches; resumable. */
  async runFanout(parentItemId: string, options: { batchSize?: number; maxBatches?: number } = {}): Promise<CascadeState | null> {
    const batchSize = options.batchSize ?? CASCADE_BATCH;
    let parent = await this.items.byId(parentItemId);
    if (!this.isCollecting(parent)) return parent?.cascade ?? null;
    const childDef = await this.itemsService.publishedDefinition(parent.cascade.childWorkflow);
    let cascade: CascadeState = parent.cascade;
    if (cascade.total === null || cascade.status === 'pending') {
      cascade = { ...cascade, status: 'running', total: await this.cascades.countSelected(selectionOf(cascade)) };
      await this.items.setCascade(undefined, parentItemId, cascade);
    }
    let batches = 0;
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) return cascade;
      const units = await this.cascades.selectBatch(selectionOf(cascade), cascade.afterUnitId, batchSize);
      if (units.length === 0) break;
      const p = parent;
      const { outbox, next } = await this.dataSource.transaction(async (m) => {
        // Re-read under lock: a close or withdraw may have happened meanwhile.
        const fresh = await this.lockParent(m, parentItemId);
        if (!this.isCollecting(fresh)) return { outbox: [], next: null };
        const selected = units.filter((u) => !fresh.cascade.withdrawnPaths.some((w) => isWithin(u.path, w)));
        const { rows, outbox } = await this.children.spawn(m, { kind: 'system', reason: 'cascade' }, childDef, { id: parentItemId, title: p.title, campaignId: p.campaignId }, selected);
        const next: CascadeState = { ...fresh.cascade, reached: fresh.cascade.reached + rows.length, afterUnitId: units[units.length - 1].id };
        await this.items.setCascade(m, parentItemId, next);
        return { outbox, next };
      });
      if (!next) return (await this.items.byId(parentItemId))?.cascade ?? null;
      cascade = next;
      batches += 1;
      this.dispatcher.dispatchSoon(outbox);
    }
    cascade = { ...cascade, status: 'done', finishedAt: new Date().toISOString() };
    await this.dataSource.transaction(async (m) => {
      const fresh = await this.lockParent(m, parentItemId);
      if (fresh?.cascade && ['pending', 'running'].includes(fresh.cascade.status)) await this.items.setCascade(m, parentItemId, { ...fresh.cascade, status: 'done', finishedAt: cascade.finishedAt });
    });
    parent = await this.items.byId(parentItemId);
    await this.refreshProgress(parentItemId);
    return parent?.cascade ?? cascade;
  }

  private async lockParent(m: EntityManager, id: string): Promise<WorkItemRecord | undefined> {
    await this.items.lock(m, id);
    return this.items.byId(id, m);
  }

  /**
   * Recomputes the join figures over the units in the subtree now, stores them on the parent and
   * hands them to the engine (children.progress), which moves the parent on when the rule is met.
   * Nothing is written when nothing changed: the cascade bookkeeping is updated only when the
   * figures or the root path moved, and the engine is called (a history event and a new version of
   * the parent) only when the progress differs from the one the parent's snapshot holds, or when
   * the join rule is met with it (issue 11, line 7: scheduler passes leave a collecting launch alone).
   */
  async refreshProgress(parentItemId: string): Promise<void> {
    const parent = await this.items.byId(parentItemId);
    if (!parent?.cascade) return;
    const rootPath = (await this.org.unit(parent.cascade.rootUnitId))?.path ?? parent.cascade.rootPath;
    const p = await this.items.childrenProgress(parentItemId, rootPath);
    const c = parent.cascade;
    if (c.rootPath !== rootPath || c.submitted !== p.submitted || c.settled !== p.settled) {
      await this.dataSource.transaction(async (m) => {
        const fresh = await this.lockParent(m, parentItemId);
        if (fresh?.cascade) await this.items.setCascade(m, parentItemId, { ...fresh.cascade, rootPath, submitted: p.submitted, settled: p.settled });
      });
    }
    // Joining waits until every selected unit has its child (the fan-out has finished).
    if (!this.isCollecting(parent) || parent.cascade.status !== 'done') return;
    if (!(await this.progressMatters(parent, p))) return;
    try {
      await this.runtime.act({ kind: 'system', reason: 'join' }, parentItemId, { type: 'children.progress', ...p }, { retryOnConflict: 5 });
    } catch (e) {
      if (!isAppError(e) || !['TRANSITION_REFUSED', 'ITEM_FINAL', 'ITEM_SUSPENDED'].includes(e.code)) throw e;
    }
  }

  /** Whether handing `p` to the engine would change the parent: new figures, or the join rule met. */
  private async progressMatters(parent: WorkItemRecord, p: ChildrenProgress): Promise<boolean> {
    const held = parent.snapshot.fanout?.progress;
    if (!held || held.total !== p.total || held.settled !== p.settled || held.submitted !== p.submitted) return true;
    const { compiled } = await this.compiled.byId(parent.definitionId);
    const join = compiled.definition.stages[parent.stage]?.fanout?.join;
    // Not at a fan-out stage any more (or no rule): the engine would refuse; nothing to record.
    return !!join && joinStatus(join, p) !== null;
  }

  /**
   * Closes (not submitted) or cancels every open child of a parent, in batches, with one history
   * row per child; children that are cascades themselves close their own children the same way.
   */
  async closeChildren(parentItemId: string, mode: 'cancel' | 'close', reason: string, comment: string | null, options: { underPath?: string; outcome?: string } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      // Closing a collection, or cancelling the rest when the join is met, spares what was submitted (workflow-core).
      const batch = await this.items.openChildren(parentItemId, { underPath: options.underPath, ...childrenToFinish(mode, reason), limit: CLOSE_BATCH });
      if (batch.length === 0) break;
      const outbox = await this.finishBatch(batch, mode, reason, comment, parentItemId, options.outcome);
      total += outbox.closed;
      // Nested cascades are closed right away (the job queue would do the same, later).
      for (const msg of outbox.messages) {
        await this.closeChildren(String(msg.payload.parentItemId), msg.payload.mode as 'cancel' | 'close', String(msg.payload.reason), comment);
      }
      await this.outbox.markCompleted(outbox.messages.map((o) => o.id));
    }
    if (total > 0) await this.refreshProgress(parentItemId).catch((err: unknown) => currentLogger().warn({ err, parentItemId }, 'progress refresh failed'));
    return total;
  }

  /**
   * Cancels every open item of a campaign (launch, acknowledgements, plans, evaluations, nominations), in
   * batches, one history row each; nothing is left waiting. Items reached through nested cascades are
   * among them, since every item of a campaign carries its campaign id.
   */
  async cancelCampaignItems(campaignId: string, reason: string, comment: string | null): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.items.openOfCampaign(campaignId, CLOSE_BATCH);
      if (batch.length === 0) return total;
      const { closed, messages } = await this.finishBatch(batch, 'cancel', reason, comment, null, 'cancelled');
      // Nothing to run for these rows: every item of the campaign is cancelled here.
      await this.outbox.markCompleted(messages.map((o) => o.id));
      if (closed === 0) return total;
      total += closed;
    }
  }

  /** Makes a batch of open items final (cancelled or closed) with their history rows, in one transaction. */
  private async finishBatch(
    batch: WorkItemRecord[],
    mode: 'cancel' | 'close',
    reason: string,
    comment: string | null,
    parentItemId: string | null,
    outcomeOverride: string | undefined,
  ): Promise<{ closed: number; messages: Awaited<ReturnType<OutboxRepository['add']>> }> {
    let total = 0;
    const messagesOut = await this.dataSource.transaction(async (m) => {
        const events: NewItemEvent[] = [];
        const messages: Array<{ topic: string; payload: Record<string, unknown> }> = [];
        const closed: string[] = [];
        for (const child of batch) {
          const snapshot: WorkItemSnapshot = { ...child.snapshot, status: 'final', outcome: 'cancelled', assignment: null, deadline: null };
          const outcome = outcomeOverride ?? (mode === 'cancel' ? 'cancelled' : 'closed');
          if (!(await this.items.finishOpen(m, child.id, child.version, outcome, snapshot))) continue;
          closed.push(child.id);
          events.push({
            itemId: child.id,
            itemVersion: child.version + 1,
            event: mode === 'cancel' ? 'cancelled' : 'closed',
            actorUserId: null,
            onBehalfOfUserId: null,
            actorUnitPath: null,
            fromStage: child.stage,
            toStage: child.stage,
            comment,
            changes: {},
            details: { system: 'cascade', reason, parentItemId: parentItemId ?? child.parentItemId, outcome },
            requestId: currentRequest()?.requestId ?? null,
          });
          if (mode === 'close' && child.cascade && child.snapshot.fanout) messages.push({ topic: JOBS.closeChildren, payload: { parentItemId: child.id, mode, reason: 'parent_closed', comment } });
        }
        await this.timers.cancelMany(m, closed);
        await this.events.append(m, events);
        total += closed.length;
        return this.outbox.add(m, messages);
      });
    return { closed: total, messages: messagesOut };
  }

  /** Withdraws the cascade from one subtree: no child there any more, open ones cancelled. */
  async withdraw(principal: Principal, parentItemId: string, unitId: string, reason: string): Promise<WorkItemView> {
    const parent = await this.items.byId(parentItemId);
    if (!parent) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, parent);
    this.assertCanManage(principal, parent);
    if (!this.isCollecting(parent)) throw new AppError('COLLECTION_CLOSED', { details: { parentItemId } });
    const unit = await this.org.unit(unitId);
    if (!unit || !isWithin(unit.path, parent.cascade.rootPath) || unit.id === parent.cascade.rootUnitId) throw AppError.notFound('unit');
    await this.dataSource.transaction(async (m) => {
      const fresh = await this.lockParent(m, parentItemId);
      if (!this.isCollecting(fresh)) throw new AppError('COLLECTION_CLOSED');
      await this.items.setCascade(m, parentItemId, { ...fresh.cascade, withdrawnPaths: [...new Set([...fresh.cascade.withdrawnPaths, unit.path])] });
      await this.events.append(m, [
        {
          itemId: parentItemId,
          itemVersion: fresh.version,
          event: 'cascade.withdrawn',
          actorUserId: principal.userId,
          onBehalfOfUserId: null,
          actorUnitPath: actorPathFor(principal, parent.unitPath),
          fromStage: fresh.stage,
          toStage: fresh.stage,
          comment: reason,
          changes: {},
          details: { unitId, unitPath: unit.path },
          requestId: currentRequest()?.requestId ?? null,
        },
      ]);
    });
    await this.closeChildren(parentItemId, 'cancel', 'cascade_withdrawn', reason, { underPath: unit.path, outcome: 'withdrawn' });
    await this.refreshProgress(parentItemId);
    const now = await this.items.byId(parentItemId);
    return toItemView(now as WorkItemRecord, (await this.compiled.byId(parent.definitionId)).compiled);
  }

  private assertCanManage(principal: Principal, parent: WorkItemRecord): void {
    const ok = covers(principal, parent.unitPath, 'act', { roles: ['supervisor', 'admin'], workflow: parent.workflowKey });
    if (!ok) throw AppError.forbidden({ reason: 'needs supervisor or admin over the launching unit' });
  }

  /**
   * Brings open cascades in line with the tree as it is now: a unit created under or moved into a
   * collecting subtree gets its child; the child of a unit that left (moved out, dissolved, merged
   * away) is cancelled or carried over as the fan-out stage says; then the join is recomputed.
   */
  async reconcile(parentItemId: string): Promise<{ spawned: number; cancelled: number; carriedOver: number }> {
    const out = { spawned: 0, cancelled: 0, carriedOver: 0 };
    const parent = await this.items.byId(parentItemId);
    if (!this.isCollecting(parent) || parent.cascade.status !== 'done') return out;
    const rootPath = (await this.org.unit(parent.cascade.rootUnitId))?.path ?? parent.cascade.rootPath;
    const cascade = { ...parent.cascade, rootPath };
    const { compiled } = await this.compiled.byId(parent.definitionId);
    const fanout = compiled.definition.stages[parent.stage]?.fanout;
    const childDef = await this.itemsService.publishedDefinition(cascade.childWorkflow);
    for (;;) {
      const missing = await this.cascades.missingChildren(parentItemId, selectionOf(cascade), CASCADE_BATCH);
      if (missing.length === 0) break;
      const outbox = await this.dataSource.transaction(async (m) => {
        const fresh = await this.lockParent(m, parentItemId);
        if (!this.isCollecting(fresh)) return [];
        const { rows, outbox } = await this.children.spawn(m, { kind: 'system', reason: 'cascade.joined' }, childDef, { id: parentItemId, title: parent.title, campaignId: parent.campaignId }, missing);
        out.spawned += rows.length;
        await this.items.setCascade(m, parentItemId, { ...fresh.cascade, rootPath, reached: fresh.cascade.reached + rows.length, total: (fresh.cascade.total ?? 0) + rows.length });
        return outbox;
      });
      this.dispatcher.dispatchSoon(outbox);
      if (missing.length < CASCADE_BATCH) break;
    }
    const carried = new Set(cascade.carriedOver ?? []);
    const stray = await this.cascades.strayChildren(parentItemId, selectionOf(cascade), [...carried], 10_000);
    if (stray.length > 0) {
      if (fanout?.movedOut === 'carry_over') {
        for (const s of stray) carried.add(s.id);
        out.carriedOver = stray.length;
        await this.dataSource.transaction(async (m) => {
          const fresh = await this.lockParent(m, parentItemId);
          if (fresh?.cascade) await this.items.setCascade(m, parentItemId, { ...fresh.cascade, rootPath, carriedOver: [...carried] });
        });
      } else {
        for (const s of stray) {
          out.cancelled += await this.closeOne(s.id, 'unit_left_subtree');
        }
      }
    }
    await this.refreshProgress(parentItemId);
    return out;
  }

  private async closeOne(childId: string, reason: string): Promise<number> {
    const child = await this.items.byId(childId);
    if (!child || child.status === 'final' || !child.parentItemId) return 0;
    const unitPath = (await this.org.unit(child.unitId))?.path ?? child.unitPath;
    // closeChildren works by parent; restrict it to this child's unit subtree (one child per unit).
    return this.closeChildren(child.parentItemId, 'cancel', reason, null, { underPath: unitPath });
  }

  async reconcileAll(): Promise<number> {
    let n = 0;
    for (const parent of await this.items.openCascades()) {
      try {
        const r = await this.reconcile(parent.id);
        n += r.spawned + r.cancelled + r.carriedOver;
      } catch (err) {
        currentLogger().warn({ err, parentItemId: parent.id }, 'cascade reconcile failed');
      }
    }
    return n;
  }

  async progress(principal: Principal, parentItemId: string): Promise<WorkItemView['cascade']> {
    const parent = await this.items.byId(parentItemId);
    if (!parent) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, parent);
    return toItemView(parent).cascade;
  }

  static readonly SYSTEM = SYSTEM;
}
