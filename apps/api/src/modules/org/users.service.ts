import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateDelegationRequest,
  CreateRoleAssignmentRequest,
  CreateUserRequest,
  CreateUserResponse,
  DelegationView,
  EndRoleAssignmentRequest,
  ListDelegationsQuery,
  ListUsersQuery,
  Page,
  PasswordResetResponse,
  RoleAssignmentRecord,
  UpdateUserRequest,
  UserView,
} from '@thidua/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { assertStrongPassword } from '../../common/auth/password-policy';
import { AccessService } from './access.service';
import { decodeCursor, pageOf } from './cursor';
import { PeopleRepository, type DelegationRow, type RoleAssignmentRow, type UserRecord } from './people.repository';
import { USER_SESSIONS_PORT, type UserSessionsPort } from './user-sessions.port';
import { actorOf } from './reorganisation.service';
import { isUuid } from './tree.service';

export function toUserView(u: UserRecord): UserView {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    status: u.status,
    homeUnitId: u.homeUnitId,
    homeUnitCode: u.homeUnitCode,
    lockedUntil: u.lockedUntil && new Date(u.lockedUntil) > new Date() ? new Date(u.lockedUntil).toISOString() : null,
    capabilities: u.capabilities ?? [],
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

function toAssignment(r: RoleAssignmentRow, now: Date): RoleAssignmentRecord {
  const from = new Date(r.validFrom);
  const to = r.validTo ? new Date(r.validTo) : null;
  return {
    id: r.id,
    userId: r.userId,
    unitId: r.unitId,
    unitCode: r.unitCode,
    unitName: r.unitName,
    role: r.role,
    validFrom: from.toISOString(),
    validTo: to?.toISOString() ?? null,
    isCurrent: from <= now && (!to || to > now),
  };
}

function toDelegationView(d: DelegationRow, now: Date): DelegationView {
  const from = new Date(d.validFrom);
  const to = new Date(d.validTo);
  return {
    id: d.id,
    fromUserId: d.fromUserId,
    fromUsername: d.fromUsername,
    toUserId: d.toUserId,
    toUsername: d.toUsername,
    workflows: d.workflows,
    validFrom: from.toISOString(),
    validTo: to.toISOString(),
    revokedAt: d.revokedAt ? new Date(d.revokedAt).toISOString() : null,
    reason: d.reason,
    isActive: !d.revokedAt && from <= now && to > now,
  };
}

/**
 * People, their roles and delegations. Admins manage the users whose home unit is in a subtree
 * where they hold admin; a user outside it is NOT_FOUND for them.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    @Inject(USER_SESSIONS_PORT) private readonly sessions: UserSessionsPort,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, q: ListUsersQuery): Promise<Page<UserView>> {
    const after = decodeCursor(q.cursor, ['username']);
    const rootPath = q.unitId ? (await this.access.assertRoleOver(principal, ['admin'], q.unitId)).path : undefined;
    const rows = await this.people.listUsers({
      scopes: this.access.visibleUnitPathPrefixes(principal, ['admin']),
      status: q.status,
      rootPath,
      q: q.q,
      afterUsername: after?.username,
      limit: q.limit + 1,
    });
    const page = pageOf(rows, q.limit, (u) => ({ username: u.username }));
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<UserView> {
    return toUserView(await this.administeredUser(principal, id));
  }

  async create(principal: Principal, body: CreateUserRequest): Promise<CreateUserResponse> {
    const unit = await this.access.assertRoleOver(principal, ['admin'], body.homeUnitId);
    if (body.password) assertStrongPassword(body.password, 'body.password', [body.username, body.fullName, body.email ?? '']);
    const temporaryPassword = body.password ? null : this.hasher.generate();
    const hash = await this.hasher.hash(body.password ?? temporaryPassword!);
    const id = await this.dataSource.transaction(async (m) => {
      if (await this.people.findUserByUsername(body.username, m)) throw new AppError('ALREADY_EXISTS', { params: { entity: 'user' } });
      const newId = await this.people.insertUser({ username: body.username, fullName: body.fullName, email: body.email ?? null, homeUnitId: unit.id, passwordHash: hash }, m);
      await this.audit.record(m, { action: 'user.created', entityType: 'user', entityId: newId, ...actorOf(principal, unit.path), details: { username: body.username, homeUnitId: unit.id } });
      return newId;
    });
    return { user: toUserView((await this.people.findUserById(id))!), temporaryPassword };
  }

  async update(principal: Principal, id: string, body: UpdateUserRequest): Promise<UserView> {
    const user = await this.administeredUser(principal, id);
    await this.dataSource.transaction(async (m) => {
      await this.people.updateUser(user.id, body, m);
      if (body.status === 'disabled') await this.sessions.revokeAll(user.id, m);
      await this.audit.record(m, {
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        ...actorOf(principal, user.homeUnitPath!),
        details: { before: { fullName: user.fullName, email: user.email, status: user.status, capabilities: user.capabilities ?? [] }, after: body },
      });
    });
    return toUserView((await this.people.findUserById(user.id))!);
  }

  /** Sets a generated password, shown once; unlocks the account and ends its sessions. */
  async resetPassword(principal: Principal, id: string): Promise<PasswordResetResponse> {
    const user = await this.administeredUser(principal, id);
    const temporaryPassword = this.hasher.generate();
    const hash = await this.hasher.hash(temporaryPassword);
    await this.dataSource.transaction(async (m) => {
      await this.people.setPassword(user.id, hash, m);
      await this.sessions.revokeAll(user.id, m);
      await this.audit.record(m, { action: 'user.password_reset', entityType: 'user', entityId: user.id, ...actorOf(principal, user.homeUnitPath!) });
    });
    return { temporaryPassword };
  }

  async roles(principal: Principal, id: string): Promise<RoleAssignmentRecord[]> {
    const user = await this.administeredUser(principal, id);
    const now = new Date();
    return (await this.people.roleAssignmentsOfUser(user.id)).map((r) => toAssignment(r, now));
  }

  async assignRole(principal: Principal, userId: string, body: CreateRoleAssignmentRequest): Promise<RoleAssignmentRecord> {
    const user = await this.administeredUser(principal, userId);
    const unit = await this.access.assertRoleOver(principal, ['admin'], body.unitId);
    if (unit.status !== 'active') throw new AppError('CONFLICT', { details: { reason: 'unit_not_active' } });
    const from = body.validFrom ? new Date(body.validFrom) : new Date();
    const to = body.validTo ? new Date(body.validTo) : null;
    if (to && to <= from) throw AppError.validation([{ path: 'body.validTo', reason: 'invalid_value', message: 'must be after validFrom' }]);
    const id = await this.dataSource.transaction(async (m) => {
      if (await this.people.hasOverlappingAssignment(user.id, unit.id, body.role, from, to, m)) {
        throw new AppError('ALREADY_EXISTS', { params: { entity: 'role' } });
      }
      const newId = await this.people.insertRoleAssignment({ userId: user.id, unitId: unit.id, role: body.role, validFrom: from, validTo: to }, m);
      await this.audit.record(m, {
        action: 'role.assigned',
        entityType: 'role_assignment',
        entityId: newId,
        ...actorOf(principal, unit.path),
        details: { userId: user.id, unitId: unit.id, unitPath: unit.path, role: body.role, validFrom: from.toISOString(), validTo: to?.toISOString() ?? null },
      });
      return newId;
    });
    return toAssignment((await this.people.findRoleAssignment(id))!, new Date());
  }

  async endRole(principal: Principal, assignmentId: string, body: EndRoleAssignmentRequest): Promise<RoleAssignmentRecord> {
    const row = isUuid(assignmentId) ? await this.people.findRoleAssignment(assignmentId) : null;
    if (!row || !this.access.holdsRoleOver(principal, ['admin'], row.unitPath)) throw AppError.notFound('role');
    const at = body.validTo ? new Date(body.validTo) : new Date();
    if (at < new Date(row.validFrom)) throw AppError.validation([{ path: 'body.validTo', reason: 'invalid_value', message: 'before validFrom' }]);
    if (row.validTo && new Date(row.validTo) <= at) throw new AppError('CONFLICT', { details: { reason: 'already_ended' } });
    await this.dataSource.transaction(async (m) => {
      await this.people.endRoleAssignment(row.id, at, m);
      await this.audit.record(m, {
        action: 'role.revoked',
        entityType: 'role_assignment',
        entityId: row.id,
        ...actorOf(principal, row.unitPath),
        details: { userId: row.userId, unitId: row.unitId, unitPath: row.unitPath, role: row.role, validTo: at.toISOString() },
      });
    });
    return toAssignment((await this.people.findRoleAssignment(row.id))!, new Date());
  }

  // ---------- delegations ----------

  async listDelegations(principal: Principal, q: ListDelegationsQuery): Promise<Page<DelegationView>> {
    const userId = q.userId && q.userId !== principal.userId ? (await this.administeredUser(principal, q.userId)).id : principal.userId;
    const before = decodeCursor(q.cursor, ['createdAt', 'id']);
    const rows = await this.people.listDelegations({ userId, activeAt: q.activeOnly ? new Date() : undefined, before, limit: q.limit + 1 });
    const page = pageOf(rows, q.limit, (d) => ({ createdAt: new Date(d.createdAt).toISOString(), id: d.id }));
    const now = new Date();
    return { items: page.items.map((d) => toDelegationView(d, now)), nextCursor: page.nextCursor };
  }

  /** The caller hands their roles to another user; an admin may do it for a user they administer. */
  async createDelegation(principal: Principal, body: CreateDelegationRequest): Promise<DelegationView> {
    const fromId = body.fromUserId && body.fromUserId !== principal.userId ? (await this.administeredUser(principal, body.fromUserId)).id : principal.userId;
    if (body.toUserId === fromId) throw AppError.validation([{ path: 'body.toUserId', reason: 'invalid_value', message: 'cannot delegate to oneself' }]);
    const to = isUuid(body.toUserId) ? await this.people.findUserById(body.toUserId) : null;
    // The delegate must be someone the caller can see (home unit in one of their scopes): no probing for users elsewhere.
    if (!to || to.status !== 'active' || !to.homeUnitPath || !this.access.canSeePath(principal, to.homeUnitPath)) throw AppError.notFound('user');
    const id = await this.dataSource.transaction(async (m) => {
      const newId = await this.people.insertDelegation(
        { fromUserId: fromId, toUserId: to.id, workflows: body.workflows ?? null, validFrom: new Date(body.validFrom), validTo: new Date(body.validTo), reason: body.reason },
        m,
      );
      await this.audit.record(m, {
        action: 'delegation.created',
        entityType: 'delegation',
        entityId: newId,
        actorUserId: principal.userId,
        details: { fromUserId: fromId, toUserId: to.id, workflows: body.workflows ?? null, validFrom: body.validFrom, validTo: body.validTo, reason: body.reason },
      });
      return newId;
    });
    return toDelegationView((await this.people.findDelegation(id))!, new Date());
  }

  /** The delegator, the delegate, or an admin of the delegator may revoke. */
  async revokeDelegation(principal: Principal, id: string): Promise<DelegationView> {
    const d = isUuid(id) ? await this.people.findDelegation(id) : null;
    if (!d) throw AppError.notFound('delegation');
    if (d.fromUserId !== principal.userId && d.toUserId !== principal.userId) {
      await this.administeredUser(principal, d.fromUserId).catch(() => {
        throw AppError.notFound('delegation');
      });
    }
    if (d.revokedAt) throw new AppError('CONFLICT', { details: { reason: 'already_revoked' } });
    const now = new Date();
    await this.dataSource.transaction(async (m) => {
      await this.people.revokeDelegation(d.id, now, m);
      await this.audit.record(m, { action: 'delegation.revoked', entityType: 'delegation', entityId: d.id, actorUserId: principal.userId, details: { fromUserId: d.fromUserId, toUserId: d.toUserId } });
    });
    return toDelegationView((await this.people.findDelegation(d.id))!, now);
  }

  /** The user, when their home unit is in a subtree where the caller is admin; NOT_FOUND otherwise. */
  private async administeredUser(principal: Principal, id: string): Promise<UserRecord> {
    const user = isUuid(id) ? await this.people.findUserById(id) : null;
    if (!user || !user.homeUnitPath || !this.access.holdsRoleOver(principal, ['admin'], user.homeUnitPath)) throw AppError.notFound('user');
    return user;
  }
}
