import { nextRetryDelayMs } from './delivery-schedule';

describe('webhook retry schedule', () => {
  const policy = { maxAttempts: 6, baseMs: 1000, capMs: 5000 };
  it('doubles from the base, is capped, and stops after the last attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(policy, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(nextRetryDelayMs(policy, 6)).toBeNull();
    expect(nextRetryDelayMs({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });
});
