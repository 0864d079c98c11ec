import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { HistoryPartitions } from '../../../common/audit/history-partitions';
import { PollingLoop } from '../../../jobs/polling-loop';
import { isAppError } from '../../../common/errors/app-error';
import { IdempotencyRepository } from '../../../common/http/idempotency.repository';
import { currentLogger } from '../../../common/logging/request-context';
import { schedulerPasses } from '../../../common/observability/metrics';
import { CascadeService } from '../cascade/cascade.service';
import { ItemRuntime } from '../items/item-runtime.service';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { WorkflowTimerRepository } from './workflow-timer.repository';

/** The engine's refusal of a timer that is no longer pending on the item (`details.stale`). */
function isStaleTimer(details: unknown): boolean {
  const refusal = (details as { refusal?: { details?: { stale?: unknown } } } | undefined)?.refusal;
  return refusal?.details?.stale === true;
}

export interface FireReport {
  fired: number;
  stale: number;
  failed: number;
}

/**
 * The scheduler loop (AppConfig.scheduler): fires due timers through the same runtime path as a
 * user action, re-dispatches outbox rows a crash left undispatched, and once a day makes the history
 * tables' month partitions ahead (common/audit/history-partitions.ts). Several processes may run
 * it: timers are claimed with FOR UPDATE SKIP LOCKED plus a lease, and a timer's effect is applied
 * through the item's version check, so each timer takes effect once.
 */
@Injectable()
export class WorkflowScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new PollingLoop('scheduler', () => this.tick());
  private ticks = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timers: WorkflowTimerRepository,
    private readonly runtime: ItemRuntime,
    private readonly dispatcher: OutboxDispatcher,
    private readonly cascades: CascadeService,
    private readonly idempotencyKeys: IdempotencyRepository,
    private readonly historyPartitions: HistoryPartitions,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.scheduler);
  }

  onApplicationShutdown(): void {
    this.loop.stop();
  }

  async tick(now = new Date()): Promise<void> {
    await this.loop.once(
      async () => {
        await this.fireDue(now);
        await this.dispatcher.relay(5000, 200, this.config.scheduler.outboxRedeliverAfterMs);
        // Cascades follow the tree: units created, moved or dissolved since the last pass (every 6th tick).
        if (this.ticks % 6 === 0) await this.cascades.reconcileAll();
        // Expired Idempotency-Keys (IDEMPOTENCY_TTL_HOURS), a bounded batch per pass.
        if (this.ticks++ % 12 === 0) await this.idempotencyKeys.purgeExpired();
        // The history tables' month partitions, made ahead once a (UTC) day.
        await this.historyPartitions.daily(now);
        schedulerPasses.inc({ outcome: 'ok' });
      },
      undefined,
      () => schedulerPasses.inc({ outcome: 'failed' }),
    );
  }

  /** Fires every timer due at `now` (a simulated clock in tests). */
  async fireDue(now = new Date(), batch = 100): Promise<FireReport> {
    const report: FireReport = { fired: 0, stale: 0, failed: 0 };
    for (;;) {
      const due = await this.timers.claimDue(batch, now);
      for (const t of due) {
        try {
          await this.runtime.act({ kind: 'system', reason: `timer:${t.kind}` }, t.itemId, { type: 'timer.fired', key: t.key, kind: t.kind }, {
            now,
            retryOnConflict: 3,
            inTransaction: (m) => this.timers.finish(m, t.id, 'fired', 'applied'),
          });
          report.fired += 1;
        } catch (e) {
          if (isAppError(e) && (['TRANSITION_REFUSED', 'ITEM_FINAL', 'NOT_FOUND', 'ITEM_SUSPENDED'].includes(e.code) || isStaleTimer(e.details))) {
            // The item moved on (or was suspended) before the timer, or a later step of its escalation chain already
            // applied this one (the steps take effect in order): it no longer applies.
            await this.timers.finish(undefined, t.id, 'stale', e.code);
            report.stale += 1;
          } else {
            report.failed += 1;
            currentLogger().warn({ err: e, timer: t.key, itemId: t.itemId }, 'timer failed; it fires again after its lease');
          }
        }
      }
      if (due.length < batch) return report;
    }
  }
}
