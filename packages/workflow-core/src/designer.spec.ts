import { previewRoute } from './preview-route';
import { toDiagram } from './diagram';
import { validateMigration, migrateSnapshot } from './migration';
import { compileDefinition } from './compile';
import { commendationDefinition } from './defaults/commendation';
import { launchDefinition } from './defaults/launch';
import { unitPlanDefinition } from './defaults/unit-plan';
import { labDefinition } from './__fixtures__/lab-definition';
import { runner } from './__fixtures__/steps';
import { SYSTEM, councillors, ctxFor, officerG1, supUp1 } from './__fixtures__/world';
import { tree } from './__fixtures__/world';
import type { WorkflowDefinition } from './definition-types';

describe('previewRoute', () => {
  it('lists units and roles along the happy path', () => {
    expect(previewRoute(commendationDefinition, 'g1', tree).map((s) => `${s.stageId}@${s.unit?.code ?? '-'}/${s.role ?? '-'}`)).toEqual([
      'nominate@CDCS-1/officer',
      'upper_appraisal@LDLD-PR/supervisor',
      'approved_upper@-/-',
    ]);
    expect(previewRoute(launchDefinition, 'prov', tree).map((s) => `${s.stageId}:${s.kind}@${s.unit?.code ?? '-'}`)).toEqual(['draft:task@LDLD-NT', 'approval:task@LDLD-NT', 'cascade:fanout@LDLD-NT', 'completed:final@-']);
    expect(previewRoute(labDefinition, 'g1', tree).map((s) => s.stageId)).toEqual(['draft', 'check', 'pause', 'ballot', 'sign', 'done']);
  });
});

describe('toDiagram', () => {
  it('gives nodes and labelled edges', () => {
    const d = toDiagram(labDefinition);
    expect(d.nodes.find((n) => n.id === 'draft')).toEqual({ id: 'draft', label: 'Soạn', kind: 'task', initial: true });
    expect(d.edges).toContainEqual({ id: 'ballot:0:vote.passed', source: 'ballot', target: 'sign', label: 'Thông qua', event: 'vote.passed', guarded: false });
    expect(d.edges).toContainEqual(expect.objectContaining({ source: 'draft', target: 'check', label: 'submit', guarded: true }));
    expect(toDiagram(unitPlanDefinition).edges).toContainEqual(expect.objectContaining({ source: 'review', target: 'draft', label: 'Trả lại' }));
  });
});

describe('migration', () => {
  const v1 = compileDefinition(labDefinition);
  const v2def: WorkflowDefinition = structuredClone(labDefinition);
  v2def.version = 2;
  v2def.stages.verify = v2def.stages.check;
  delete v2def.stages.check;
  v2def.stages.draft.transitions = [{ on: 'submit', target: 'verify' }, { on: 'cancel', target: 'cancelled' }];
  v2def.stages.verify.transitions = [{ on: 'approve', target: 'pause' }, { on: 'return', target: 'draft' }, { on: 'reject', target: 'rejected' }];
  v2def.stages.ballot.outcomes = { passed: 'sign', failed: 'rejected', no_quorum: 'verify' };
  v2def.stages.sign.transitions = [{ on: 'approve', target: 'done' }, { on: 'return', target: 'verify' }];
  v2def.stages.sign.distinctFrom = ['verify'];
  const v2 = compileDefinition(v2def);
  const { go } = runner(v1);
  const t0 = '2025-03-07T02:00:00.000Z';

  it('validates the mapping', () => {
    expect(validateMigration(labDefinition, v2def, { check: 'verify' })).toEqual([]);
    expect(validateMigration(labDefinition, v2def, {}).map((p) => p.code)).toEqual(['unmapped_stage']);
    expect(validateMigration(labDefinition, labDefinition, { check: 'nope', ghost: 'draft', ballot: 'draft' }).map((p) => p.code)).toEqual([
      'version_not_newer',
      'target_missing',
      'unknown_stage',
      'kind_changed',
    ]);
    expect(validateMigration(labDefinition, { ...v2def, key: 'x' }, { check: 'verify' }).map((p) => p.code)).toEqual(['different_workflow']);
  });

  it('migrates a running item and says why it cannot', () => {
    const s = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { score: 6 })).snapshot;
    const m = migrateSnapshot(v1, v2, s, { check: 'verify' });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.snapshot).toMatchObject({ version: 2, stage: 'verify', trail: ['draft', 'verify'], machine: { value: 'verify' } });
    expect(m.needsReassignment).toBe(false);
    const next = runner(v2).go(m.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', { score: 6 }));
    expect(next.toStage).toBe('pause');
    expect(migrateSnapshot(v1, v2, s, {})).toMatchObject({ ok: false, reason: { code: 'UNMAPPED_STAGE' } });
    expect(migrateSnapshot(v1, v2, s, { check: 'gone' })).toMatchObject({ ok: false, reason: { code: 'TARGET_MISSING' } });
    expect(migrateSnapshot(v1, v2, s, { check: 'ballot' })).toMatchObject({ ok: false, reason: { code: 'KIND_CHANGED' } });
    expect(migrateSnapshot(v2, v1, s, {})).toMatchObject({ ok: false, reason: { code: 'WRONG_VERSION' } });
    const fin = go(s, { type: 'reject', comment: 'x' }, ctxFor(supUp1, t0, 'g1')).snapshot;
    expect(migrateSnapshot(v1, v2, fin, { check: 'verify' })).toMatchObject({ ok: false, reason: { code: 'ITEM_FINAL' } });
    const a = go(s, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', { score: 6 }));
    const w = a.snapshot.deadline?.timers[0];
    const b = go(a.snapshot, { type: 'timer.fired', key: w?.key ?? '', kind: 'wait' }, ctxFor(SYSTEM, t0, 'g1', {}, { eligibleVoterIds: ['c1', 'c2'] })).snapshot;
    const voted = go(b, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[0], t0, 'g1')).snapshot;
    const v3def = structuredClone(v2def);
    v3def.stages.ballot.vote = { ...v2def.stages.ballot.vote!, quorum: 0.9 };
    expect(migrateSnapshot(v1, compileDefinition(v3def), voted, { check: 'verify' })).toMatchObject({ ok: false, reason: { code: 'VOTE_IN_PROGRESS' } });
    expect(migrateSnapshot(v1, v2, voted, { check: 'verify' })).toMatchObject({ ok: true, snapshot: { stage: 'ballot', acted: { draft: {}, verify: {} } } });
  });
});
