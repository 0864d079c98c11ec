import { compileDefinition } from './compile';
import type { WorkflowDefinition } from './definition-types';
import { checkHooks, stagesTagged, stagesWithHook, workflowMatches, type HookCatalogue } from './hooks';
import { validateDefinition } from './validate-definition';
import { labDefinition } from './__fixtures__/lab-definition';
import { runner } from './__fixtures__/steps';
import { officerG1, supUp1, ctxFor } from './__fixtures__/world';

function withHooks(fn: (d: WorkflowDefinition) => void): WorkflowDefinition {
  const d = structuredClone(labDefinition);
  fn(d);
  return d;
}

const catalogue: HookCatalogue = {
  contracts: {
    'lab.submitted': { on: ['enter'], stageKinds: ['task'] },
    'lab.closed': { on: ['enter'], stageKinds: ['final'], outcomes: ['approved', 'rejected'], requiresFields: ['score'] },
    'lab.left': {},
    'lab.needs_budget': { requiresFields: ['budget'] },
  },
  required: [
    { workflow: 'lab', hook: 'lab.closed', min: 2, max: 2 },
    { workflow: 'other_*', hook: 'lab.submitted' },
  ],
};

const hooked = withHooks((d) => {
  d.stages.check.hooks = [{ name: 'lab.submitted', on: 'enter' }, { name: 'lab.left', on: 'leave' }];
  d.stages.check.tags = ['lab.review'];
  d.stages.done.hooks = [{ name: 'lab.closed', on: 'enter' }];
  d.stages.rejected.hooks = [{ name: 'lab.closed', on: 'enter' }];
});

const codes = (d: unknown, c: HookCatalogue = catalogue) => validateDefinition(d, { hooks: c }).map((p) => `${p.path}|${p.code}`);

describe('stage hooks: validation against the catalogue', () => {
  it('accepts hooks used as their contracts say, and ignores hooks without a catalogue', () => {
    expect(codes(hooked)).toEqual([]);
    expect(validateDefinition(hooked)).toEqual([]);
  });

  it('reports unknown, misplaced and misused hooks with their paths', () => {
    const bad = withHooks((d) => {
      d.stages.draft.hooks = [{ name: 'lab.nope', on: 'enter' }, { name: 'lab.submitted', on: 'leave' }, { name: 'lab.needs_budget', on: 'enter' }];
      d.stages.check.hooks = [{ name: 'lab.closed', on: 'enter' }, { name: 'lab.left', on: 'leave' }, { name: 'lab.left', on: 'leave' }];
      d.stages.cancelled.hooks = [{ name: 'lab.closed', on: 'enter' }];
      d.stages.done.hooks = [{ name: 'lab.closed', on: 'enter' }];
    });
    expect(codes(bad)).toEqual([
      'stages.draft.hooks[0].name|hook.unknown',
      'stages.draft.hooks[1].on|hook.wrong_moment',
      'stages.draft.hooks[2]|hook.missing_fields',
      'stages.check.hooks[0]|hook.wrong_stage_kind',
      'stages.check.hooks[0]|hook.wrong_outcome',
      'stages.check.hooks[2]|hook.duplicate',
      'stages.cancelled.hooks[0]|hook.wrong_outcome',
      'stages|hook.too_many',
    ]);
  });

  it('reports a required hook that is missing, by key or prefix', () => {
    const none = structuredClone(labDefinition);
    expect(codes(none)).toEqual(['stages|hook.required_missing']);
    const other = { ...structuredClone(labDefinition), key: 'other_abc' };
    expect(codes(other)).toEqual(['stages|hook.required_missing']);
    expect(workflowMatches('other_*', 'other_abc')).toBe(true);
    expect(workflowMatches('other_*', 'lab')).toBe(false);
    expect(workflowMatches('lab', 'lab')).toBe(true);
  });

  it('checks the shape of hooks and tags', () => {
    const bad = withHooks((d) => {
      (d.stages.draft as unknown as Record<string, unknown>).hooks = [{ name: 'x', on: 'during' }];
      (d.stages.check as unknown as Record<string, unknown>).tags = [''];
    });
    expect(validateDefinition(bad).map((p) => `${p.path}|${p.code}`)).toEqual(['stages.draft.hooks[0]|shape.hooks', 'stages.check.tags|shape.tags']);
    expect(checkHooks(hooked, { contracts: {} }).map((p) => p.code)).toEqual(['hook.unknown', 'hook.unknown', 'hook.unknown', 'hook.unknown']);
  });

  it('finds stages by tag and by hook', () => {
    expect(stagesTagged(hooked, 'lab.review')).toEqual(['check']);
    expect(stagesWithHook(hooked, 'lab.closed')).toEqual(['done', 'rejected']);
    expect(stagesWithHook(hooked, 'lab.left', 'enter')).toEqual([]);
  });
});

describe('stage hooks: step reports the hooks it fired', () => {
  const { go } = runner(compileDefinition(hooked));
  const t0 = '2025-03-07T02:00:00.000Z';

  it('fires leave of the stage left, then enter of the stage entered, with the event', () => {
    const created = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1'));
    expect(created.hooks).toEqual([]);
    const submitted = go(created.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { score: 7 }));
    expect(submitted.hooks).toEqual([{ name: 'lab.submitted', on: 'enter', stage: 'check', event: 'submit' }]);
    const rejected = go(submitted.snapshot, { type: 'reject', comment: 'không đạt' }, ctxFor(supUp1, t0, 'g1', { score: 7 }));
    expect(rejected.hooks).toEqual([
      { name: 'lab.left', on: 'leave', stage: 'check', event: 'reject' },
      { name: 'lab.closed', on: 'enter', stage: 'rejected', event: 'reject' },
    ]);
  });

  it('fires nothing on a step that does not move (claim)', () => {
    const submitted = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { score: 7 }));
    expect(submitted.hooks).toEqual([{ name: 'lab.submitted', on: 'enter', stage: 'check', event: 'submit' }]);
    expect(go(submitted.snapshot, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', { score: 7 })).hooks).toEqual([]);
  });

  it('fires the enter hooks of the initial stage on create', () => {
    const d = withHooks((x) => {
      x.stages.draft.hooks = [{ name: 'lab.left', on: 'enter' }];
    });
    const c = runner(compileDefinition(d)).go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1'));
    expect(c.hooks).toEqual([{ name: 'lab.left', on: 'enter', stage: 'draft', event: 'create' }]);
  });
});
