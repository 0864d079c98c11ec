import { InProcessJobQueue } from './in-process-job-queue';

describe('InProcessJobQueue', () => {
  it('runs a job once per jobId and retries failures with backoff', async () => {
    const q = new InProcessJobQueue();
    const seen: Array<{ n: number; attempt: number }> = [];
    q.register<{ n: number }>('work', async (data, meta) => {
      seen.push({ n: data.n, attempt: meta.attempt });
      if (data.n === 2 && meta.attempt < 3) throw new Error('flaky');
    });
    await q.add('work', { n: 1 }, { jobId: 'a' });
    await q.add('work', { n: 1 }, { jobId: 'a' });
    await q.add('work', { n: 2 }, { jobId: 'b', backoffMs: 5 });
    await q.drain();
    expect(seen.filter((s) => s.n === 1)).toHaveLength(1);
    expect(seen.filter((s) => s.n === 2).map((s) => s.attempt)).toEqual([1, 2, 3]);
    await q.close();
    expect((await q.health()).ok).toBe(false);
  });
});
