import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { JOB_QUEUE, type JobQueue } from '../../../jobs/job-queue';
import { CascadeService } from '../cascade/cascade.service';
import { DomainEventConsumers } from './domain-event-consumers';
import { DOMAIN_EVENT_TOPIC, type DomainEvent } from './domain-events';
import { JOBS } from './outbox-dispatcher';

/**
 * Handlers of the jobs the outbox dispatches to the runtime itself. Registered by processes that process jobs
 * (PROCESS_ROLE all or worker). Every handler is safe to run twice: cascades by UNIQUE (parent_item_id,
 * unit_id), closing skips final items, progress is recomputed from the rows. `JOBS.notify` is handled by the
 * notifications module, which subscribes to it (the runtime does not know its consumers).
 */
@Injectable()
export class WorkflowJobs implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly cascades: CascadeService,
    private readonly consumers: DomainEventConsumers,
  ) {}

  onModuleInit(): void {
    if (this.config.processRole === 'api') return;
    this.queue.register<{ parentItemId: string }>(JOBS.fanout, async (job) => {
      await this.cascades.runFanout(job.parentItemId);
    });
    this.queue.register<{ parentItemId: string; mode: 'cancel' | 'close'; reason: string; comment: string | null }>(JOBS.closeChildren, async (job) => {
      await this.cascades.closeChildren(job.parentItemId, job.mode, job.reason, job.comment ?? null);
    });
    this.queue.register<{ parentItemId: string }>(JOBS.childrenProgress, async (job) => {
      await this.cascades.refreshProgress(job.parentItemId);
    });
    this.queue.register<DomainEvent & { outboxId: string }>(DOMAIN_EVENT_TOPIC, async (job) => {
      await this.consumers.deliver(job.outboxId, job);
    });
  }
}
