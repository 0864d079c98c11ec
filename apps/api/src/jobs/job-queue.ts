/**
 * Background jobs. Two adapters implement this port: Bull on Redis (REDIS_URL set) and an
 * in-process runner (embedded mode). Everything above the port is the same code.
 */
export interface JobOptions {
  /** Deduplication id: a job with an id already queued or done is not added again. */
  jobId?: string;
  attempts?: number;
  /** Base delay of the exponential backoff between attempts. */
  backoffMs?: number;
  delayMs?: number;
}

export type JobHandler<T = unknown> = (data: T, meta: { attempt: number; jobId: string | undefined }) => Promise<void>;

export type CompletionHook = (name: string, data: unknown) => Promise<void>;

export interface JobQueue {
  readonly adapter: 'bull' | 'in-process';
  add<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** Registers the handler of a job name; only processes that run workers register. */
  register<T>(name: string, handler: JobHandler<T>): void;
  /**
   * Runs after every handler that succeeded, before the job counts as done (the outbox marks its row
   * completed here). A hook that throws fails the job, which is then retried.
   */
  onCompleted(hook: CompletionHook): void;
  health(): Promise<{ ok: boolean; reason?: string }>;
  /** Jobs by state (waiting, active, delayed, failed), for the metrics. */
  stats(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const DEFAULT_JOB_OPTIONS: Required<Pick<JobOptions, 'attempts' | 'backoffMs'>> = { attempts: 5, backoffMs: 1000 };
