import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PeopleRepository, type UserRecord } from './people.repository';

/** What sign-in reads of a user: identity, status, the password hash and the lockout counters. */
export type Account = Pick<UserRecord, 'id' | 'username' | 'fullName' | 'email' | 'status' | 'passwordHash' | 'failedLoginCount' | 'lockedUntil'>;

/**
 * Org's port for auth (docs/ARCHITECTURE.md, "Module boundaries"): the credentials, lockout and session version of a
 * user, which live in org's `app_user`. Each call is one statement of `PeopleRepository` (no extra round trip);
 * auth never sees the repository or the entity.
 */
@Injectable()
export class AccountStore {
  constructor(private readonly people: PeopleRepository) {}

  findUserById(id: string, manager?: EntityManager, lock = false): Promise<Account | null> {
    return this.people.findUserById(id, manager, lock);
  }

  findUserByUsername(username: string, manager?: EntityManager, lock = false): Promise<Account | null> {
    return this.people.findUserByUsername(username, manager, lock);
  }

  /** Accounts with this e-mail (case-insensitive), at most two: single sign-on links by e-mail only when one matches. */
  findUsersByEmail(email: string, manager?: EntityManager): Promise<Account[]> {
    return this.people.findUsersByEmail(email, manager);
  }

  /** A new password (change or reset): the lockout ends; the app_user trigger bumps the session version. */
  setPassword(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    return this.people.setPassword(id, passwordHash, manager);
  }

  /** Same password, new hash parameters (rehash at sign-in): sessions stay valid. */
  updatePasswordHash(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    return this.people.updatePasswordHash(id, passwordHash, manager);
  }

  recordLoginFailure(id: string, maxFailures: number, lockUntil: Date, manager: EntityManager): Promise<{ locked: boolean }> {
    return this.people.recordLoginFailure(id, maxFailures, lockUntil, manager);
  }

  recordLoginSuccess(id: string, manager: EntityManager): Promise<void> {
    return this.people.recordLoginSuccess(id, manager);
  }

  /** The user's session version, which auth's access tokens carry (-1 for an unknown user). */
  sessionVersion(userId: string, manager?: EntityManager): Promise<number> {
    return this.people.sessionVersion(userId, manager);
  }

  /** Ends every access token of the user (sign-out everywhere); in the caller's transaction. */
  bumpSessionVersion(userId: string, manager: EntityManager): Promise<void> {
    return this.people.bumpSessionVersion(userId, manager);
  }
}
