import { compileDefinition } from '../compile';
import { launchDefinition } from './launch';
import { launchAckDefinition } from './launch-ack';
import { SYSTEM, ctxFor, officerProv, supProv, supProvB, supUp1 } from '../__fixtures__/world';
import { runner } from '../__fixtures__/steps';

const launch = runner(compileDefinition(launchDefinition));
const ack = runner(compileDefinition(launchAckDefinition));
const t0 = '2025-01-02T02:00:00.000Z';
const plan = { title: 'Văn hoá công sở', goals: 'G', criteria: 'C', startDate: '2025-01-03', endDate: '2025-12-31' };

describe('launch', () => {
  function approved() {
    const s = launch.go(null, { type: 'submit' }, ctxFor(officerProv, t0, 'prov', plan));
    expect(s.snapshot.stage).toBe('approval');
    expect(launch.refused(s.snapshot, { type: 'approve' }, ctxFor({ ...officerProv, roles: [...officerProv.roles, { role: 'supervisor', unitId: 'prov' }] }, t0, 'prov', plan))).toBe('SEPARATION_OF_DUTIES');
    const back = launch.go(s.snapshot, { type: 'return', comment: 'sửa tiêu chí' }, ctxFor(supProv, t0, 'prov', plan));
    const s2 = launch.go(back.snapshot, { type: 'submit' }, ctxFor(officerProv, t0, 'prov', plan));
    const a = launch.go(s2.snapshot, { type: 'approve' }, ctxFor(supProv, t0, 'prov', plan));
    expect(a.snapshot.stage).toBe('cascade');
    expect(a.effects).toContainEqual({ type: 'allocate_document_number', docType: 'KH', issuerUnitId: 'prov' });
    expect(a.effects).toContainEqual({ type: 'spawn_children', childWorkflow: 'launch_ack', selector: { kind: 'children_of_kind', unitKind: 'upper_union' }, rootUnitId: 'prov' });
    return a.snapshot;
  }

  it('completes when 80% of upper unions acknowledged, leaving stragglers open', () => {
    const snap = approved();
    expect(launch.refused(snap, { type: 'children.progress', total: 10, settled: 7, submitted: 7 }, ctxFor(supProv, t0, 'prov'))).toBe('ROLE');
    const p = launch.go(snap, { type: 'children.progress', total: 10, settled: 7, submitted: 7 }, ctxFor(SYSTEM, t0, 'prov'));
    expect(p.snapshot.stage).toBe('cascade');
    expect(p.snapshot.fanout?.progress).toEqual({ total: 10, settled: 7, submitted: 7 });
    const done = launch.go(p.snapshot, { type: 'children.progress', total: 10, settled: 8, submitted: 8 }, ctxFor(SYSTEM, t0, 'prov'));
    expect(done.outcome).toBe('completed');
    expect(done.effects.find((e) => e.type === 'close_children')).toBeUndefined();
    expect(done.snapshot.childrenOpen).toBe(true);
  });

  it('can be closed early or cancelled by the province, closing the children', () => {
    const snap = approved();
    const closed = launch.go(snap, { type: 'close', comment: 'hết hạn' }, ctxFor(supProvB, t0, 'prov'));
    expect(closed.effects).toContainEqual({ type: 'close_children', mode: 'close', reason: 'collection_closed' });
    const cancelled = launch.go(snap, { type: 'cancel' }, ctxFor(supProvB, t0, 'prov'));
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.effects).toContainEqual({ type: 'close_children', mode: 'cancel', reason: 'parent_left_stage' });
    expect(launch.refused(snap, { type: 'close' }, ctxFor(supUp1, t0, 'prov'))).toBe('SCOPE');
  });
});

describe('launch_ack', () => {
  it('is acknowledged with guidance and cascades unit plans, joining when all are in (or exhausted)', () => {
    const c = ack.go(null, { type: 'create' }, ctxFor(SYSTEM, t0, 'up1'));
    expect(c.snapshot.submitterId).toBeNull();
    const a = ack.go(c.snapshot, { type: 'acknowledge' }, ctxFor(supUp1, t0, 'up1', { guidanceRef: '25/HD-LĐLĐ' }));
    expect(a.effects).toContainEqual({ type: 'spawn_children', childWorkflow: 'unit_plan', selector: { kind: 'children_of_kind', unitKind: 'grassroots_union' }, rootUnitId: 'up1' });
    const half = ack.go(a.snapshot, { type: 'children.progress', total: 2, settled: 1, submitted: 1 }, ctxFor(SYSTEM, t0, 'up1'));
    expect(half.snapshot.stage).toBe('cascade');
    const all = ack.go(half.snapshot, { type: 'children.progress', total: 2, settled: 2, submitted: 2 }, ctxFor(SYSTEM, t0, 'up1'));
    expect(all.outcome).toBe('completed');
    const exhausted = ack.go(a.snapshot, { type: 'children.progress', total: 2, settled: 2, submitted: 1 }, ctxFor(SYSTEM, t0, 'up1'));
    expect(exhausted.outcome).toBe('completed');
  });

  it('cancelling the parent item after leave_open cancels the open children', () => {
    const c = ack.go(null, { type: 'create' }, ctxFor(SYSTEM, t0, 'up1'));
    const a = ack.go(c.snapshot, { type: 'acknowledge' }, ctxFor(supUp1, t0, 'up1'));
    const x = ack.go(a.snapshot, { type: 'cancel' }, ctxFor(supProv, t0, 'up1'));
    expect(x.effects).toContainEqual({ type: 'close_children', mode: 'cancel', reason: 'parent_left_stage' });
  });
});
