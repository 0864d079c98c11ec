import { currentRequest, runWithRequestContext } from '../logging/request-context';
import { HashGate } from './hash-gate';

const deferred = (): { promise: Promise<void>; resolve: () => void } => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('HashGate', () => {
  it('runs at most `concurrency` jobs at once, the others in arrival order', async () => {
    const gate = new HashGate(2, 10);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const done = gates.map((g, i) => gate.run(async () => (started.push(i), await g.promise, i)));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(gate.state).toEqual({ running: 2, waiting: 3 });
    gates[1].resolve();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.state).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once past the queue bound, and a failed job frees its slot', async () => {
    const gate = new HashGate(1, 1);
    const g = deferred();
    const first = gate.run(() => g.promise);
    const second = gate.run(async () => 'second');
    await expect(gate.run(async () => 'third')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    g.resolve();
    await first;
    expect(await second).toBe('second');
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'after')).toBe('after');
    expect(gate.state).toEqual({ running: 0, waiting: 0 });
  });

  it('a request that has to wait gives its load-shedding slot back; one that runs at once keeps it', async () => {
    const gate = new HashGate(1, 10);
    const g = deferred();
    const released: string[] = [];
    const inRequest = <T>(id: string, work: () => Promise<T>) =>
      runWithRequestContext(id, () => {
        currentRequest()!.releaseLoadSlot = () => released.push(id);
        return gate.run(work);
      });
    const first = inRequest('first', () => g.promise);
    const second = inRequest('second', async () => 'second');
    expect(released).toEqual(['second']);
    g.resolve();
    await first;
    expect(await second).toBe('second');
  });
});
