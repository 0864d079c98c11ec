import { Inject, Injectable } from '@nestjs/common';
import type {
  DissolveBlockers,
  DissolveUnitRequest,
  MergeUnitRequest,
  MoveUnitRequest,
  RenameUnitRequest,
  ReorganisationReport,
} from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService, type AuditEntry } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { AccessService } from './access.service';
import { covers } from './access-scope';
import { OPEN_WORK_PORT, type OpenWorkPort } from './open-work.port';
import { PeopleRepository } from './people.repository';
import { UnitRepository, type UnitRecord } from './unit.repository';
import { canBeParentOf } from './unit-kind-rules';
import { childPath, isPathWithin } from './unit-path';
import { toUnitRef } from './unit-view';

const BLOCKER_LIST_LIMIT = 50;

/** Who did it, for the audit row: the admin grant used (own or delegated) and its unit path. */
export function actorOf(principal: Principal, unitPath: string): Pick<AuditEntry, 'actorUserId' | 'onBehalfOfUserId' | 'actorUnitPath'> {
  const grants = principal.roles.filter((r) => r.role === 'admin' && covers(r, unitPath));
  const grant = grants.find((g) => g.onBehalfOf === null) ?? grants[0];
  return { actorUserId: principal.userId, onBehalfOfUserId: grant?.onBehalfOf ?? null, actorUnitPath: grant?.unitPath ?? null };
}

/**
 * Move, merge, dissolve, rename: each one transaction with its audit row. `preview: true` runs the
 * very same code and rolls the transaction back, so the preview is exactly what would happen.
 */
