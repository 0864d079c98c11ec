import { availableParallelism } from 'node:os';
import { AppError } from '../errors/app-error';
import { currentRequest } from '../logging/request-context';

/**
 * Bounded concurrency in front of password hashing (issue 17, line 3). argon2 runs on libuv's thread pool,
 * off the event loop, but a burst of sign-ins would otherwise start every hash at once: each takes its memory
 * and a pool thread, the CPUs are shared among all of them (so every sign-in of the burst finishes late, together)
 * and the pool threads the rest of the process needs (files, DNS, crypto) are all busy. The gate lets
 * `concurrency` hashes run (one per core: issue 17 measured cores − 1 = 1 on 2 cores to halve the burst's
 * throughput for no gain to the other requests, docs/benchmarks.md) and queues the others in arrival order;
 * past `maxQueue` waiting, a sign-in is refused at once (503 with Retry-After) instead of waiting for
 * minutes. The bound (1,000) is above the 200-sign-in burst the aim is stated for, so no sign-in of that
 * burst is refused to make the others' latency look better. A request that has to wait gives its load-shedding slot back (`releaseLoadSlot`):
 * this queue is bounded by `maxQueue`, and the other requests should not be shed behind parked sign-ins.
 */
/** Hashes run at once: one per core. */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism());

export class HashGate {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly concurrency = HASH_CONCURRENCY,
    readonly maxQueue = 1000,
  ) {}

  /** How many hashes run and wait now (for tests and metrics). */
  get state(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= this.maxQueue) throw new AppError('SERVICE_UNAVAILABLE', { details: { reason: 'password hashing queue is full' } });
      currentRequest()?.releaseLoadSlot?.();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      // The slot passes to the next waiter as is; only when nobody waits is it given back.
      if (next) next();
      else this.running -= 1;
    }
  }
}
