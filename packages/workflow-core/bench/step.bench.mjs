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

let k = 0;
const coreStep = time(() => {
  const [s, e, c] = cycle[k++ % 3];
  core.step(compiled, s, e, c);
});
k = 0;
const xsStep = time(() => {
  const [s, e] = handCycle[k++ % 3];
  transition(hand, s, e);
});
const xsRestoreStep = time(() => {
  const restored = hand.resolveState({ value: persisted.value, context: {} });
  transition(hand, restored, { type: 'approve', planType: 'standard' });
});
const coreCompile = time(() => core.compileDefinition(def), 500);
const xsCompile = time(() => handWritten(), 500);

const perSec = (r) => Math.round((r.n / r.ms) * 1000);
const perOpUs = (r) => Number(((r.ms * 1000) / r.n).toFixed(2));
const result = {
  bench: 'workflow-core.step',
  node: process.version,
  definition: def.key,
  stepsPerSecond: { core: perSec(coreStep), xstateTransition: perSec(xsStep), xstateRestoreAndTransition: perSec(xsRestoreStep) },
  stepOverheadRatio: Number((perSec(xsStep) / perSec(coreStep)).toFixed(2)),
  compileMicroseconds: { core: perOpUs(coreCompile), xstateCreateMachine: perOpUs(xsCompile) },
  compileOverheadRatio: Number((perOpUs(coreCompile) / perOpUs(xsCompile)).toFixed(2)),
};
console.log(JSON.stringify(result));