@Injectable()
export class ReorganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly people: PeopleRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(OPEN_WORK_PORT) private readonly openWork: OpenWorkPort,
  ) {}

  async move(principal: Principal, unitId: string, body: MoveUnitRequest): Promise<ReorganisationReport> {
    return this.run(body.preview, async (m) => {
      const unit = await this.lockActive(principal, unitId, m);
      const target = await this.lockActive(principal, body.newParentId, m);
      if (!unit.parentId) throw new AppError('UNPROCESSABLE', { details: { reason: 'root_cannot_move' } });
      if (isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
      if (unit.parentId === target.id) throw new AppError('CONFLICT', { details: { reason: 'already_there' } });
      assertKindOrder(target, unit);
      const at = new Date();
      const newPath = childPath(target.path, unit.pathKey);
      const repathed = await this.repath(unit.path, newPath, target.depth + 1 - unit.depth, m);
      await this.units.setParent([unit.id], target.id, m);
      await this.units.relinkSubtree(newPath, at, m);
      const report = this.report('move', body.preview, unit, target, { unitsRepathed: repathed, oldPath: unit.path, newPath });
      await this.audit.record(m, {
        action: 'unit.moved',
        entityType: 'unit',
        entityId: unit.id,
        ...actorOf(principal, unit.path),
        details: { fromParentId: unit.parentId, toParentId: target.id, oldPath: unit.path, newPath, unitsRepathed: repathed },
      });
      return report;
    });
  }

  async merge(principal: Principal, unitId: string, body: MergeUnitRequest): Promise<ReorganisationReport> {
    return this.run(body.preview, async (m) => {
      const unit = await this.lockActive(principal, unitId, m);
      const target = await this.lockActive(principal, body.intoId, m);
      if (unit.id === target.id || isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
      const at = new Date();
      const moved = await this.takeOver(unit, target, at, m);
      await this.units.setStatus(unit.id, 'merged', target.id, m);
      await this.units.closeLink(unit.id, at, m);
      const report = this.report('merge', body.preview, unit, target, moved);
      await this.audit.record(m, {
        action: 'unit.merged',
        entityType: 'unit',
        entityId: unit.id,
        ...actorOf(principal, unit.path),
        details: { intoId: target.id, intoCode: target.code, path: unit.path, intoPath: target.path, ...moved },
      });
      return report;
    });
  }

  async dissolve(principal: Principal, unitId: string, body: DissolveUnitRequest): Promise<ReorganisationReport> {
    return this.run(body.preview, async (m) => {
      const unit = await this.lockActive(principal, unitId, m);
      if (!unit.parentId) throw new AppError('UNPROCESSABLE', { details: { reason: 'root_cannot_dissolve' } });
      const at = new Date();
      const blockers = await this.blockers(unit, at, m);
      const hasBlockers = blockers.childUnits.length + blockers.people.length + blockers.openItemCount > 0;
      if (hasBlockers && !body.transferToId) {
        if (body.preview) return { ...this.report('dissolve', true, unit, null, {}), blockers };
        throw new AppError('UNIT_HAS_OPEN_WORK', { details: { ...blockers } });
      }
      let target: UnitRecord | null = null;
      let moved: Partial<ReorganisationReport> = {};
      if (body.transferToId) {
        target = await this.lockActive(principal, body.transferToId, m);
        if (target.id === unit.id || isPathWithin(target.path, unit.path)) throw new AppError('UNIT_CYCLE');
        moved = await this.takeOver(unit, target, at, m);
      }
      await this.units.setStatus(unit.id, 'dissolved', null, m);
      await this.units.closeLink(unit.id, at, m);
      const report = { ...this.report('dissolve', body.preview, unit, target, moved), blockers: hasBlockers ? blockers : null };
      await this.audit.record(m, {
        action: 'unit.dissolved',
        entityType: 'unit',
        entityId: unit.id,
        ...actorOf(principal, unit.path),
        details: { path: unit.path, transferToId: target?.id ?? null, ...moved },
      });
      return report;
    });
  }

  async rename(principal: Principal, unitId: string, body: RenameUnitRequest): Promise<ReorganisationReport> {
    return this.run(body.preview, async (m) => {
      const unit = await this.lockActive(principal, unitId, m);
      const code = body.code ?? unit.code;
      if (code !== unit.code && (await this.units.findByCode(code, m))) throw new AppError('ALREADY_EXISTS', { params: { entity: 'unit' } });
      await this.units.updateAttributes(unit.id, { name: body.name, code }, m);
      const renamed = { from: unit.name, to: body.name, codeFrom: unit.code, codeTo: code };
      await this.audit.record(m, { action: 'unit.renamed', entityType: 'unit', entityId: unit.id, ...actorOf(principal, unit.path), details: { ...renamed, path: unit.path } });
      return { ...this.report('rename', body.preview, unit, null, {}), renamed };
    });
  }

  /** What stops a dissolve: active child units, people holding roles there, open work items. */
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

  /** `target` takes over `unit`'s child units (with their subtrees), people and open work. */
  private async takeOver(unit: UnitRecord, target: UnitRecord, at: Date, m: EntityManager): Promise<Partial<ReorganisationReport>> {
    const children = await this.units.activeChildren(unit.id, m);
    for (const c of children) assertKindOrder(target, c);
    await this.units.setParent(
      children.map((c) => c.id),
      target.id,
      m,
    );
    let repathed = 0;
    for (const c of children) {
      const newPath = childPath(target.path, c.pathKey);
      repathed += await this.repath(c.path, newPath, target.depth + 1 - c.depth, m);
      await this.units.relinkSubtree(newPath, at, m);
    }
    const roleAssignmentsTransferred = await this.people.transferAssignments(unit.id, target.id, at, m);
    await this.people.moveHomeUnit(unit.id, target.id, m);
    const openItemsTransferred = await this.openWork.transferOpenItems(m, unit.id, target.id);
    return { unitsRepathed: repathed, childUnitsMoved: children.length, roleAssignmentsTransferred, openItemsTransferred };
  }

  private async repath(oldRoot: string, newRoot: string, depthDelta: number, m: EntityManager): Promise<number> {
    const n = await this.units.repathSubtree(oldRoot, newRoot, depthDelta, m);
    await this.openWork.repathOpenItems(m, oldRoot, newRoot);
    return n;
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
    unit: UnitRecord,
    target: UnitRecord | null,
    changes: Partial<ReorganisationReport>,
  ): ReorganisationReport {
    return {
      operation,
      preview,
      unit: { ...toUnitRef(unit), path: unit.path },
      target: target ? { ...toUnitRef(target), path: target.path } : null,
      unitsRepathed: 0,
      oldPath: null,
      newPath: null,
      childUnitsMoved: 0,
      roleAssignmentsTransferred: 0,
      openItemsTransferred: 0,
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
