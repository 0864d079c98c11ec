import { Inject, Injectable } from '@nestjs/common';
import type {
  DissolveBlockers,
  DissolveUnitRequest,
  MergeUnitRequest,
  MoveUnitRequest,
  OpenWorkChange,
  RenameUnitRequest,
  ReorganisationKind,
  ReorganisationReport,
  RoleMapping,
  RoleMappingRow,
} from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService, type AuditEntry } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { AccessService } from './access.service';
import { covers } from './access-scope';
import { NO_OPEN_WORK_CHANGE, OPEN_WORK_PORT, type OpenWorkContext, type OpenWorkPort } from './open-work.port';
import { PeopleRepository } from './people.repository';
import { ReorganisationRepository, type ScheduledRow } from './reorganisation.repository';
import { UnitRepository, type UnitRecord } from './unit.repository';
import { canBeParentOf } from './unit-kind-rules';
import { childPath, isPathWithin } from './unit-path';
import { toUnitRef } from './unit-view';
import { grantCoversPath } from '@thidua/workflow-core';

const BLOCKER_LIST_LIMIT = 50;
/** An effective date up to this far ahead is "now" (clock skew between browser and server). */
export const FUTURE_TOLERANCE_MS = 60_000;

/** Who did it, for the audit row: the admin grant used (own or delegated) and its unit path. */
export function actorOf(principal: Principal, unitPath: string): Pick<AuditEntry, 'actorUserId' | 'onBehalfOfUserId' | 'actorUnitPath'> {
  const grants = principal.roles.filter((r) => grantCoversPath(r, unitPath, 'act', { roles: ['admin'] }));
  const grant = grants.find((g) => g.onBehalfOf === null) ?? grants[0];
  return { actorUserId: principal.userId, onBehalfOfUserId: grant?.onBehalfOf ?? null, actorUnitPath: grant?.unitPath ?? null };
}

/** `effectiveAt` of a request: a date is 00:00 UTC of that day; absent = now. */
export function effectiveDateOf(value: string | undefined, now = new Date()): Date {
  return value ? new Date(value) : now;
}

interface Dated {
  at: Date;
  /** Set while the scheduler applies a stored future-dated change (its own row is not a "later change"). */
  scheduledId?: string;
}

/**
 * Move, merge, dissolve, rename: each one transaction with its audit row, effective at a date
 * (`effectiveAt`, default now). A past date rewrites the parent links from that date; a future date
 * validates the change now (the very code of a preview) and stores it in `scheduled_reorganisation`,
 * applied by ReorganisationScheduler when the date comes. `preview: true` runs the same code and rolls
 * back, so the preview is exactly what would happen. Open work moves through the runtime's OpenWorkPort.
 */
