import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rootLogger } from '../../common/logging/logger';
import { dependencyUp } from '../../common/observability/metrics';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { HealthService } from './health.service';

type Dependency = 'database' | 'queue';

/**
 * Consecutive failed checks before the warning: one slow answer (the embedded database busy seeding, a GC pause)
 * is not an outage.
 */
const FAILURES_BEFORE_WARNING = 2;

/**
 * Checks PostgreSQL and the job queue (Redis with Bull) every DEPENDENCY_CHECK_INTERVAL_MS and logs at warn level
 * when one stops answering (two checks in a row) and again when it is back, with how long it was away.
 * `thidua_dependency_up` follows every check.
 */
@Injectable()
export class DependencyMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private checking = false;
  private readonly downSince = new Map<Dependency, number>();
  private readonly failing = new Map<Dependency, { since: number; count: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthService,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => void this.check(), this.config.dependencyCheckIntervalMs);
    this.handle.unref();
  }

  onApplicationShutdown(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }

  /** One round of checks; logs only the changes. */
  async check(now = Date.now()): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const report = await this.health.ready();
      for (const dependency of ['database', 'queue'] as const) {
        const result = report.checks[dependency];
        const what = dependency === 'database' ? 'PostgreSQL' : this.config.redis.url ? 'Redis (job queue)' : 'job queue';
        dependencyUp.set({ dependency }, result.ok ? 1 : 0);
        const since = this.downSince.get(dependency);
        if (!result.ok) {
          const streak = this.failing.get(dependency) ?? { since: now, count: 0 };
          streak.count += 1;
          this.failing.set(dependency, streak);
          if (since === undefined && streak.count >= FAILURES_BEFORE_WARNING) {
            this.downSince.set(dependency, streak.since);
            rootLogger().warn({ dependency, reason: result.reason }, `${what} is not answering`);
          }
        } else {
          this.failing.delete(dependency);
          if (since !== undefined) {
            this.downSince.delete(dependency);
            rootLogger().warn({ dependency, downForMs: now - since }, `${what} is answering again`);
          }
        }
      }
    } finally {
      this.checking = false;
    }
  }
}
