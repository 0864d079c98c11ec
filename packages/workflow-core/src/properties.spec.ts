import fc from 'fast-check';
import { compileDefinition } from './compile';
import type { StageSpec, TransitionSpec, WorkflowDefinition } from './definition-types';
import type { WorkItemEvent } from './event-types';
import { step } from './step';
import type { WorkItemSnapshot } from './snapshot-types';
import { validateDefinition } from './validate-definition';
import { planChildren } from './units';
import { SYSTEM, ctxFor, user } from './__fixtures__/world';
import type { Actor } from './context-types';
import type { Role } from './roles';

const ROLES_AT: Array<[Role, 'own' | 'parent']> = [
  ['officer', 'own'],
  ['supervisor', 'parent'],
  ['supervisor', 'own'],
];

/** A generated definition: a chain of task stages with random extra transitions, guards and distinctFrom links. */
const definitionArb = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    roles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    extras: fc.array(fc.record({ from: fc.nat(4), to: fc.nat(6), on: fc.constantFrom('return', 'reject', 'forward', 'withdraw', 'cancel', 'approve') as fc.Arbitrary<TransitionSpec['on']>, guard: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) }), { maxLength: 8 }),
    distinct: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { maxLength: 3 }),
    submitterRule: fc.boolean(),
  })
  .map(({ n, roles, extras, distinct, submitterRule }) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const finals = ['approved', 'rejected', 'cancelled'];
    const all = [...ids, ...finals];
    const stages: Record<string, StageSpec> = {};
    ids.forEach((id, i) => {
      const [role, unit] = ROLES_AT[roles[i]];
      stages[id] = {
        kind: 'task',
        name: { vi: id },
        actor: { role, unit: { kind: unit } },
        transitions: [
          { on: i === 0 ? 'submit' : 'approve', target: i + 1 < n ? ids[i + 1] : 'approved' },
          { on: 'cancel', target: 'cancelled' },
          ...(i === n - 1 ? [{ on: 'reject' as const, target: 'rejected' }] : []),
        ],
      };
    });
    for (const e of extras) {
      const from = ids[e.from % n];
      const idx = e.to % all.length;
      let target = all[idx];
      if (e.on === 'return' || e.on === 'withdraw') target = ids[Math.min(idx, e.from % n)];
      if (target === from && (e.on === 'return' || e.on === 'withdraw')) continue;
      const t: TransitionSpec = { on: e.on, target };
      if (e.guard !== undefined) t.guard = { op: '>=', left: { field: 'data.score' }, right: { const: e.guard } };
      if (e.on === 'withdraw') t.by = 'submitter';
      stages[from].transitions?.unshift(t);
    }
    for (const [a, b] of distinct) if (a % n !== b % n) stages[ids[a % n]].distinctFrom = [ids[b % n]];
    stages.approved = { kind: 'final', outcome: 'approved', name: { vi: 'ok' } };
    stages.rejected = { kind: 'final', outcome: 'rejected', name: { vi: 'no' } };
    stages.cancelled = { kind: 'final', outcome: 'cancelled', name: { vi: 'x' } };
    const def: WorkflowDefinition = {
      schemaVersion: 1,
      key: 'gen',
      version: 1,
      name: { vi: 'gen' },
      initialStage: 's0',
      dataFields: [{ name: 'score', type: 'integer' }],
      separationOfDuties: { submitterCannotApprove: submitterRule },
      stages,
    };
    return def;
  });

const ACTORS: Actor[] = [
  user('u-off', ['officer', 'g1']),
  user('u-off2', ['officer', 'g1']),
  user('u-sup', ['supervisor', 'up1']),
  user('u-sup2', ['supervisor', 'up1']),
  user('u-multi', ['officer', 'g1'], ['supervisor', 'up1'], ['supervisor', 'g1']),
  user('u-admin', ['admin', 'prov']),
  SYSTEM,
];

const eventArb: fc.Arbitrary<WorkItemEvent> = fc.oneof(
  fc.constantFrom<WorkItemEvent>(
    { type: 'submit' },
    { type: 'approve' },
    { type: 'return', comment: 'c' },
    { type: 'return' },
    { type: 'reject', comment: 'c' },
    { type: 'forward' },
    { type: 'withdraw' },
    { type: 'cancel' },
    { type: 'claim' },
    { type: 'release' },
    { type: 'suspend' },
    { type: 'resume' },
    { type: 'skip', reason: 'r' },
    { type: 'vote.cast', choice: 'yes' },
    { type: 'close' },
  ),
  fc.constantFrom('s0', 's1', 's2', 's3').map((s): WorkItemEvent => ({ type: 'redo', stage: s })),
  fc.constantFrom('s0', 's1', 's2').map((s): WorkItemEvent => ({ type: 'return', comment: 'c', toStage: s })),
  fc.constantFrom('u-sup', 'u-off').map((u): WorkItemEvent => ({ type: 'handover', toUserId: u })),
);

const DECISIONS = ['approve', 'reject', 'forward', 'return', 'acknowledge'];

describe('properties over generated definitions and event sequences', () => {
  it('stages stay declared, one stage or final, separation of duties holds, finals accept nothing', () => {
    fc.assert(
      fc.property(
        definitionArb,
        fc.array(fc.tuple(eventArb, fc.nat(ACTORS.length - 1), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 30 }),
        (def, events) => {
          expect(validateDefinition(def)).toEqual([]);
          const compiled = compileDefinition(def);
          let snap: WorkItemSnapshot | null = null;
          const now = '2025-03-03T02:00:00.000Z';
          for (const [event, ai, score] of events) {
            const actor = ACTORS[ai];
            const r = step(compiled, snap, event, ctxFor(actor, now, 'g1', { score }));
            if (snap?.status === 'final') {
              expect(r.ok).toBe(false);
              if (!r.ok) expect(r.refusal.code).toBe('ITEM_FINAL');
              continue;
            }
            if (!r.ok) continue;
            const s = r.snapshot;
            expect(Object.keys(def.stages)).toContain(s.stage);
            expect(s.machine.value).toBe(s.stage);
            expect(s.status === 'final').toBe(def.stages[s.stage].kind === 'final');
            expect(['active', 'suspended', 'final']).toContain(s.status);
            if (def.separationOfDuties?.submitterCannotApprove !== false && DECISIONS.includes(event.type) && !actor.isSystem) {
              expect(actor.userId).not.toBe(snap?.submitterId ?? s.submitterId);
            }
            for (const [id, st] of Object.entries(def.stages)) {
              for (const other of st.distinctFrom ?? []) {
                const a = s.acted[id]?.userId;
                if (a !== undefined) expect(s.acted[other]?.userId).not.toBe(a);
              }
            }
            expect(JSON.parse(JSON.stringify(s))).toEqual(s);
            snap = s;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a fan-out never spawns two children for one unit', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e')), fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'))), (initial, rounds) => {
        const spawned: string[] = [];
        let existing: string[] = [...new Set<string>(initial)];
        for (const selected of rounds) {
          const plan = planChildren(existing, selected);
          expect(new Set(plan.spawn).size).toBe(plan.spawn.length);
          for (const u of plan.spawn) expect(existing).not.toContain(u);
          spawned.push(...plan.spawn);
          existing = [...existing, ...plan.spawn];
          expect(planChildren(existing, selected).spawn).toEqual([]);
        }
        expect(new Set(spawned).size).toBe(spawned.length);
      }),
    );
  });
});
