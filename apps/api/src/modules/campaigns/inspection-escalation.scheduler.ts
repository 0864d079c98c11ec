import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { currentLogger } from '../../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { InspectionsService } from './inspections.service';

const BATCH = 500;

/**
 * Escalates overdue corrective actions of inspections on the scheduler's clock, like the workflow
 * scheduler (AppConfig.scheduler: only where it is enabled — not in an `api`-only process). Several
 * worker processes may run it: InspectionsService.escalateOverdue claims rows with
 * FOR UPDATE SKIP LOCKED and only escalates `awaiting_correction` rows, so each action escalates once.
 */
@Injectable()
export class InspectionEscalationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspections: InspectionsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) return;
    this.handle = setInterval(() => void this.tick(), this.config.scheduler.intervalMs);
    this.handle.unref();
  }

  onApplicationShutdown(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }

  /** One pass at `now` (a simulated clock in tests): every overdue action, batch by batch. */
  async tick(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let escalated = 0;
    try {
      for (;;) {
        const n = await this.inspections.escalateOverdue(now, BATCH);
        escalated += n;
        if (n < BATCH) break;
      }
    } catch (err) {
      currentLogger().warn({ err }, 'inspection escalation pass failed; the next tick retries');
    } finally {
      this.running = false;
    }
    return escalated;
  }
}
