import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client). One registry per process; values that live in the database or
 * the queue (pool, queue depth, outbox lag, timers due) are read when Prometheus scrapes, through the sources
 * the running application registers (`setMetricSources`).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'thidua_' });

export interface MetricSources {
  pool(): { total: number; idle: number; waiting: number } | null;
  queue(): Promise<Record<string, number> | null>;
  /** Undispatched outbox rows and the age in seconds of the oldest one (0 when none). */
  outbox(): Promise<{ pending: number; lagSeconds: number }>;
  timersDue(): Promise<number>;
}

let sources: MetricSources | null = null;

/** The application that runs in this process names where the scrape-time values come from. */
export function setMetricSources(next: MetricSources | null): void {
  sources = next;
}

export const httpRequestDuration = new Histogram({
  name: 'thidua_http_request_duration_seconds',
  help: 'HTTP request latency by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'thidua_job_duration_seconds',
  help: 'Background job run time by job name and outcome',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30],
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: 'thidua_job_failures_total',
  help: 'Failed job attempts by job name (each attempt that threw)',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

export const schedulerPasses = new Counter({
  name: 'thidua_scheduler_passes_total',
  help: 'Scheduler passes (due timers, outbox relay, cascade reconcile) by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const dependencyUp = new Gauge({
  name: 'thidua_dependency_up',
  help: '1 when the dependency answered the last check, 0 when not',
  labelNames: ['dependency'] as const,
  registers: [metricsRegistry],
});

new Gauge({
  name: 'thidua_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting clients)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const pool = sources?.pool();
    if (!pool) return;
    this.set({ state: 'total' }, pool.total);
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'waiting' }, pool.waiting);
  },
});

new Gauge({
  name: 'thidua_queue_jobs',
  help: 'Jobs in the queue by state (waiting, active, delayed, failed)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const counts = await sources?.queue().catch(() => null);
    for (const [state, n] of Object.entries(counts ?? {})) this.set({ state }, n);
  },
});

new Gauge({
  name: 'thidua_outbox_pending',
  help: 'Outbox rows not yet handed to the queue',
  registers: [metricsRegistry],
  async collect() {
    const outbox = await sources?.outbox().catch(() => null);
    if (outbox) this.set(outbox.pending);
  },
});

new Gauge({
  name: 'thidua_outbox_lag_seconds',
  help: 'Age of the oldest outbox row not yet handed to the queue (0 when none)',
  registers: [metricsRegistry],
  async collect() {
    const outbox = await sources?.outbox().catch(() => null);
    if (outbox) this.set(outbox.lagSeconds);
  },
});

new Gauge({
  name: 'thidua_timers_due',
  help: 'Pending workflow timers whose time has come (a growing value means the scheduler is behind or stopped)',
  registers: [metricsRegistry],
  async collect() {
    const due = await sources?.timersDue().catch(() => null);
    if (due != null) this.set(due);
  },
});
