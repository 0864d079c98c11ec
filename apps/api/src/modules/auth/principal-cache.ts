import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { onPrincipalsChanged, principalsChanged, takePrincipalsChanged } from '../../common/auth/principal-changes';
import { PrincipalAccess } from '../org/index';
import { SessionVersionService } from './session-version.service';

interface Entry {
  sessionVersion: number;
  principal: Principal;
  /** Epoch ms after which the entry is not used: the next calendar change of its roles, or the maximum age. */
  until: number;
}

/** Longest a principal is kept even when nothing is known to change it (belt and braces; a re-read is cheap). */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * The principal of each user as the auth guard last read it, keyed by user and session version (issue 17,
 * line 1): a request whose token carries the current version takes its principal from here, with no query.
 * Safe because everything a principal is made of bumps the session version of the users concerned (database
 * triggers, migration 1796191325095: password, status, username and name; role assignments, the holder's
 * delegates included; delegations; units moved, merged or dissolved) — a new version misses the cache — and
 * what changes by the calendar alone (a role or delegation starting or ending) bounds the entry's life
 * (`PrincipalAccess.findPrincipalUntil`). A change made by this process drops the cached session versions once
 * its transaction commits (`notePrincipalsChanged` in org's repositories, seen here as a TypeORM transaction
 * subscriber), so it counts on the next request; one made by another process counts once this process re-reads
 * the user's version, within SESSION_CACHE_TTL_MS (as for every token revocation).
 * Principals handed out are frozen: a caller that changed one would change it for the user's next requests.
 */
@Injectable()
export class PrincipalCache implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private unsubscribe: (() => void) | undefined;
  /** Hits and misses since start (tests, metrics). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly access: PrincipalAccess,
    private readonly sessions: SessionVersionService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
    this.unsubscribe = onPrincipalsChanged(() => this.forgetAll());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    const i = this.dataSource.subscribers.indexOf(this);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
  }

  /** The principal of `userId` at session version `sessionVersion` (already checked current by the caller). */
  async get(userId: string, sessionVersion: number, now: number = Date.now()): Promise<Principal | null> {
    const hit = this.entries.get(userId);
    if (hit && hit.sessionVersion === sessionVersion && now < hit.until) {
      this.stats.hits += 1;
      return hit.principal;
    }
    this.stats.misses += 1;
    const generation = this.generation;
    const found = await this.access.findPrincipalUntil(userId, new Date(now));
    if (!found) {
      this.entries.delete(userId);
      return null;
    }
    const principal = freeze(found.principal);
    // A change committed while this read ran may not be in it: keep nothing then.
    if (generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      const until = Math.min(now + MAX_AGE_MS, found.changesAt ? found.changesAt.getTime() : Number.POSITIVE_INFINITY);
      this.entries.set(userId, { sessionVersion, principal, until });
    }
    return principal;
  }

  /** Forgets every principal and every cached session version of this process. */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
    this.sessions.forgetAll();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release commits nothing yet: only the outermost commit counts.
    if ((event.queryRunner as { isTransactionActive?: boolean }).isTransactionActive) return;
    if (takePrincipalsChanged(event.queryRunner.data as Record<string, unknown> | undefined)) principalsChanged();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if ((event.queryRunner as { isTransactionActive?: boolean }).isTransactionActive) return;
    takePrincipalsChanged(event.queryRunner.data as Record<string, unknown> | undefined);
  }
}

function freeze(p: Principal): Principal {
  for (const r of p.roles) {
    Object.freeze(r);
    if (r.workflows) Object.freeze(r.workflows);
  }
  Object.freeze(p.roles);
  return Object.freeze(p);
}
