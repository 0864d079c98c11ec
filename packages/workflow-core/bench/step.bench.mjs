// Steps per second of workflow-core's `step` and compile time of a definition, each against plain XState
// `transition` on an equivalent hand-written machine, in the same run. Run after `npm run build`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const core = require('../dist/index.js');
const { setup, transition, initialTransition } = require('xstate');

const tree = core.memoryTree([
  { id: 'prov', code: 'P', kind: 'province_federation', parentId: null },
  { id: 'up1', code: 'U', kind: 'upper_union', parentId: 'prov' },
  { id: 'g1', code: 'G', kind: 'grassroots_union', parentId: 'up1' },
]);
const officer = { userId: 'o', roles: [{ role: 'officer', unitId: 'g1' }] };
const supervisor = { userId: 's', roles: [{ role: 'supervisor', unitId: 'up1' }] };
const data = { goals: 'g', measures: 'm', timeline: 't', models: [{ name: 'x' }] };
const ctx = (actor) => ({ actor, now: '2025-03-03T02:00:00.000Z', item: { id: 'i', unitId: 'g1', data, submitterId: null }, tree });

function handWritten() {
  return setup({
    types: { context: {}, events: {} },
    guards: { sector: ({ event }) => event.planType === 'sector' },
  }).createMachine({
    id: 'unit_plan_hand',
    initial: 'draft',
    states: {
      draft: { on: { submit: 'review', cancel: 'cancelled' } },
      review: { on: { approve: [{ target: 'second_review', guard: 'sector' }, { target: 'approved' }], return: 'draft', reject: 'rejected', withdraw: 'draft', cancel: 'cancelled' } },
      second_review: { on: { approve: 'approved', return: 'draft' } },
      approved: { type: 'final' },
      rejected: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

function time(fn, minMs = 1000) {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i += 1) fn();
    n += 100;
    elapsed = performance.now() - start;
  }
  return { n, ms: elapsed };
}

const def = core.unitPlanDefinition;
const compiled = core.compileDefinition(def);
const created = core.step(compiled, null, { type: 'create' }, ctx(officer)).snapshot;
const submitted = core.step(compiled, created, { type: 'submit' }, ctx(officer)).snapshot;
const cycle = [
  [created, { type: 'submit' }, ctx(officer)],
  [submitted, { type: 'return', comment: 'c' }, ctx(supervisor)],
  [submitted, { type: 'approve' }, ctx(supervisor)],
];
for (const [s, e, c] of cycle) if (!core.step(compiled, s, e, c).ok) throw new Error(`bench setup refused ${e.type}`);

const hand = handWritten();
const [h0] = initialTransition(hand);
const [h1] = transition(hand, h0, { type: 'submit' });
const handCycle = [
  [h0, { type: 'submit' }],
  [h1, { type: 'return' }],
  [h1, { type: 'approve', planType: 'standard' }],
];
// XState-only baseline that also restores from the persisted form, as the core must.
const persisted = JSON.parse(JSON.stringify(hand.getPersistedSnapshot(h1)));

for (let i = 0; i < 2000; i += 1) {
  core.step(compiled, ...cycle[i % 3]);
  transition(hand, ...handCycle[i % 3]);
}

// Windows of 3 s (1.5 s for compiles), 3 repeats interleaved (core, then its XState reference, each time), so a
// shared machine's load falls on both sides alike; min and median of each figure and of each repeat's ratio.
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const perSec = (r) => Math.round((r.n / r.ms) * 1000);
const perOpUs = (r) => Number(((r.ms * 1000) / r.n).toFixed(2));
const spread = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return { min: v[0], median: v[Math.floor(v.length / 2)] };
};
const reps = [];
for (let rep = 0; rep < REPEATS; rep += 1) {
  let k = 0;
  const coreStep = time(() => {
    const [s, e, c] = cycle[k++ % 3];
    core.step(compiled, s, e, c);
  }, 3000);
  k = 0;
  const xsStep = time(() => {
    const [s, e] = handCycle[k++ % 3];
    transition(hand, s, e);
  }, 3000);
  const xsRestoreStep = time(() => {
    const restored = hand.resolveState({ value: persisted.value, context: {} });
    transition(hand, restored, { type: 'approve', planType: 'standard' });
  }, 3000);
  const coreCompile = time(() => core.compileDefinition(def), 1500);
  const xsCompile = time(() => handWritten(), 1500);
  reps.push({
    core: perSec(coreStep),
    xstate: perSec(xsStep),
    xstateRestore: perSec(xsRestoreStep),
    compileCoreUs: perOpUs(coreCompile),
    compileXstateUs: perOpUs(xsCompile),
  });
}
const result = {
  bench: 'workflow-core.step',
  node: process.version,
  definition: def.key,
  repeats: REPEATS,
  loadavg: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100),
  stepsPerSecond: { core: spread(reps.map((r) => r.core)), xstateTransition: spread(reps.map((r) => r.xstate)), xstateRestoreAndTransition: spread(reps.map((r) => r.xstateRestore)) },
  stepOverheadRatio: spread(reps.map((r) => Number((r.xstate / r.core).toFixed(2)))),
  compileMicroseconds: { core: spread(reps.map((r) => r.compileCoreUs)), xstateCreateMachine: spread(reps.map((r) => r.compileXstateUs)) },
  compileOverheadRatio: spread(reps.map((r) => Number((r.compileCoreUs / r.compileXstateUs).toFixed(2)))),
  runs: reps,
};
console.log(JSON.stringify(result));
