import { Injectable } from '@nestjs/common';
import type { Role } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { covers, scopesCover, visibleScopes, type UnitScope } from './access-scope';
import { PeopleRepository, type EffectiveRoleRow, type RoleHolderRow } from './people.repository';
import { isUuid } from './tree.service';
import { UnitRepository, type UnitRecord } from './unit.repository';
import { coversPath } from '@thidua/workflow-core';

/** A principal role with the display fields /auth/me needs. */
export interface DescribedRole extends PrincipalRole {
  unitCode: string;
  unitName: string;
  onBehalfOfUser: { userId: string; username: string; fullName: string } | null;
}

/**
 * Who may do what where (docs/access-control.md). Scope refusals about a unit the caller cannot
 * see are NOT_FOUND, never FORBIDDEN: outside their scope a user learns nothing, not even existence.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly units: UnitRepository,
  ) {}

  /** The user with every role usable at `at` (own and delegated); null for an unknown or disabled user. */
  async findPrincipal(userId: string, at: Date = new Date(), manager?: EntityManager): Promise<Principal | null> {
    const described = await this.describe(userId, at, manager);
    if (!described) return null;
    return { userId: described.userId, username: described.username, fullName: described.fullName, roles: described.roles.map(stripDescription) };
  }

  /**
   * As findPrincipal, with the next moment its roles change by the calendar alone (a role or delegation starting
   * or ending; null: none known): what auth's principal cache may keep it until. The two reads run side by side.
   */
  async findPrincipalUntil(userId: string, at: Date = new Date()): Promise<{ principal: Principal; changesAt: Date | null } | null> {
    if (!isUuid(userId)) return null;
    const [principal, changesAt] = await Promise.all([this.findPrincipal(userId, at), this.people.nextRoleChangeAfter(userId, at)]);
    return principal ? { principal, changesAt } : null;
  }

  /** As findPrincipal, but AppError NOT_FOUND when the user is unknown or disabled. */
  async principalFor(userId: string, at: Date = new Date(), manager?: EntityManager): Promise<Principal> {
    const p = await this.findPrincipal(userId, at, manager);
    if (!p) throw AppError.notFound('user');
    return p;
  }

  /** Principal plus unit codes/names and delegator names (for /auth/me). */
  async describe(
    userId: string,
    at: Date = new Date(),
    manager?: EntityManager,
  ): Promise<{ userId: string; username: string; fullName: string; email: string | null; homeUnit: { id: string; code: string; name: string } | null; roles: DescribedRole[] } | null> {
    if (!isUuid(userId)) return null;
    const user = await this.people.findUserById(userId, manager);
    if (!user || user.status !== 'active') return null;
    const rows = await this.people.effectiveRoles(userId, at, manager);
    return {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      homeUnit: user.homeUnitId ? { id: user.homeUnitId, code: user.homeUnitCode ?? '', name: user.homeUnitName ?? '' } : null,
      roles: rows.map(toDescribedRole),
    };
  }

  /**
   * Whether the role lets its holder act at the unit, as workflow-core's `grantCovers` decides:
   * supervisor/viewer/admin cover their unit's subtree; officer and the council roles their own unit
   * only. (Seeing is wider for the council roles: `visibleUnitPathPrefixes`.)
   */
  covers(principalRole: Pick<PrincipalRole, 'role' | 'unitPath'>, unitPath: string): boolean {
    return covers(principalRole, unitPath);
  }

  /**
   * The regions visible through the given roles (default all), for SQL filters (`scopeSqlFilter`):
   * the unit's subtree for every role but officer (own unit only).
   */
  visibleUnitPathPrefixes(principal: Principal, roles?: readonly Role[]): UnitScope[] {
    return visibleScopes(principal, roles);
  }

  canSeePath(principal: Principal, unitPath: string, roles?: readonly Role[]): boolean {
    return scopesCover(visibleScopes(principal, roles), unitPath);
  }

  /**
   * The unit, when the caller may see it; otherwise AppError NOT_FOUND exactly as for a unit that
   * does not exist. A merged unit is also visible to whoever sees the unit it was merged into.
   */
  async assertCanSeeUnit(principal: Principal, unitId: string, manager?: EntityManager): Promise<UnitRecord> {
    const unit = isUuid(unitId) ? await this.units.findById(unitId, manager) : null;
    if (!unit) throw AppError.notFound('unit');
    if (this.canSeePath(principal, unit.path)) return unit;
    if (unit.mergedIntoId) {
      const target = await this.units.findById(unit.mergedIntoId, manager);
      if (target && this.canSeePath(principal, target.path)) return unit;
    }
    throw AppError.notFound('unit');
  }

  /** The unit when the caller may see it (assertCanSeeUnit's rule), else null. */
  async findVisibleUnit(principal: Principal, unitId: string, manager?: EntityManager): Promise<UnitRecord | null> {
    try {
      return await this.assertCanSeeUnit(principal, unitId, manager);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  /**
   * Which of these units the caller may see, by assertCanSeeUnit's rule (a merged unit is visible to
   * whoever sees its target): one query at most, for the merge targets not already known.
   */
  async visibleUnitIds(principal: Principal, units: readonly UnitRecord[], manager?: EntityManager): Promise<Set<string>> {
    const visible = new Set(units.filter((u) => this.canSeePath(principal, u.path)).map((u) => u.id));
    const targetIds = [...new Set(units.filter((u) => !visible.has(u.id) && u.mergedIntoId).map((u) => u.mergedIntoId!))];
    if (targetIds.length > 0) {
      const targets = new Map((await this.units.findByIds(targetIds, manager)).map((t) => [t.id, t]));
      for (const u of units) {
        const target = u.mergedIntoId ? targets.get(u.mergedIntoId) : undefined;
        if (!visible.has(u.id) && target && this.canSeePath(principal, target.path)) visible.add(u.id);
      }
    }
    return visible;
  }

  /**
   * The unit, when one of the caller's `roles` covers it: NOT_FOUND when the caller cannot see it
   * at all, FORBIDDEN when they see it but hold none of these roles over it.
   */
  async assertRoleOver(principal: Principal, roles: readonly Role[], unitId: string, manager?: EntityManager): Promise<UnitRecord> {
    const unit = await this.assertCanSeeUnit(principal, unitId, manager);
    if (!this.holdsRoleOver(principal, roles, unit.path)) throw AppError.forbidden();
    return unit;
  }

  holdsRoleOver(principal: Principal, roles: readonly Role[], unitPath: string): boolean {
    return coversPath(principal.roles, unitPath, 'act', { roles });
  }

  /** Holders of `role` at exactly `unitId` at `at`, and the active delegates of each (`onBehalfOf` set). */
  async usersHoldingRole(role: Role, unitId: string, at: Date = new Date(), manager?: EntityManager): Promise<RoleHolderRow[]> {
    if (!isUuid(unitId)) return [];
    return this.people.roleHolders(role, unitId, at, manager);
  }
}

function toDescribedRole(r: EffectiveRoleRow): DescribedRole {
  return {
    role: r.role,
    unitId: r.unitId,
    unitPath: r.unitPath,
    workflows: r.workflows,
    onBehalfOf: r.onBehalfOf,
    unitCode: r.unitCode,
    unitName: r.unitName,
    onBehalfOfUser: r.onBehalfOf ? { userId: r.onBehalfOf, username: r.onBehalfOfUsername ?? '', fullName: r.onBehalfOfFullName ?? '' } : null,
  };
}

function stripDescription(r: DescribedRole): PrincipalRole {
  return { role: r.role, unitId: r.unitId, unitPath: r.unitPath, workflows: r.workflows, onBehalfOf: r.onBehalfOf };
}
