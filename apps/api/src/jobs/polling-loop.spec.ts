import { PollingLoop } from './polling-loop';

describe('PollingLoop', () => {
  it('runs one pass at a time: a pass called while one runs is skipped', async () => {
    const loop = new PollingLoop('test', async () => undefined);
    let release!: () => void;
    const first = loop.once(() => new Promise<string>((r) => (release = () => r('first'))), 'skipped');
    await expect(loop.once(async () => 'second', 'skipped')).resolves.toBe('skipped');
    release();
    await expect(first).resolves.toBe('first');
    // Done: the next pass runs.
    await expect(loop.once(async () => 'third', 'skipped')).resolves.toBe('third');
  });

  it('a failed pass is reported, answers the skipped value and frees the loop', async () => {
    const loop = new PollingLoop('test', async () => undefined);
    const failures: unknown[] = [];
    const out = { done: 0 };
    const r = await loop.once(
      async () => {
        out.done++;
        throw new Error('boom');
      },
      out,
      (err) => failures.push(err),
    );
    expect(r).toBe(out);
    expect(out.done).toBe(1);
    expect(failures).toHaveLength(1);
    await expect(loop.once(async () => 'next', 'skipped')).resolves.toBe('next');
  });

  it('starts its timer only when enabled, and stop clears it', () => {
    jest.useFakeTimers();
    try {
      const tick = jest.fn(async () => undefined);
      const off = new PollingLoop('off', tick);
      off.start({ enabled: false, intervalMs: 10 });
      const on = new PollingLoop('on', tick);
      on.start({ enabled: true, intervalMs: 10 });
      on.start({ enabled: true, intervalMs: 10 }); // a second start keeps the one timer
      jest.advanceTimersByTime(35);
      expect(tick).toHaveBeenCalledTimes(3);
      on.stop();
      jest.advanceTimersByTime(50);
      expect(tick).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
