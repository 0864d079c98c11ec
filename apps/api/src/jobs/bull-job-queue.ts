import type { Queue } from 'bull';
import { currentLogger } from '../common/logging/request-context';
import { instrumentJob, withJobTrace } from '../common/observability/job-instrumentation';
import { DEFAULT_JOB_OPTIONS, type JobHandler, type JobOptions, type JobQueue } from './job-queue';

/** Bull on Redis: shared by every api/worker process; Bull dedups by jobId and retries with backoff. */
export class BullJobQueue implements JobQueue {
  readonly adapter = 'bull' as const;

  constructor(
    private readonly queue: Queue,
    private readonly concurrency = 4,
  ) {}

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, withJobTrace(data), {
      jobId: options.jobId ? `${name}:${options.jobId}` : undefined,
      attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_JOB_OPTIONS.backoffMs },
      delay: options.delayMs,
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  register<T>(name: string, plain: JobHandler<T>): void {
    const handler = instrumentJob(name, plain);
    void this.queue.process(name, this.concurrency, async (job) => {
      try {
        await handler(job.data as T, { attempt: job.attemptsMade + 1, jobId: job.opts.jobId as string | undefined });
      } catch (err) {
        currentLogger().warn({ err, job: name, attempt: job.attemptsMade + 1 }, 'job failed');
        throw err;
      }
    });
  }

  async health(): Promise<{ ok: boolean; reason?: string }> {
    try {
      const client = await this.queue.isReady();
      const pong = await Promise.race([
        client.client.ping(),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('redis ping timed out')), 1000)),
      ]);
      return pong === 'PONG' ? { ok: true } : { ok: false, reason: `unexpected redis answer ${pong}` };
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  async stats(): Promise<Record<string, number>> {
    const c = await this.queue.getJobCounts();
    return { waiting: c.waiting, active: c.active, delayed: c.delayed, failed: c.failed };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
