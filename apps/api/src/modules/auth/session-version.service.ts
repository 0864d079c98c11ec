import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountStore } from '../org/index';

interface CachedVersion {
  version: number;
  fetchedAt: number;
}

/**
 * Every access token carries the user's `session_version` at issue (`sv`). The guard accepts a
 * token only while that is still the user's version. The version is bumped by sign-out (here) and
 * by database triggers when the password, the status or a role assignment of the user changes.
 *
 * Cache: each process keeps a user's version for SESSION_CACHE_TTL_MS (default 1 s). A bump made
 * by this process drops its entry at once; a bump made by another process (or directly in the
 * database) is seen here within the TTL: that is the bound after which an old token fails everywhere.
 * A token newer than the cached version (issued after a bump elsewhere) forces a re-read.
 */
@Injectable()
export class SessionVersionService {
  private readonly cache = new Map<string, CachedVersion>();
  /** Bumped by forgetAll: a read that started before it is not remembered. */
  private generation = 0;

  constructor(
    private readonly people: AccountStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The user's current version (0 for an unknown user: the caller refuses anyway). */
  async current(userId: string, manager?: EntityManager): Promise<number> {
    return this.people.sessionVersion(userId, manager);
  }

  /** True while a token issued at `tokenVersion` is still valid. */
  async isCurrent(userId: string, tokenVersion: number, now: number = Date.now()): Promise<boolean> {
    const hit = this.cache.get(userId);
    if (hit && now - hit.fetchedAt <= this.config.auth.sessionCacheTtlMs && tokenVersion <= hit.version) {
      return tokenVersion === hit.version;
    }
    const generation = this.generation;
    const version = await this.current(userId);
    if (generation === this.generation) this.remember(userId, version, now);
    return tokenVersion === version;
  }

  /** Ends every access token of the user (sign-out everywhere); in the caller's transaction. */
  async bump(userId: string, manager: EntityManager): Promise<void> {
    await this.people.bumpSessionVersion(userId, manager);
    this.invalidate(userId);
  }

  /** Forget this process's copy (after a change made here, e.g. a password change). */
  invalidate(userId: string): void {
    this.cache.delete(userId);
  }

  /** Forget every cached version (principals changed in this process: see common/auth/principal-changes.ts). */
  forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
  }

  private remember(userId: string, version: number, now: number): void {
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(userId, { version, fetchedAt: now });
  }
}
