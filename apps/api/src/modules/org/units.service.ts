import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  CreateUnitRequest,
  ListUnitsQuery,
  Page,
  SubtreeCount,
  TreeAsOfQuery,
  TreeAsOfResponse,
  ListScheduledReorganisationsQuery,
  ScheduledReorganisationView,
  UnitDetail,
  UnitHistoryEntry,
  UnitHistoryResponse,
  UnitPeopleQuery,
  UnitPeopleResponse,
  UnitPerson,
  UnitView,
  UpdateUnitRequest,
} from '@thidua/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { UNIT_PEOPLE_MAX, type UnitKind } from '@thidua/contracts';
import { AccessService } from './access.service';
import { OPEN_WORK_PORT, type OpenWorkPort } from './open-work.port';
import { decodeCursor, encodeCursor, pageOf } from './cursor';
import { PeopleRepository } from './people.repository';
import { ReorganisationRepository } from './reorganisation.repository';
import { actorOf, effectiveDateOf, FUTURE_TOLERANCE_MS } from './reorganisation.service';
import { UnitRepository } from './unit.repository';
import { canBeParentOf } from './unit-kind-rules';
import { childPath, depthOfPath, pathKeys, subtreePattern } from './unit-path';
import { toUnitRef, toUnitView } from './unit-view';

