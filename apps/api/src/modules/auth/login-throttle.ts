/**
 * Per-IP sliding-window limit on sign-in attempts (in this process). Account lockout protects one
 * account; this slows one address spraying many accounts. Behind several API processes each keeps
 * its own window: the lockout, stored in the database, is the hard limit.
 */
export class LoginThrottle {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; false when the address is over the limit (the attempt is refused). */
  tryAcquire(ip: string, now: number = Date.now()): boolean {
    const since = now - this.windowMs;
    const list = (this.hits.get(ip) ?? []).filter((t) => t > since);
    if (list.length >= this.maxAttempts) {
      this.hits.set(ip, list);
      return false;
    }
    list.push(now);
    this.hits.set(ip, list);
    if (this.hits.size > 10_000) this.prune(since);
    return true;
  }

  private prune(since: number): void {
    for (const [ip, list] of this.hits) if (!list.some((t) => t > since)) this.hits.delete(ip);
  }
}
