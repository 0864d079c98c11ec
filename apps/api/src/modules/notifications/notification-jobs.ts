import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';
import { JOBS } from '../workflow/index';
import { NotificationsService, type NotifyJob } from './notifications.service';

/**
 * Subscribes notifications to the runtime's outbox: the `workflow.notify` job (JOBS.notify) is handled here,
 * in processes that process jobs (PROCESS_ROLE all or worker). Safe to run twice: rows are keyed by outbox id.
 */
@Injectable()
export class NotificationJobs implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    if (this.config.processRole === 'api') return;
    this.queue.register<NotifyJob>(JOBS.notify, async (job) => {
      await this.notifications.deliver(job);
    });
  }
}
