import { afterAllocation, allocate, seededUnit, type AllocationCandidate, type AllocationInput } from './allocation';
import { compileDefinition } from './compile';
import type { Assignment, WorkflowDefinition } from './definition-types';
import { step } from './step';
import { validateDefinition } from './validate-definition';
import { ctxFor, officerG1, supUp1, user } from './__fixtures__/world';
import type { StepContext } from './context-types';
import type { WorkItemSnapshot } from './snapshot-types';

const c = (userId: string, openCount = 0, lastAllocatedAt: string | null = null, capabilities: string[] = []): AllocationCandidate => ({ userId, openCount, lastAllocatedAt, capabilities });
const input = (candidates: AllocationCandidate[], extra: Partial<AllocationInput> = {}): AllocationInput => ({ candidates, lastAllocatedUserId: null, seed: 's', ...extra });

describe('allocate: the strategies (issue 15, line 6)', () => {
  it('round robin goes to the next person after the last one, in user order, wrapping; the cursor may have left', () => {
    const people = [c('u3'), c('u1'), c('u2')];
    let last: string | null = null;
    const got: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = allocate({ strategy: 'round_robin' }, input(people, { lastAllocatedUserId: last }));
      if (!('userId' in d)) throw new Error('no allocation');
      got.push(d.userId);
      last = d.userId;
    }
    expect(got).toEqual(['u1', 'u2', 'u3', 'u1', 'u2']);
    // u2 left the role: the one after u2 is u3.
    expect(allocate({ strategy: 'round_robin' }, input([c('u1'), c('u3')], { lastAllocatedUserId: 'u2' }))).toMatchObject({ userId: 'u3' });
  });

  it('afterAllocation: a batch allocated in one pass decides as one allocation after another would', () => {
    const people = [c('u1', 2, '2026-01-01T00:00:00.000Z'), c('u2', 0, null), c('u3', 1, '2025-12-01T00:00:00.000Z')];
    const run = (strategy: 'round_robin' | 'shortest_queue' | 'least_recently_allocated'): string[] => {
      let inp = input(people);
      const got: string[] = [];
      for (let i = 0; i < 6; i++) {
        const d = allocate({ strategy }, inp);
        if (!('userId' in d)) throw new Error('no allocation');
        got.push(d.userId);
        inp = afterAllocation(inp, d.userId, `2026-02-0${i + 1}T00:00:00.000Z`);
      }
      return got;
    };
    expect(run('round_robin')).toEqual(['u1', 'u2', 'u3', 'u1', 'u2', 'u3']);
    // Queues 2,0,1: u2 twice (0 then 1, tie with u3 broken by id), then u3, then all at 2 by id.
    expect(run('shortest_queue')).toEqual(['u2', 'u2', 'u3', 'u1', 'u2', 'u3']);
    expect(run('least_recently_allocated')).toEqual(['u2', 'u3', 'u1', 'u2', 'u3', 'u1']);
    const after = afterAllocation(input(people), 'u3', 'T');
    expect(after.lastAllocatedUserId).toBe('u3');
    expect(after.candidates.find((x) => x.userId === 'u3')).toMatchObject({ openCount: 2, lastAllocatedAt: 'T' });
    expect(after.candidates.find((x) => x.userId === 'u1')).toEqual(people[0]);
  });

  it('shortest queue takes whoever holds the fewest open items, ties by user id', () => {
    expect(allocate({ strategy: 'shortest_queue' }, input([c('a', 4), c('b', 1), c('c', 2)]))).toMatchObject({ userId: 'b', considered: 3 });
    expect(allocate({ strategy: 'shortest_queue' }, input([c('z', 1), c('b', 1), c('c', 2)]))).toMatchObject({ userId: 'b' });
  });

  it('random is deterministic per seed and spreads over the candidates', () => {
    const people = [c('a'), c('b'), c('c')];
    const first = allocate({ strategy: 'random' }, input(people, { seed: 'item-1:2' }));
    expect(allocate({ strategy: 'random' }, input(people, { seed: 'item-1:2' }))).toEqual(first);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 300; i++) {
      const d = allocate({ strategy: 'random' }, input(people, { seed: `item-${i}:2` }));
      if ('userId' in d) counts[d.userId] += 1;
    }
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(60);
    expect(seededUnit('x')).toBeGreaterThanOrEqual(0);
    expect(seededUnit('x')).toBeLessThan(1);
  });

  it('capability keeps the people carrying the attribute (case and spacing aside), then shortest queue or `then`', () => {
    const k = 'chuyên trách thi đua – khen thưởng';
    const people = [c('a', 0, null, []), c('b', 3, '2025-01-02T00:00:00Z', [k]), c('c', 1, '2025-01-01T00:00:00Z', ['Chuyên trách thi đua – khen thưởng '])];
    expect(allocate({ strategy: 'capability', capability: k }, input(people))).toMatchObject({ userId: 'c', considered: 2 });
    expect(allocate({ strategy: 'capability', capability: k, then: 'round_robin' }, input(people, { lastAllocatedUserId: 'b' }))).toMatchObject({ userId: 'c' });
    expect(allocate({ strategy: 'capability', capability: 'kế toán' }, input(people))).toEqual({ fallback: 'no_capable_candidate', strategy: 'capability', considered: 0 });
  });

  it('least recently allocated prefers never, then the oldest allocation', () => {
    expect(allocate({ strategy: 'least_recently_allocated' }, input([c('a', 0, '2025-01-03T00:00:00Z'), c('b', 0, '2025-01-01T00:00:00Z'), c('c', 0, '2025-01-02T00:00:00Z')]))).toMatchObject({ userId: 'b' });
    expect(allocate({ strategy: 'least_recently_allocated' }, input([c('a', 0, '2025-01-01T00:00:00Z'), c('d', 0, null)]))).toMatchObject({ userId: 'd' });
  });

  it('separation of duties filters first; nobody left is a fallback with the reason', () => {
    expect(allocate({ strategy: 'shortest_queue' }, input([c('a', 0), c('b', 5)]), new Set(['a']))).toMatchObject({ userId: 'b', considered: 1 });
    expect(allocate({ strategy: 'round_robin' }, input([c('a')]), new Set(['a']))).toEqual({ fallback: 'all_excluded', strategy: 'round_robin', considered: 0 });
    expect(allocate({ strategy: 'random' }, input([]))).toEqual({ fallback: 'no_candidates', strategy: 'random', considered: 0 });
  });
});

