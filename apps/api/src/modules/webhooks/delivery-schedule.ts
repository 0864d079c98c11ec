/** Retry policy of webhook deliveries: exponential back-off from `baseMs`, each delay capped at `capMs`, `maxAttempts` in all. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/** Delay before attempt `attemptsMade + 1` (attempt 2 waits `baseMs`, then ×2 each time, never above the cap); null when none is left. */
export function nextRetryDelayMs(policy: RetryPolicy, attemptsMade: number): number | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const exponent = Math.max(0, attemptsMade - 1);
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}
