import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenWorkChange } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { isWithin } from '../../../common/auth/scope';
import { AppError } from '../../../common/errors/app-error';
import { currentLogger, currentRequest } from '../../../common/logging/request-context';
import { OPEN_WORK_PORT, OpenWorkRegistry, type OpenWorkContext, type OpenWorkPort, OrgGateway } from '../../org/index';
import { assignmentTarget, reroutedAssignment, SUBTREE_ROLES, type JsonObject, type Role } from '@thidua/workflow-core';
import { CascadeService } from '../cascade/cascade.service';
import { CompiledDefinitions } from '../definitions/compiled-definitions';
import { StepContextFactory } from '../engine/step-context.factory';
import { JOBS } from '../outbox/outbox-dispatcher';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WorkItemRepository } from './work-item.repository';
import { WorkflowTimerRepository } from '../timers/workflow-timer.repository';
import { OpenWorkRepository, type ChangedRow } from './open-work.repository';
import { WorkItemEventRepository, type NewItemEvent } from './work-item-event.repository';

/** The history event of an item moved by a reorganisation. */
export const REORGANISED_EVENT = 'unit.reorganised';

/**
 * The runtime's side of a reorganisation (the org module's OpenWorkPort): open work of a merged,
 * dissolved or moved unit follows the tree, inside the reorganisation's transaction, each item with
 * a history row (who, why, from, to) and a version bump; the snapshot's assignment and the inbox
 * columns follow.
 *
 * Collision rule (uq_work_item_parent_unit: one child per unit under a parent item): when the target
 * already has an item under the same parent (e.g. two districts' launch acknowledgements of one
 * campaign moving to the province), the target keeps its own; the moved one is closed as
 * `superseded` (history row names the kept item) and stays on its old unit, and its open children
 * move under the kept item when that one is open.
 */