function definition(assignment: Assignment, actorExtra: Record<string, unknown> = {}): WorkflowDefinition {
  return {
    schemaVersion: 1,
    key: 'alloc_lab',
    version: 1,
    name: { vi: 'Phân công' },
    initialStage: 'draft',
    dataFields: [{ name: 'reviewRole', type: 'string' }],
    stages: {
      draft: { kind: 'task', name: { vi: 'Soạn' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
      review: { kind: 'task', name: { vi: 'Duyệt' }, actor: { role: 'supervisor', unit: { kind: 'parent' }, assignment, ...actorExtra }, transitions: [{ on: 'approve', target: 'sign' }, { on: 'return' }] },
      sign: { kind: 'task', name: { vi: 'Ký' }, actor: { role: 'supervisor', unit: { kind: 'parent' }, chained: true, start: 'on_allocation' }, transitions: [{ on: 'approve', target: 'done' }] },
      done: { kind: 'final', name: { vi: 'Xong' }, outcome: 'approved' },
    },
  };
}
const t0 = '2025-03-07T02:00:00.000Z';
const candidates = [c('sup-a', 2), c('sup-b', 0), c('off-g1', 0)];

function submitted(def: WorkflowDefinition, extra: Partial<StepContext> = {}, data = {}): { snapshot: WorkItemSnapshot; audit: unknown[]; records: unknown[] } {
  const compiled = compileDefinition(def);
  const created = step(compiled, null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data));
  if (!created.ok) throw new Error(created.refusal.message);
  const r = step(compiled, created.snapshot, { type: 'submit' }, { ...ctxFor(officerG1, t0, 'g1', data), submitterId: 'off-g1', ...extra } as StepContext);
  if (!r.ok) throw new Error(r.refusal.message);
  return { snapshot: r.snapshot, audit: r.effects.filter((e) => e.type === 'audit'), records: r.effects.filter((e) => e.type === 'record_allocation') };
}

describe('allocation on stage entry (step)', () => {
  it('allocates by the strategy to a non-barred holder, records it and the history row says why', () => {
    const allocation = jestFn();
    const r = submitted(definition({ mode: 'allocate', strategy: 'shortest_queue' }), { allocation: allocation.fn });
    expect(allocation.calls).toEqual([['review', 'up1', 'supervisor']]);
    // off-g1 submitted and review decides: barred before choosing (sup-b has the shortest queue anyway; off-g1 ties it).
    expect(r.snapshot.assignment).toMatchObject({ unitId: 'up1', role: 'supervisor', mode: 'offer', claimedBy: 'sup-b' });
    expect(r.snapshot.assignment?.startedAt).toBeUndefined();
    expect(r.records).toEqual([{ type: 'record_allocation', stage: 'review', unitId: 'up1', role: 'supervisor', userId: 'sup-b', strategy: 'shortest_queue' }]);
    expect(r.audit).toContainEqual(expect.objectContaining({ action: 'allocation.allocated', details: { stage: 'review', strategy: 'shortest_queue', userId: 'sup-b', considered: 2 } }));
  });

  it('falls back to an offer when nobody qualifies, recording the reason; without inputs it simply offers', () => {
    const r = submitted(definition({ mode: 'allocate', strategy: 'capability', capability: 'kế toán' }), { allocation: () => ({ candidates, lastAllocatedUserId: null, seed: 's' }) });
    expect(r.snapshot.assignment).toEqual({ unitId: 'up1', role: 'supervisor', mode: 'offer' });
    expect(r.audit).toContainEqual(expect.objectContaining({ action: 'allocation.fallback', details: { stage: 'review', strategy: 'capability', reason: 'no_capable_candidate', offeredTo: 'supervisor' } }));
    expect(submitted(definition({ mode: 'allocate', strategy: 'random' })).snapshot.assignment).toEqual({ unitId: 'up1', role: 'supervisor', mode: 'offer' });
  });

  it('start on creation / on allocation puts the allocated or named item in the started state', () => {
    const onCreation = submitted(definition({ mode: 'allocate', strategy: 'round_robin' }, { start: 'on_creation' }), { allocation: () => ({ candidates, lastAllocatedUserId: 'sup-a', seed: 's' }) });
    expect(onCreation.snapshot.assignment).toMatchObject({ claimedBy: 'sup-b', startedAt: t0 });
    const offered = submitted(definition({ mode: 'offer' }, { start: 'on_allocation' }));
    expect(offered.snapshot.assignment?.startedAt).toBeUndefined();
    const compiled = compileDefinition(definition({ mode: 'offer' }, { start: 'on_allocation' }));
    const claimed = step(compiled, offered.snapshot, { type: 'claim' }, ctxFor(supUp1, '2025-03-07T03:00:00.000Z', 'g1'));
    expect(claimed.ok && claimed.snapshot.assignment).toMatchObject({ claimedBy: 'sup-up1', startedAt: '2025-03-07T03:00:00.000Z' });
  });

  it('chained: the next stage goes on with the same person, started, when they may act there', () => {
    const compiled = compileDefinition(definition({ mode: 'offer' }));
    const r = submitted(definition({ mode: 'offer' }));
    const approved = step(compiled, r.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', {}, { holdsRole: (u, role, unit) => u === 'sup-up1' && role === 'supervisor' && unit === 'up1' }));
    if (!approved.ok) throw new Error(approved.refusal.message);
    expect(approved.snapshot.stage).toBe('sign');
    expect(approved.snapshot.assignment).toMatchObject({ claimedBy: 'sup-up1', startedAt: t0 });
    // Someone who cannot act at the next stage does not chain: it is offered.
    const other = step(compiled, r.snapshot, { type: 'approve' }, ctxFor(user('sup-up1', ['supervisor', 'up1']), t0, 'g1', {}, { holdsRole: () => false }));
    expect(other.ok && other.snapshot.assignment).toEqual({ unitId: 'up1', role: 'supervisor', mode: 'offer' });
  });

  it('deferred to a role named in the data: offered to that role at the stage unit', () => {
    const r = submitted(definition({ mode: 'role_from_data', field: 'reviewRole' }), {}, { reviewRole: 'council_secretary' });
    expect(r.snapshot.assignment).toEqual({ unitId: 'up1', role: 'council_secretary', mode: 'offer' });
    expect(submitted(definition({ mode: 'role_from_data', field: 'reviewRole' })).snapshot.assignment?.role).toBe('supervisor');
  });
});

describe('validator: allocation keys', () => {
  const codes = (d: unknown) => validateDefinition(d).map((p) => `${p.path} ${p.code}`);
  it('accepts every strategy and refuses unknown strategies and keys with their paths', () => {
    expect(validateDefinition(definition({ mode: 'allocate', strategy: 'least_recently_allocated' }))).toEqual([]);
    expect(validateDefinition(definition({ mode: 'allocate', strategy: 'capability', capability: 'kế toán', then: 'random' }))).toEqual([]);
    expect(codes(definition({ mode: 'allocate', strategy: 'fastest' as never }))).toContain('stages.review.actor.assignment.strategy unknown_strategy');
    expect(codes(definition({ mode: 'allocate', strategy: 'capability' }))).toContain('stages.review.actor.assignment.capability missing_capability');
    expect(codes(definition({ mode: 'allocate', strategy: 'random', then: 'random' } as never))).toContain('stages.review.actor.assignment.then unknown_strategy');
    expect(codes(definition({ mode: 'allocate', strategy: 'random', seed: 3 } as never)).some((x) => x.startsWith('stages.review.actor.assignment') && x.includes('unknown_key'))).toBe(true);
    expect(codes(definition({ mode: 'role_from_data', field: 'nope' }))).toContain('stages.review.actor.assignment.field unknown_field');
    expect(codes(definition({ mode: 'offer' }, { start: 'later' }))).toContain('stages.review.actor.start shape.start');
  });
});

function jestFn(): { fn: NonNullable<StepContext['allocation']>; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return { calls, fn: (...args) => (calls.push(args), { candidates, lastAllocatedUserId: null, seed: 's' }) };
}
