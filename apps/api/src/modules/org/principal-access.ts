import { Injectable } from '@nestjs/common';
import type { Role } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AccessService, type DescribedRole } from './access.service';

export type { DescribedRole } from './access.service';

/** A principal with the display fields /auth/me needs. */
export interface DescribedPrincipal {
  userId: string;
  username: string;
  fullName: string;
  email: string | null;
  homeUnit: { id: string; code: string; name: string } | null;
  roles: DescribedRole[];
}

/**
 * Org's port for the modules that resolve a caller or check a role over a unit (auth's guard and sign-in, webhooks):
 * who a user is with every role usable now, and whether those roles cover a unit. The same statements as
 * `AccessService` (it delegates), so the guard's path makes no extra round trip; the scope rules stay org's.
 */
@Injectable()
export class PrincipalAccess {
  constructor(private readonly access: AccessService) {}

  /** The user with every role usable at `at` (own and delegated); null for an unknown or disabled user. */
  findPrincipal(userId: string, at: Date = new Date(), manager?: EntityManager): Promise<Principal | null> {
    return this.access.findPrincipal(userId, at, manager);
  }

  /** As findPrincipal, but AppError NOT_FOUND when the user is unknown or disabled. */
  principalFor(userId: string, at: Date = new Date(), manager?: EntityManager): Promise<Principal> {
    return this.access.principalFor(userId, at, manager);
  }

  /** Principal plus unit codes/names and delegator names (for /auth/me); null for an unknown or disabled user. */
  describe(userId: string, at: Date = new Date(), manager?: EntityManager): Promise<DescribedPrincipal | null> {
    return this.access.describe(userId, at, manager);
  }

  /** NOT_FOUND when the caller cannot see the unit, FORBIDDEN when they see it but hold none of `roles` over it. */
  async assertRoleOver(principal: Principal, roles: readonly Role[], unitId: string, manager?: EntityManager): Promise<void> {
    await this.access.assertRoleOver(principal, roles, unitId, manager);
  }

  holdsRoleOver(principal: Principal, roles: readonly Role[], unitPath: string): boolean {
    return this.access.holdsRoleOver(principal, roles, unitPath);
  }
}
