import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { setMetricSources } from '../../common/observability/metrics';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';
import { WorkflowBacklog } from '../workflow/index';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Tells the metrics where this application's pool, queue, outbox and timers are. Read at scrape time only. */
@Injectable()
export class MetricSourcesProvider implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly workflow: WorkflowBacklog,
  ) {}

  onApplicationBootstrap(): void {
    setMetricSources({
      pool: () => {
        const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
        return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
      },
      queue: () => this.queue.stats(),
      // The runtime's tables are read through its port (WorkflowBacklog), not by SQL here.
      outbox: () => this.workflow.outboxBacklog(),
      timersDue: () => this.workflow.timersDue(),
    });
  }

  onApplicationShutdown(): void {
    setMetricSources(null);
  }
}