@Injectable()
export class MoveOpenWorkUseCase implements OpenWorkPort, OnModuleInit {
  constructor(
    @Inject(OPEN_WORK_PORT) private readonly registry: OpenWorkRegistry,
    private readonly repo: OpenWorkRepository,
    private readonly events: WorkItemEventRepository,
    private readonly timers: WorkflowTimerRepository,
    private readonly org: OrgGateway,
    private readonly compiled: CompiledDefinitions,
    private readonly contexts: StepContextFactory,
    private readonly outbox: OutboxRepository,
    private readonly items: WorkItemRepository,
    private readonly cascades: CascadeService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  countOpenItems(unitId: string, manager?: EntityManager): Promise<number> {
    return this.repo.countOpenAt(unitId, manager);
  }

  async listOpenItems(unitId: string, limit: number, manager?: EntityManager): Promise<Array<{ id: string; status: string }>> {
    return (await this.repo.listOpenAt(unitId, limit, manager)).map((r) => ({ id: r.id, status: r.status }));
  }

  countOpenItemsUnder(rootPath: string, manager?: EntityManager): Promise<number> {
    return this.repo.countOpenUnder(rootPath, manager);
  }

  async transferOpenItems(m: EntityManager, fromUnitId: string, toUnitId: string, ctx: OpenWorkContext): Promise<OpenWorkChange> {
    const target = await this.org.unit(toUnitId, m);
    if (!target) throw AppError.notFound('unit');
    const from = await this.org.unit(fromUnitId, m);
    const out: OpenWorkChange = { moved: 0, superseded: 0, reassigned: 0, repathed: 0, reparented: 0 };
    const rows = await this.repo.lockOpenAt(m, fromUnitId, toUnitId);
    const colliding = rows.filter((r) => r.keptItemId !== null);
    const moving = rows.filter((r) => r.keptItemId === null);
    const history: NewItemEvent[] = [];
    const base = (id: string, version: number, stage: string, comment: string | null, changes: NewItemEvent['changes'], details: Record<string, unknown>): NewItemEvent => ({
      itemId: id,
      itemVersion: version,
      event: REORGANISED_EVENT,
      actorUserId: ctx.actorUserId,
      onBehalfOfUserId: ctx.onBehalfOfUserId,
      actorUnitPath: ctx.actorUnitPath,
      fromStage: stage,
      toStage: stage,
      comment,
      changes,
      details: { operation: ctx.operation, effectiveAt: ctx.effectiveAt.toISOString(), fromUnit: unitLabel(from), toUnit: unitLabel(target), ...details },
      requestId: currentRequest()?.requestId ?? null,
    });

    // 1. Collisions: the target keeps its own item; the moved one is closed as superseded.
    const superseded = await this.repo.supersede(
      m,
      colliding.map((r) => r.id),
    );
    await this.timers.cancelMany(
      m,
      superseded.map((s) => s.id),
    );
    for (const s of superseded) {
      const r = colliding.find((c) => c.id === s.id)!;
      history.push(base(s.id, s.version, s.stage, ctx.reason, { status: { from: 'active', to: 'final' }, outcome: { from: null, to: 'superseded' } }, { superseded: true, keptItemId: r.keptItemId }));
      if (r.keptStatus !== 'final') {
        const children = await this.repo.reparentOpenChildren(m, r.id, r.keptItemId!);
        out.reparented += children.length;
        for (const c of children) {
          history.push(base(c.id, c.version, c.stage, ctx.reason, { parentItemId: { from: r.id, to: r.keptItemId } }, { reparented: true }));
        }
      }
    }
    out.superseded = superseded.length;

    // 2. The others move to the target, their assignment with them where it was at the old unit.
    const moved = await this.repo.moveTo(
      m,
      moving.map((r) => r.id),
      fromUnitId,
      { id: target.id, path: target.path },
      true,
    );
    for (const c of moved) history.push(base(c.id, c.version, c.stage, ctx.reason, changesOf(c, { unitId: { from: fromUnitId, to: target.id } }), {}));
    out.moved = moved.length;

    // 3. Items of other units waiting at the old unit (e.g. a CĐCS plan awaiting the district's approval) wait at the target.
    const assigned = await this.repo.lockOpenAssignedAt(m, fromUnitId);
    const reassigned = await this.repo.moveTo(
      m,
      assigned.map((r) => r.id),
      fromUnitId,
      { id: target.id, path: target.path },
      false,
    );
    for (const c of reassigned) history.push(base(c.id, c.version, c.stage, ctx.reason, changesOf(c, { assignedUnitId: { from: fromUnitId, to: target.id } }), { reassigned: true }));
    out.reassigned = reassigned.length;

    await this.events.append(m, history);
    return out;
  }

  /**
   * In-flight items of a moved subtree (issue 15, line 7): workflow-core's `reroutedAssignment` routes the current
   * stage again in the new tree (default rule `follow_tree`: to the new parent's reviewer); the holder stays only if
   * they hold the role there. Each rerouted item gets a history row and the new holders a notification.
   */
  async rerouteMovedWork(m: EntityManager, rootPath: string, ctx: OpenWorkContext): Promise<number> {
    const rows = await this.repo.lockAssignedUnder(m, rootPath);
    const history: NewItemEvent[] = [];
    const messages: Array<{ topic: string; payload: Record<string, unknown> }> = [];
    for (const r of rows) {
      const { compiled } = await this.compiled.byId(r.definitionId, m);
      const tree = await this.contexts.treeFor(compiled, [r.unitId], { kind: 'system', reason: 'reorganisation' }, m, r.data);
      const holders = new Map<string, string[]>();
      const holdsAt = async (role: Role, unitId: string): Promise<string[]> => {
        const k = `${role}|${unitId}`;
        if (!holders.has(k)) holders.set(k, await this.org.usersHoldingRole(role, unitId, { includeAncestors: SUBTREE_ROLES.includes(role) }, m));
        return holders.get(k)!;
      };
      const a = r.snapshot.assignment;
      const probe = a ? reroutedAssignment(compiled.definition, r.snapshot, { unitId: r.unitId, data: r.data as JsonObject }, tree) : null;
      if (!a || !probe) continue;
      const people = await holdsAt(a.role, probe.unitId);
      const next = reroutedAssignment(compiled.definition, r.snapshot, { unitId: r.unitId, data: r.data as JsonObject }, tree, (userId) => people.includes(userId))!;
      const unitPath = tree.pathOf(next.unitId) ?? (await this.org.unit(next.unitId, m))?.path;
      if (!unitPath) continue;
      const snapshot = { ...r.snapshot, assignment: next };
      const version = await this.repo.setAssignment(m, r.id, r.version, snapshot, { id: next.unitId, path: unitPath }, next.userId ?? next.claimedBy ?? null);
      if (version === null) continue;
      const [fromUnit, toUnit] = await Promise.all([this.org.unit(a.unitId, m), this.org.unit(next.unitId, m)]);
      history.push({
        itemId: r.id,
        itemVersion: version,
        event: REORGANISED_EVENT,
        actorUserId: ctx.actorUserId,
        onBehalfOfUserId: ctx.onBehalfOfUserId,
        actorUnitPath: ctx.actorUnitPath,
        fromStage: r.stage,
        toStage: r.stage,
        comment: ctx.reason,
        changes: { assignedUnitId: { from: a.unitId, to: next.unitId }, ...(a.claimedBy !== next.claimedBy || a.userId !== next.userId ? { holder: { from: a.userId ?? a.claimedBy ?? null, to: next.userId ?? next.claimedBy ?? null } } : {}) },
        details: { operation: ctx.operation, effectiveAt: ctx.effectiveAt.toISOString(), rerouted: true, rule: compiled.definition.inFlightOnMove ?? 'follow_tree', fromAssignedUnit: unitLabel(fromUnit), toAssignedUnit: unitLabel(toUnit) },
        requestId: currentRequest()?.requestId ?? null,
      });
      messages.push({ topic: JOBS.notify, payload: { to: assignmentTarget(next), template: 'item.assigned', params: { stage: r.stage, rerouted: true, title: r.title, workflow: compiled.definition.key, event: REORGANISED_EVENT, actorUserId: ctx.actorUserId, comment: ctx.reason }, itemId: r.id } });
    }
    await this.events.append(m, history);
    await this.outbox.add(m, messages);
    return history.length;
  }

  /** After the commit: every collecting fan-out whose subtree holds one of these paths is reconciled with the tree. */
  async treeChanged(paths: readonly string[]): Promise<void> {
    const cascades = (await this.items.openCascades()).filter((p) => p.cascade && paths.some((path) => isWithin(path, String(p.cascade?.rootPath))));
    for (const parent of cascades) {
      try {
        await this.cascades.reconcile(parent.id);
      } catch (err) {
        // The scheduler's reconcile pass catches up.
        currentLogger().warn({ err, parentItemId: parent.id }, 'cascade reconcile on a tree change failed');
      }
    }
  }

  async repathOpenItems(m: EntityManager, oldRootPath: string, newRootPath: string, ctx: OpenWorkContext): Promise<number> {
    const changed = await this.repo.repath(m, oldRootPath, newRootPath);
    await this.events.append(
      m,
      changed.map((c) => ({
        itemId: c.id,
        itemVersion: c.version,
        event: REORGANISED_EVENT,
        actorUserId: ctx.actorUserId,
        onBehalfOfUserId: ctx.onBehalfOfUserId,
        actorUnitPath: ctx.actorUnitPath,
        fromStage: c.stage,
        toStage: c.stage,
        comment: ctx.reason,
        changes: changesOf(c, {}),
        details: { operation: ctx.operation, effectiveAt: ctx.effectiveAt.toISOString(), repathed: true },
        requestId: currentRequest()?.requestId ?? null,
      })),
    );
    return changed.length;
  }
}

function unitLabel(u: { id: string; code: string; name: string; path: string } | undefined): Record<string, string> | null {
  return u ? { id: u.id, code: u.code, name: u.name, path: u.path } : null;
}

function changesOf(c: ChangedRow, extra: NewItemEvent['changes']): NewItemEvent['changes'] {
  const changes: NewItemEvent['changes'] = { ...extra };
  if (c.oldUnitPath !== c.newUnitPath) changes.unitPath = { from: c.oldUnitPath, to: c.newUnitPath };
  if (c.oldAssignedPath !== c.newAssignedPath) changes.assignedUnitPath = { from: c.oldAssignedPath, to: c.newAssignedPath };
  return changes;
}
