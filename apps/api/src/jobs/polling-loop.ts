import { currentLogger } from '../common/logging/request-context';

/** When a loop runs: AppConfig.scheduler (SCHEDULER_ENABLED, SCHEDULER_INTERVAL_MS). */
export interface PollingSchedule {
  enabled: boolean;
  intervalMs: number;
}

/**
 * The polling loop of the schedulers (the runtime's `WorkflowScheduler`, org's `ReorganisationScheduler`): a pass
 * every `intervalMs` on a timer that does not keep the process alive, at most one pass at a time in this process
 * (a pass still running when the timer fires again, or called directly by a test, is skipped), and a failed pass
 * logged and left for the next one. Several processes may poll: what a pass claims is the caller's to lock.
 */
export class PollingLoop {
  private handle: NodeJS.Timeout | null = null;
  private running = false;

  /** `name` labels the log line of a failed pass; `tick` is the pass the timer starts (it calls `once`). */
  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<unknown>,
  ) {}

  start(schedule: PollingSchedule): void {
    if (!schedule.enabled || this.handle) return;
    this.handle = setInterval(() => void this.tick(), schedule.intervalMs);
    this.handle.unref();
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }

  /**
   * Runs one pass unless one is running (then `skipped` at once). A pass that throws is logged as
   * `<name> tick failed`, reported to `onFailure`, and answers `skipped` (an object the pass fills keeps what it did).
   */
  async once<T>(pass: () => Promise<T>, skipped: T, onFailure?: (err: unknown) => void): Promise<T> {
    if (this.running) return skipped;
    this.running = true;
    try {
      return await pass();
    } catch (err) {
      onFailure?.(err);
      currentLogger().warn({ err }, `${this.name} tick failed`);
      return skipped;
    } finally {
      this.running = false;
    }
  }
}
