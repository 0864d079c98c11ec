import type { Queue } from 'bull';
import { currentLogger } from '../common/logging/request-context';
import { instrumentJob, withJobTrace } from '../common/observability/job-instrumentation';
import { type CompletionHook, DEFAULT_JOB_OPTIONS, type JobHandler, type JobOptions, type JobQueue } from './job-queue';

/** A Redis that does not answer must not hold an add forever (ioredis queues commands while offline). */
const ADD_TIMEOUT_MS = 5000;

/** Bull on Redis: shared by every api/worker process; Bull dedups by jobId and retries with backoff. */
export class BullJobQueue implements JobQueue {
  readonly adapter = 'bull' as const;

  constructor(
    private readonly queue: Queue,
    private readonly concurrency = 4,
  ) {}

  private readonly completionHooks: CompletionHook[] = [];

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`job queue unavailable: add timed out after ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.addNow(name, data, options), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  onCompleted(hook: CompletionHook): void {
    this.completionHooks.push(hook);
  }

  private async addNow<T>(name: string, data: T, options: JobOptions): Promise<void> {
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
        for (const hook of this.completionHooks) await hook(name, job.data);
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