@Injectable()
export class ReorganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly people: PeopleRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: ReorganisationRepository,
    @Inject(OPEN_WORK_PORT) private readonly openWork: OpenWorkPort,
  ) {}

  async move(principal: Principal, unitId: string, body: MoveUnitRequest, scheduled?: ScheduledRow): Promise<ReorganisationReport> {
    const report = await this.execute('move', principal, unitId, body, scheduled, (m, d) => this.doMove(principal, unitId, body, d, m));
    // Committed: fan-outs collecting over the old or the new place take the move into account now.
    if (!report.preview && !report.scheduled && report.newPath) await this.openWork.treeChanged([report.newPath, ...(report.oldPath ? [report.oldPath] : [])]);
    return report;
  }

  merge(principal: Principal, unitId: string, body: MergeUnitRequest, scheduled?: ScheduledRow): Promise<ReorganisationReport> {
    return this.execute('merge', principal, unitId, body, scheduled, (m, d) => this.doMerge(principal, unitId, body, d, m));
  }

  dissolve(principal: Principal, unitId: string, body: DissolveUnitRequest, scheduled?: ScheduledRow): Promise<ReorganisationReport> {
    return this.execute('dissolve', principal, unitId, body, scheduled, (m, d) => this.doDissolve(principal, unitId, body, d, m));
  }

  rename(principal: Principal, unitId: string, body: RenameUnitRequest, scheduled?: ScheduledRow): Promise<ReorganisationReport> {
    return this.execute('rename', principal, unitId, body, scheduled, (m, d) => this.doRename(principal, unitId, body, d, m));
  }

  /** Cancels a stored future-dated reorganisation (admin over its unit). */
  async cancelScheduled(principal: Principal, id: string): Promise<void> {
    const row = await this.repo.findScheduled(id);
    if (!row) throw AppError.notFound('reorganisation');
    // A reorganisation of a unit the caller does not see answers as a random id (issue 13).
    if (!(await this.access.findVisibleUnit(principal, row.unitId))) throw AppError.notFound('reorganisation');
    const unit = await this.access.assertRoleOver(principal, ['admin'], row.unitId);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.repo.finish(id, 'cancelled', null, m))) throw new AppError('CONFLICT', { details: { reason: 'not_scheduled', status: row.status } });
      await this.audit.record(m, {
        action: 'unit.reorganisation_cancelled',
        entityType: 'unit',
        entityId: row.unitId,
        ...actorOf(principal, unit.path),
        details: { scheduledId: id, operation: row.operation, effectiveAt: new Date(row.effectiveAt).toISOString() },
      });
    });
  }

  private async execute(
    operation: ReorganisationKind,
    principal: Principal,
    unitId: string,
    body: { preview: boolean; effectiveAt?: string },
    scheduled: ScheduledRow | undefined,
    fn: (m: EntityManager, d: Dated) => Promise<ReorganisationReport>,
  ): Promise<ReorganisationReport> {
    const at = scheduled ? new Date(scheduled.effectiveAt) : effectiveDateOf(body.effectiveAt);
    if (!scheduled && at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      // Dated in the future: validated now on today's tree (rolled back), stored, applied when the date comes.
      const report = await this.run(true, (m) => fn(m, { at }));
      if (body.preview) return report;
      const id = await this.dataSource.transaction(async (m) => {
        const unit = await this.units.findById(unitId, m);
        const request: Record<string, unknown> = { ...body, preview: false, effectiveAt: at.toISOString() };
        const sid = await this.repo.insertScheduled({ operation, unitId, request, effectiveAt: at, requestedBy: principal.userId }, m);
        await this.audit.record(m, {
          action: 'unit.reorganisation_scheduled',
          entityType: 'unit',
          entityId: unitId,
          ...actorOf(principal, unit?.path ?? ''),
          details: { scheduledId: sid, operation, effectiveAt: at.toISOString(), request },
        });
        return sid;
      });
      return { ...report, preview: false, scheduled: { id, effectiveAt: at.toISOString() } };
    }
    return this.run(body.preview, async (m) => {
      if (scheduled && !(await this.repo.claim(scheduled.id, m))) throw new AppError('CONFLICT', { details: { reason: 'not_scheduled' } });
      const report = await fn(m, { at, scheduledId: scheduled?.id });
      if (scheduled) await this.repo.finish(scheduled.id, 'applied', null, m);
      return report;
    });
  }

  private async doMove(principal: Principal, unitId: string, body: MoveUnitRequest, d: Dated, m: EntityManager): Promise<ReorganisationReport> {
    const unit = await this.lockActive(principal, unitId, m);
    const target = await this.lockActive(principal, body.newParentId, m);
    if (!unit.parentId) throw new AppError('UNPROCESSABLE', { details: { reason: 'root_cannot_move' } });
    if (isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
    if (unit.parentId === target.id) throw new AppError('CONFLICT', { details: { reason: 'already_there' } });
    assertKindOrder(target, unit);
    await this.assertNoLaterChange(d, [unit.path], [target.id], [], m);
    const ctx = this.openWorkContext('move', principal, unit, target, d.at);
    const newPath = childPath(target.path, unit.pathKey);
    const { units: repathed, items } = await this.repath(unit.path, newPath, target.depth + 1 - unit.depth, ctx, m);
    await this.units.setParent([unit.id], target.id, m);
    await this.units.relinkSubtree(newPath, d.at, m);
    const rerouted = await this.openWork.rerouteMovedWork(m, newPath, ctx);
    const report = this.report('move', body.preview, d.at, unit, target, { unitsRepathed: repathed, oldPath: unit.path, newPath, openWork: { ...NO_OPEN_WORK_CHANGE, repathed: items, reassigned: rerouted } });
    await this.audit.record(m, {
      action: 'unit.moved',
      entityType: 'unit',
      entityId: unit.id,
      ...actorOf(principal, unit.path),
      details: { fromParentId: unit.parentId, toParentId: target.id, oldPath: unit.path, newPath, unitsRepathed: repathed, effectiveAt: d.at.toISOString(), openWork: report.openWork, scheduledId: d.scheduledId ?? null },
    });
    return report;
  }

  private async doMerge(principal: Principal, unitId: string, body: MergeUnitRequest, d: Dated, m: EntityManager): Promise<ReorganisationReport> {
    const unit = await this.lockActive(principal, unitId, m);
    const target = await this.lockActive(principal, body.intoId, m);
    if (unit.id === target.id || isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
    await this.assertNoLaterChange(d, [unit.path], [target.id], [unit.id], m);
    const holders = await this.people.currentHoldersAt(unit.id, d.at, m);
    const moved = await this.takeOver(principal, 'merge', unit, target, d, m);
    const roles = await this.applyRoleMapping(holders, body.roleMapping, target, d.at, m);
    await this.units.setStatus(unit.id, 'merged', target.id, m);
    await this.units.closeLink(unit.id, d.at, m);
    const report = this.report('merge', body.preview, d.at, unit, target, { ...moved, ...roles });
    await this.audit.record(m, {
      action: 'unit.merged',
      entityType: 'unit',
      entityId: unit.id,
      ...actorOf(principal, unit.path),
      details: { intoId: target.id, intoCode: target.code, path: unit.path, intoPath: target.path, effectiveAt: d.at.toISOString(), scheduledId: d.scheduledId ?? null, ...moved, ...roles },
    });
    return report;
  }

  private async doDissolve(principal: Principal, unitId: string, body: DissolveUnitRequest, d: Dated, m: EntityManager): Promise<ReorganisationReport> {
    const unit = await this.lockActive(principal, unitId, m);
    if (!unit.parentId) throw new AppError('UNPROCESSABLE', { details: { reason: 'root_cannot_dissolve' } });
    const blockers = await this.blockers(unit, d.at, m);
    const hasBlockers = blockers.childUnits.length + blockers.people.length + blockers.openItemCount > 0;
    if (hasBlockers && !body.transferToId) {
      if (body.preview) return { ...this.report('dissolve', true, d.at, unit, null, { roleMapping: await this.applyRoleMapping(await this.people.currentHoldersAt(unit.id, d.at, m), body.roleMapping, null, d.at, m, true).then((r) => r.roleMapping) }), blockers };
      throw new AppError('UNIT_HAS_OPEN_WORK', { details: { ...blockers } });
    }
    let target: UnitRecord | null = null;
    let moved: Partial<ReorganisationReport> = {};
    await this.assertNoLaterChange(d, [unit.path], body.transferToId ? [body.transferToId] : [], [unit.id], m);
    const holders = await this.people.currentHoldersAt(unit.id, d.at, m);
    if (body.transferToId) {
      target = await this.lockActive(principal, body.transferToId, m);
      if (target.id === unit.id || isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
      moved = await this.takeOver(principal, 'dissolve', unit, target, d, m);
    }
    const roles = await this.applyRoleMapping(holders, body.roleMapping, target, d.at, m);
    await this.units.setStatus(unit.id, 'dissolved', null, m);
    await this.units.closeLink(unit.id, d.at, m);
    const report = { ...this.report('dissolve', body.preview, d.at, unit, target, { ...moved, ...roles }), blockers: hasBlockers ? blockers : null };
    await this.audit.record(m, {
      action: 'unit.dissolved',
      entityType: 'unit',
      entityId: unit.id,
      ...actorOf(principal, unit.path),
      details: { path: unit.path, transferToId: target?.id ?? null, effectiveAt: d.at.toISOString(), scheduledId: d.scheduledId ?? null, ...moved, ...roles },
    });
    return report;
  }

  private async doRename(principal: Principal, unitId: string, body: RenameUnitRequest, d: Dated, m: EntityManager): Promise<ReorganisationReport> {
    const unit = await this.lockActive(principal, unitId, m);
    const code = body.code ?? unit.code;
    if (code !== unit.code && (await this.units.findByCode(code, m))) throw new AppError('ALREADY_EXISTS', { params: { entity: 'unit' } });
    await this.units.updateAttributes(unit.id, { name: body.name, code }, m);
    const renamed = { from: unit.name, to: body.name, codeFrom: unit.code, codeTo: code };
    await this.audit.record(m, {
      action: 'unit.renamed',
      entityType: 'unit',
      entityId: unit.id,
      ...actorOf(principal, unit.path),
      details: { ...renamed, path: unit.path, effectiveAt: d.at.toISOString(), scheduledId: d.scheduledId ?? null },
    });
    return { ...this.report('rename', body.preview, d.at, unit, null, {}), renamed };
  }

  /**
   * A change effective at `d.at` must not contradict what happened after it: a position of one of the
   * touched units (subtrees at `paths`, units `ids`) that began later, a role assignment at `roleUnits`
   * that began later, or a stored future-dated change of them. Refused with REORG_LATER_CHANGE.
   */
  private async assertNoLaterChange(d: Dated, paths: string[], ids: string[], roleUnits: string[], m: EntityManager): Promise<void> {
    const later = (await this.repo.laterChanges(d.at, paths, ids, roleUnits, m)).filter((c) => !(c.kind === 'scheduled' && d.scheduledId));
    if (later.length === 0) return;
    throw new AppError('REORG_LATER_CHANGE', {
      details: { effectiveAt: d.at.toISOString(), laterChanges: later.map((c) => ({ unitId: c.unitId, code: c.code, kind: c.kind, since: new Date(c.since).toISOString() })) },
    });
  }

  /** What stops a dissolve: active child units, people holding roles there, open work items (at the unit or waiting there). */
  private async blockers(unit: UnitRecord, at: Date, m: EntityManager): Promise<DissolveBlockers> {
    const [children, holders, openItems, openItemCount] = await Promise.all([
      this.units.activeChildren(unit.id, m),
      this.people.currentHoldersAt(unit.id, at, m),
      this.openWork.listOpenItems(unit.id, BLOCKER_LIST_LIMIT, m),
      this.openWork.countOpenItems(unit.id, m),
    ]);
    return {
      childUnits: children.map(toUnitRef),
      people: holders.map((h) => ({ userId: h.userId, username: h.username, fullName: h.fullName, role: h.role })),
      openItems,
      openItemCount,
    };
  }

  /** `target` takes over `unit`'s child units (with their subtrees), home users and open work. Roles: applyRoleMapping. */
  private async takeOver(principal: Principal, operation: 'merge' | 'dissolve', unit: UnitRecord, target: UnitRecord, d: Dated, m: EntityManager): Promise<Partial<ReorganisationReport>> {
    const ctx = this.openWorkContext(operation, principal, unit, target, d.at);
    const children = await this.units.activeChildren(unit.id, m);
    for (const c of children) assertKindOrder(target, c);
    await this.units.setParent(
      children.map((c) => c.id),
      target.id,
      m,
    );
    let repathed = 0;
    let itemsRepathed = 0;
    for (const c of children) {
      const newPath = childPath(target.path, c.pathKey);
      const r = await this.repath(c.path, newPath, target.depth + 1 - c.depth, ctx, m);
      repathed += r.units;
      itemsRepathed += r.items;
      await this.units.relinkSubtree(newPath, d.at, m);
    }
    await this.people.moveHomeUnit(unit.id, target.id, m);
    const work: OpenWorkChange = { ...(await this.openWork.transferOpenItems(m, unit.id, target.id, ctx)), repathed: itemsRepathed };
    return { unitsRepathed: repathed, childUnitsMoved: children.length, openItemsTransferred: work.moved, openWork: work };
  }

  /**
   * The unit's role assignments at `at`, each with its action: the confirmed one from `mapping`, or
   * `end` (an assignment nobody confirmed never moves: no one gains rights by a merge or dissolve).
   * Applies them unless `dryList`.
   */
  private async applyRoleMapping(
    holders: Array<{ assignmentId: string; userId: string; username: string; fullName: string; role: RoleMappingRow['role'] }>,
    mapping: RoleMapping | undefined,
    target: UnitRecord | null,
    at: Date,
    m: EntityManager,
    dryList = false,
  ): Promise<{ roleMapping: RoleMappingRow[]; roleAssignmentsTransferred: number }> {
    const byId = new Map((mapping ?? []).map((x) => [x.assignmentId, x]));
    for (const id of byId.keys()) {
      if (!holders.some((h) => h.assignmentId === id)) throw new AppError('UNPROCESSABLE', { details: { reason: 'unknown_assignment', assignmentId: id } });
    }
    const rows: RoleMappingRow[] = [];
    let transferred = 0;
    for (const h of holders) {
      const confirmed = byId.get(h.assignmentId);
      const action = confirmed?.action ?? 'end';
      let toUnit: UnitRecord | null = null;
      if (action === 'move') {
        if (!confirmed?.toUnitId || !target) throw new AppError('UNPROCESSABLE', { details: { reason: 'mapping_needs_unit', assignmentId: h.assignmentId } });
        toUnit = await this.units.findById(confirmed.toUnitId, m);
        // After the take-over, the target's subtree holds the unit's former children too.
        if (!toUnit || toUnit.status !== 'active' || !isPathWithin(toUnit.path, target.path)) {
          throw new AppError('UNPROCESSABLE', { details: { reason: 'mapping_unit_outside_target', assignmentId: h.assignmentId, toUnitId: confirmed.toUnitId } });
        }
      }
      const widensAt = toUnit ?? target;
      const widensIfMoved = widensAt ? await this.wouldWiden(h.userId, h.assignmentId, h.role, widensAt.path, at, m) : false;
      rows.push({ assignmentId: h.assignmentId, userId: h.userId, username: h.username, fullName: h.fullName, role: h.role, action, toUnit: toUnit ? toUnitRef(toUnit) : null, widensIfMoved });
      if (dryList || action === 'keep') continue;
      await this.people.endRoleAssignment(h.assignmentId, at, m);
      if (action === 'move' && toUnit && !(await this.people.hasOverlappingAssignment(h.userId, toUnit.id, h.role, at, null, m))) {
        await this.people.insertRoleAssignment({ userId: h.userId, unitId: toUnit.id, role: h.role, validFrom: at, validTo: null }, m);
        transferred++;
      }
    }
    return { roleMapping: rows, roleAssignmentsTransferred: transferred };
  }

  /** Whether holding `role` at `path` would cover units the user's other roles (at `at`) do not. */
  private async wouldWiden(userId: string, assignmentId: string, role: RoleMappingRow['role'], path: string, at: Date, m: EntityManager): Promise<boolean> {
    const others = (await this.people.roleAssignmentsOfUser(userId, m)).filter(
      (a) => a.id !== assignmentId && a.role === role && new Date(a.validFrom) <= at && (!a.validTo || new Date(a.validTo) > at),
    );
    return !others.some((a) => a.unitPath && covers({ role, unitPath: a.unitPath }, path));
  }

  private async repath(oldRoot: string, newRoot: string, depthDelta: number, ctx: OpenWorkContext, m: EntityManager): Promise<{ units: number; items: number }> {
    const units = await this.units.repathSubtree(oldRoot, newRoot, depthDelta, m);
    const items = await this.openWork.repathOpenItems(m, oldRoot, newRoot, ctx);
    return { units, items };
  }

  private openWorkContext(operation: OpenWorkContext['operation'], principal: Principal, unit: UnitRecord, target: UnitRecord, at: Date): OpenWorkContext {
    const actor = actorOf(principal, unit.path);
    const reason =
      operation === 'move'
        ? `Chuyển ${unit.name} về trực thuộc ${target.name}`
        : operation === 'merge'
          ? `Hợp nhất ${unit.name} vào ${target.name}`
          : `Giải thể ${unit.name}, chuyển về ${target.name}`;
    return { operation, actorUserId: actor.actorUserId ?? null, onBehalfOfUserId: actor.onBehalfOfUserId ?? null, actorUnitPath: actor.actorUnitPath ?? null, effectiveAt: at, reason };
  }

  /** Locks the unit for the operation; it must be visible, administered by the caller, and active. */
  private async lockActive(principal: Principal, unitId: string, m: EntityManager): Promise<UnitRecord> {
    await this.access.assertRoleOver(principal, ['admin'], unitId, m);
    const unit = await this.units.findById(unitId, m, true);
    if (!unit) throw AppError.notFound('unit');
    if (unit.status !== 'active') throw new AppError('CONFLICT', { details: { reason: 'unit_not_active', status: unit.status } });
    return unit;
  }

  private report(
    operation: ReorganisationReport['operation'],
    preview: boolean,
    at: Date,
    unit: UnitRecord,
    target: UnitRecord | null,
    changes: Partial<ReorganisationReport>,
  ): ReorganisationReport {
    return {
      operation,
      preview,
      effectiveAt: at.toISOString(),
      scheduled: null,
      unit: { ...toUnitRef(unit), path: unit.path },
      target: target ? { ...toUnitRef(target), path: target.path } : null,
      unitsRepathed: 0,
      oldPath: null,
      newPath: null,
      childUnitsMoved: 0,
      roleAssignmentsTransferred: 0,
      roleMapping: [],
      openItemsTransferred: 0,
      openWork: { ...NO_OPEN_WORK_CHANGE },
      blockers: null,
      renamed: null,
      ...changes,
    };
  }

  private async run(preview: boolean, fn: (m: EntityManager) => Promise<ReorganisationReport>): Promise<ReorganisationReport> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const report = await fn(qr.manager);
      if (preview) await qr.rollbackTransaction();
      else await qr.commitTransaction();
      return report;
    } catch (e) {
      await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }
}

function assertKindOrder(parent: UnitRecord, child: UnitRecord): void {
  if (!canBeParentOf(parent.kind, child.kind)) {
    throw new AppError('UNPROCESSABLE', { details: { reason: 'kind_order', parentKind: parent.kind, childKind: child.kind, child: child.code } });
  }
}
