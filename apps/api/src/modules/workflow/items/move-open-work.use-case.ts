import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenWorkChange } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { OPEN_WORK_PORT, OpenWorkRegistry, type OpenWorkContext, type OpenWorkPort } from '../../org';
import { OrgGateway } from '../engine/org-gateway';
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
