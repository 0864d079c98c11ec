import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { setMetricSources } from '../../common/observability/metrics';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';

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
  ) {}

  onApplicationBootstrap(): void {
    setMetricSources({
      pool: () => {
        const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
        return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
      },
      queue: () => this.queue.stats(),
      outbox: async () => {
        const [r] = (await this.dataSource.query(
          `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(created_at)) AS age FROM outbox WHERE dispatched_at IS NULL`,
        )) as Array<{ n: string; age: string | null }>;
        return { pending: Number(r.n), lagSeconds: r.age == null ? 0 : Math.max(0, Number(r.age)) };
      },
      timersDue: async () => {
        const [r] = (await this.dataSource.query(`SELECT count(*) AS n FROM workflow_timer WHERE status = 'pending' AND fire_at <= now()`)) as Array<{ n: string }>;
        return Number(r.n);
      },
    });
  }

  onApplicationShutdown(): void {
    setMetricSources(null);
  }
}
