import type { DataSource } from 'typeorm';
import { HISTORY_MONTHS_AHEAD, HistoryPartitions } from './history-partitions';

describe('HistoryPartitions', () => {
  function withCalls(made = 2) {
    const calls: unknown[][] = [];
    const ds = { query: async (sql: string, params: unknown[]) => (calls.push([sql, params]), [{ made }]) } as unknown as DataSource;
    return { parts: new HistoryPartitions(ds), calls };
  }

  it('asks the owner function for the months ahead', async () => {
    const { parts, calls } = withCalls(3);
    expect(await parts.ensure()).toBe(3);
    expect(calls).toEqual([['SELECT ensure_history_partitions($1) AS made', [HISTORY_MONTHS_AHEAD]]]);
  });

  it('runs once per UTC day from the scheduler', async () => {
    const { parts, calls } = withCalls();
    expect(await parts.daily(new Date('2026-12-02T00:10:00Z'))).toBe(2);
    expect(await parts.daily(new Date('2026-12-02T23:59:00Z'))).toBeNull();
    expect(await parts.daily(new Date('2026-12-03T00:00:01Z'))).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('does not count a failed pass as done, and start-up survives it', async () => {
    let fail = true;
    const ds = { query: async () => { if (fail) throw new Error('down'); return [{ made: 0 }]; } } as unknown as DataSource;
    const parts = new HistoryPartitions(ds);
    await expect(parts.onApplicationBootstrap()).resolves.toBeUndefined();
    fail = false;
    expect(await parts.daily(new Date())).toBe(0);
  });
});