/** Reading and creating units, always within what the caller may see. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly people: PeopleRepository,
    private readonly reorgRepo: ReorganisationRepository,
    @Inject(OPEN_WORK_PORT) private readonly openWork: OpenWorkPort,
  ) {}

  async list(principal: Principal, q: ListUnitsQuery): Promise<Page<UnitView>> {
    const after = decodeCursor(q.cursor, ['code']);
    let rootPath: string | undefined;
    if (q.rootId) rootPath = (await this.access.assertCanSeeUnit(principal, q.rootId)).path;
    if (q.parentId) await this.access.assertCanSeeUnit(principal, q.parentId);
    const rows = await this.units.list({
      scopes: this.access.visibleUnitPathPrefixes(principal),
      kind: q.kind,
      status: q.status,
      parentId: q.parentId,
      rootPath,
      q: q.q,
      afterCode: after?.code,
      limit: q.limit + 1,
    });
    const page = pageOf(rows, q.limit, (u) => ({ code: u.code }));
    return { items: page.items.map(toUnitView), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<UnitDetail> {
    const unit = await this.access.assertCanSeeUnit(principal, id);
    const keys = pathKeys(unit.path).slice(0, -1);
    const [ancestors, childCount, mergedInto] = await Promise.all([
      this.units.findByPathKeys(keys),
      this.units.childCount(unit.id),
      unit.mergedIntoId ? this.units.findById(unit.mergedIntoId) : Promise.resolve(null),
    ]);
    const visible = await this.access.visibleUnitIds(principal, ancestors);
    return {
      ...toUnitView(unit),
      // Ancestors are named even when above the caller's scope: the chain a unit reports to is not a secret to those who see the unit.
      // isVisible says which of them the caller may open, so the UI links only those (the others answer 404).
      ancestors: ancestors.map((a) => ({ ...toUnitRef(a), path: a.path, isVisible: visible.has(a.id) })),
      childCount,
      mergedInto: mergedInto && this.access.canSeePath(principal, mergedInto.path) ? toUnitRef(mergedInto) : null,
    };
  }

  /**
   * Who holds a role at the unit at `at` (home unit anywhere) and who is based there, each with their
   * assignments at this unit and the delegations they gave or received that were in force at `at`.
   * Homes and delegation counterparts outside the caller's scope are not named.
   */
  async peopleOf(principal: Principal, id: string, q: UnitPeopleQuery): Promise<UnitPeopleResponse> {
    const unit = await this.access.assertCanSeeUnit(principal, id);
    const at = q.at ? new Date(q.at) : new Date();
    const rows = await this.people.peopleOfUnit(unit.id, at, UNIT_PEOPLE_MAX + 1);
    const listed = rows.slice(0, UNIT_PEOPLE_MAX);
    const ids = listed.map((r) => r.userId);
    const [assignments, delegations] = await Promise.all([this.people.assignmentsAtUnit(unit.id, ids, at), this.people.delegationsActiveAt(ids, at)]);
    const inList = new Set(ids);
    const canName = (userId: string, homePath: string | null) => inList.has(userId) || (homePath !== null && this.access.canSeePath(principal, homePath));
    const people = listed.map(
      (r): UnitPerson => ({
        userId: r.userId,
        username: r.username,
        fullName: r.fullName,
        status: r.status,
        isHomeHere: r.homeUnitId === unit.id,
        homeUnit:
          r.homeUnitId && r.homeUnitPath && (r.homeUnitId === unit.id || this.access.canSeePath(principal, r.homeUnitPath))
            ? { id: r.homeUnitId, code: r.homeUnitCode ?? '', name: r.homeUnitName ?? '', kind: r.homeUnitKind as UnitKind }
            : null,
        roles: assignments
          .filter((a) => a.userId === r.userId)
          .map((a) => ({ assignmentId: a.id, role: a.role, validFrom: new Date(a.validFrom).toISOString(), validTo: a.validTo ? new Date(a.validTo).toISOString() : null })),
        delegations: delegations
          .filter((d) => d.fromUserId === r.userId || d.toUserId === r.userId)
          .map((d) => {
            const given = d.fromUserId === r.userId;
            const other = given
              ? { userId: d.toUserId, username: d.toUsername, fullName: d.toFullName, homePath: d.toHomePath }
              : { userId: d.fromUserId, username: d.fromUsername, fullName: d.fromFullName, homePath: d.fromHomePath };
            return {
              id: d.id,
              direction: given ? ('given' as const) : ('received' as const),
              counterpart: canName(other.userId, other.homePath) ? { userId: other.userId, username: other.username, fullName: other.fullName } : null,
              workflows: d.workflows,
              validFrom: new Date(d.validFrom).toISOString(),
              validTo: new Date(d.validTo).toISOString(),
              reason: d.reason,
            };
          }),
      }),
    );
    return { unit: toUnitRef(unit), at: at.toISOString(), people, truncated: rows.length > UNIT_PEOPLE_MAX };
  }

  async children(principal: Principal, id: string, q: { cursor?: string; limit: number }): Promise<Page<UnitView>> {
    const unit = await this.access.assertCanSeeUnit(principal, id);
    return this.list(principal, { parentId: unit.id, status: 'active', limit: q.limit, cursor: q.cursor });
  }

  async subtreeCount(principal: Principal, id: string): Promise<SubtreeCount> {
    const unit = await this.access.assertCanSeeUnit(principal, id);
    if (!this.access.canSeePath(principal, unit.path)) throw AppError.notFound('unit');
    const c = await this.units.countSubtree(unit.path);
    return { unitId: unit.id, total: c.total, active: c.active, byKind: c.byKind };
  }

  /** The subtree as it stood at `asOf`, in path order, keyset-paginated by the path of that time. */
  async treeAsOf(principal: Principal, q: TreeAsOfQuery): Promise<TreeAsOfResponse> {
    const root = await this.access.assertCanSeeUnit(principal, q.rootId);
    const asOf = q.asOf ? new Date(q.asOf) : new Date();
    const rootPath = await this.units.pathAt(root.id, asOf);
    if (!rootPath) return { asOf: asOf.toISOString(), items: [], nextCursor: null };
    const after = decodeCursor(q.cursor, ['path']);
    const rows = await this.units.treeAsOf(rootPath, asOf, after?.path ?? null, q.limit + 1);
    const items = rows.slice(0, q.limit);
    return {
      asOf: asOf.toISOString(),
      items: items.map((r) => ({ id: r.unitId, code: r.code, name: r.name, kind: r.kind, parentId: r.parentId, path: r.path, depth: depthOfPath(r.path) })),
      nextCursor: rows.length > q.limit ? encodeCursor({ path: items[items.length - 1]!.path }) : null,
    };
  }

  /**
   * Creates a unit under a parent, effective at `effectiveAt` (default now). A past date must not be
   * before the parent's current position began (REORG_LATER_CHANGE); a future one is refused (a unit
   * dated in the future would already be in today's tree).
   */
  async create(principal: Principal, body: CreateUnitRequest): Promise<UnitView> {
    const parent = await this.access.assertRoleOver(principal, ['admin'], body.parentId);
    if (parent.status !== 'active') throw new AppError('CONFLICT', { details: { reason: 'unit_not_active' } });
    if (!canBeParentOf(parent.kind, body.kind)) throw new AppError('UNPROCESSABLE', { details: { reason: 'kind_order', parentKind: parent.kind, childKind: body.kind } });
    const at = effectiveDateOf(body.effectiveAt);
    if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw new AppError('UNPROCESSABLE', { details: { reason: 'create_in_future', effectiveAt: at.toISOString() } });
    const id = await this.dataSource.transaction(async (m) => {
      if (await this.units.findByCode(body.code, m)) throw new AppError('ALREADY_EXISTS', { params: { entity: 'unit' } });
      const later = (await this.reorgRepo.laterChanges(at, [], [parent.id], [], m)).filter((c) => c.kind === 'position');
      if (later.length > 0) {
        throw new AppError('REORG_LATER_CHANGE', { details: { effectiveAt: at.toISOString(), laterChanges: later.map((c) => ({ unitId: c.unitId, code: c.code, kind: c.kind, since: new Date(c.since).toISOString() })) } });
      }
      const [key] = await this.units.nextPathKeys(1, m);
      const path = childPath(parent.path, key!);
      const [newId] = await this.units.insertMany(
        [{ id: randomUUID(), code: body.code, name: body.name, kind: body.kind, sector: body.sector ?? null, memberCount: body.memberCount ?? null, parentId: parent.id, pathKey: key!, path, depth: parent.depth + 1 }],
        at,
        m,
      );
      await this.audit.record(m, {
        action: 'unit.created',
        entityType: 'unit',
        entityId: newId!,
        ...actorOf(principal, parent.path),
        details: { code: body.code, path, parentId: parent.id, effectiveAt: at.toISOString() },
      });
      return newId!;
    });
    const created = (await this.units.findById(id))!;
    // Committed: a fan-out collecting over the parent gives the new unit its child item now, not at the next reconcile.
    await this.openWork.treeChanged([created.path]);
    return toUnitView(created);
  }

  /**
   * What happened to the unit when: every position it held (parent and path, from the parent links),
   * every recorded change of it or of units merged into it (audit rows, at their effective date), and
   * stored future-dated changes. Oldest first.
   */
  async history(principal: Principal, id: string): Promise<UnitHistoryResponse> {
    const unit = await this.access.assertCanSeeUnit(principal, id);
    const sources = await this.units.mergedSourceIds(unit.id);
    const [links, audits, scheduled] = await Promise.all([this.reorgRepo.linksOf(unit.id), this.reorgRepo.auditOfUnits([unit.id, ...sources]), this.reorgRepo.scheduledOfUnit(unit.id)]);
    const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
    const entries: UnitHistoryEntry[] = [
      ...links.map(
        (l): UnitHistoryEntry => ({
          at: iso(l.validFrom)!,
          kind: 'position',
          until: iso(l.validTo),
          parent: l.parentId ? { id: l.parentId, code: l.parentCode ?? '', name: l.parentName ?? '', kind: (l.parentKind ?? 'confederation') as UnitKind } : null,
          path: l.pathAtTime,
          action: null,
          recordedAt: null,
          actor: null,
          details: {},
        }),
      ),
      ...audits.map(
        (a): UnitHistoryEntry => ({
          at: typeof a.details.effectiveAt === 'string' ? a.details.effectiveAt : iso(a.occurredAt)!,
          kind: 'change',
          until: null,
          parent: null,
          path: typeof a.details.path === 'string' ? a.details.path : typeof a.details.oldPath === 'string' ? a.details.oldPath : null,
          action: a.action,
          recordedAt: iso(a.occurredAt),
          actor: a.actorUserId ? { userId: a.actorUserId, fullName: a.actorName ?? '' } : null,
          details: a.entityId === unit.id ? a.details : { ...a.details, mergedUnitId: a.entityId },
        }),
      ),
      ...scheduled
        .filter((s) => s.status === 'scheduled')
        .map(
          (s): UnitHistoryEntry => ({
            at: iso(s.effectiveAt)!,
            kind: 'scheduled',
            until: null,
            parent: null,
            path: null,
            action: `unit.${s.operation}`,
            recordedAt: iso(s.createdAt),
            actor: null,
            details: { scheduledId: s.id, request: s.request },
          }),
        ),
    ];
    // Stable sort: positions (already in order, empty intervals first) before changes of the same instant.
    const rank = { position: 0, change: 1, scheduled: 2 } as const;
    entries.sort((x, y) => x.at.localeCompare(y.at) || rank[x.kind] - rank[y.kind]);
    return { unit: toUnitRef(unit), entries };
  }

  /** Stored future-dated (and past applied/failed) reorganisations of units the caller may see. */
  async scheduledReorganisations(principal: Principal, q: ListScheduledReorganisationsQuery): Promise<ScheduledReorganisationView[]> {
    const patterns = this.access.visibleUnitPathPrefixes(principal).map((s) => (s.subtree ? subtreePattern(s.path) : s.path));
    const rows = await this.reorgRepo.listScheduled(patterns, q.status ?? null, q.limit);
    return rows.map((r) => ({
      id: r.id,
      operation: r.operation,
      unit: { id: r.unitId, code: r.code, name: r.name, kind: r.kind as UnitKind },
      effectiveAt: new Date(r.effectiveAt).toISOString(),
      status: r.status,
      request: r.request,
      requestedBy: r.requestedBy,
      createdAt: new Date(r.createdAt).toISOString(),
      appliedAt: r.appliedAt ? new Date(r.appliedAt).toISOString() : null,
      error: r.error,
    }));
  }

  async update(principal: Principal, id: string, body: UpdateUnitRequest): Promise<UnitView> {
    const unit = await this.access.assertRoleOver(principal, ['admin'], id);
    await this.dataSource.transaction(async (m) => {
      if (body.chairUserId) {
        // The chair is someone who can act at the unit: an active account holding a role there (not inherited).
        const chair = await this.people.findUserById(body.chairUserId, m);
        const holds = chair?.status === 'active' && (await this.people.roleAssignmentsOfUser(chair.id, m)).some((r) => r.unitId === unit.id && (r.validTo === null || new Date(r.validTo) > new Date()));
        if (!holds) throw new AppError('UNPROCESSABLE', { details: { reason: 'chair_not_at_unit', userId: body.chairUserId } });
      }
      await this.units.updateAttributes(unit.id, { sector: body.sector, memberCount: body.memberCount, chairUserId: body.chairUserId }, m);
      await this.audit.record(m, {
        action: 'unit.updated',
        entityType: 'unit',
        entityId: unit.id,
        ...actorOf(principal, unit.path),
        details: { before: { sector: unit.sector, memberCount: unit.memberCount, chairUserId: unit.chairUserId ?? null }, after: body },
      });
    });
    return toUnitView((await this.units.findById(unit.id))!);
  }
}
