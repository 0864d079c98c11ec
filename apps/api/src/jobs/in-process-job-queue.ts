import { currentLogger } from '../common/logging/request-context';
import { instrumentJob, withJobTrace } from '../common/observability/job-instrumentation';
import { type CompletionHook, DEFAULT_JOB_OPTIONS, type JobHandler, type JobOptions, type JobQueue } from './job-queue';

interface PendingJob {
  name: string;
  data: unknown;
  jobId: string | undefined;
  attempt: number;
  options: Required<Pick<JobOptions, 'attempts' | 'backoffMs'>>;
}

/**
 * The embedded job runner: same contract as Bull (dedup by jobId, retries with exponential
 * backoff), run on this process's event loop. Jobs waiting in memory are lost with the process;
 * that is acceptable only because durable work (timers, outbox) lives in the database and is
 * re-dispatched from there.
 */
export class InProcessJobQueue implements JobQueue {
  readonly adapter = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly completionHooks: CompletionHook[] = [];
  private readonly seen = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private failed = 0;
  private closed = false;

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('job queue closed');
    if (options.jobId) {
      const key = `${name}:${options.jobId}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
      if (this.seen.size > 100_000) this.seen.delete(this.seen.values().next().value as string);
    }
    const job: PendingJob = {
      name,
      data: withJobTrace(data),
      jobId: options.jobId,
      attempt: 1,
      options: { attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts, backoffMs: options.backoffMs ?? DEFAULT_JOB_OPTIONS.backoffMs },
    };
    this.schedule(job, options.delayMs ?? 0);
  }

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, instrumentJob(name, handler) as JobHandler);
  }

  onCompleted(hook: CompletionHook): void {
    this.completionHooks.push(hook);
  }

  async health(): Promise<{ ok: boolean; reason?: string }> {
    return this.closed ? { ok: false, reason: 'job runner stopped' } : { ok: true };
  }

  async stats(): Promise<Record<string, number>> {
    // Timers hold both due and delayed jobs here; a job waits in memory only until its timer fires.
    return { waiting: this.timers.size, active: this.inFlight, delayed: 0, failed: this.failed };
  }

  /** Resolves when no job is running or waiting (tests use it to wait for side effects). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while ((this.inFlight > 0 || this.timers.size > 0) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(job: PendingJob, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run(job);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(job: PendingJob): Promise<void> {
    if (this.closed) return;
    const handler = this.handlers.get(job.name);
    if (!handler) {
      currentLogger().warn({ job: job.name }, 'no handler registered for job; dropped');
      return;
    }
    this.inFlight++;
    try {
      await handler(job.data, { attempt: job.attempt, jobId: job.jobId });
      for (const hook of this.completionHooks) await hook(job.name, job.data);
    } catch (err) {
      if (job.attempt < job.options.attempts) {
        const delay = job.options.backoffMs * 2 ** (job.attempt - 1);
        currentLogger().warn({ err, job: job.name, attempt: job.attempt, retryInMs: delay }, 'job failed; retrying');
        this.schedule({ ...job, attempt: job.attempt + 1 }, delay);
      } else {
        this.failed++;
        currentLogger().error({ err, job: job.name, attempt: job.attempt }, 'job failed; giving up');
      }
    } finally {
      this.inFlight--;
    }
  }
}
