import { compileDefinition } from '../compile';
import { step, type StepResult } from '../step';
import type { WorkItemSnapshot } from '../snapshot-types';
import type { WorkItemEvent } from '../event-types';
import type { StepContext } from '../context-types';
import { unitPlanDefinition } from './unit-plan';
import { SYSTEM, ctxFor, officerG1, supProv, supUp1, supUp1b, user } from '../__fixtures__/world';
import type { JsonObject } from '../json';

const compiled = compileDefinition(unitPlanDefinition);
const plan: JsonObject = { goals: 'G', measures: 'M', timeline: 'Q1-Q4', models: [{ name: 'Công sở xanh', field: 'office' }] };

function ok(r: StepResult): Extract<StepResult, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message}`);
  return r;
}
function go(snap: WorkItemSnapshot | null, event: WorkItemEvent, ctx: StepContext) {
  return ok(step(compiled, snap, event, ctx));
}

describe('unit_plan', () => {
  const t0 = '2025-03-03T02:00:00.000Z'; // Monday 09:00 in Vietnam
  it('runs draft → review → return loop → approve, with continuity to the returner', () => {
    const c = go(null, { type: 'create' }, ctxFor(SYSTEM, t0, 'g1'));
    expect(c.snapshot.stage).toBe('draft');
    expect(c.effects).toContainEqual({ type: 'assign', unitId: 'g1', role: 'officer', mode: 'offer' });
    const due = c.snapshot.deadline?.dueAt;
    expect(due).toBe('2025-03-21T02:00:00.000Z'); // 14 working days
    const missing = step(compiled, c.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', {}));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.refusal.code).toBe('MISSING_FIELDS');
    const s1 = go(c.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan));
    expect(s1.snapshot.stage).toBe('review');
    expect(s1.snapshot.submitterId).toBe('off-g1');
    expect(s1.effects).toContainEqual({ type: 'cancel_timers', stage: 'draft' });
    expect(s1.effects).toContainEqual({ type: 'assign', unitId: 'up1', role: 'supervisor', mode: 'offer' });
    const noComment = step(compiled, s1.snapshot, { type: 'return' }, ctxFor(supUp1, t0, 'g1', plan));
    expect(!noComment.ok && noComment.refusal.code).toBe('COMMENT_REQUIRED');
    const r = go(s1.snapshot, { type: 'return', comment: 'Bổ sung giải pháp' }, ctxFor(supUp1, t0, 'g1', plan));
    expect(r.snapshot.stage).toBe('draft');
    expect(r.snapshot.returnedBy.review).toBe('sup-up1');
    const s2 = go(r.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan));
    expect(s2.snapshot.assignment).toMatchObject({ unitId: 'up1', claimedBy: 'sup-up1' });
    const other = step(compiled, s2.snapshot, { type: 'approve' }, ctxFor(supUp1b, t0, 'g1', plan));
    expect(!other.ok && other.refusal).toMatchObject({ code: 'NOT_CLAIMANT', details: { claimedBy: 'sup-up1' } });
    const a = go(s2.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', plan));
    expect(a.snapshot.status).toBe('final');
    expect(a.outcome).toBe('approved');
    const after = step(compiled, a.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', plan));
    expect(!after.ok && after.refusal.code).toBe('ITEM_FINAL');
    expect(JSON.parse(JSON.stringify(a.snapshot))).toEqual(a.snapshot);
  });

  it('sends sector plans to the province and offers again when the returner left', () => {
    const data = { ...plan, planType: 'sector' };
    const c = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data));
    expect(c.snapshot.stage).toBe('review');
    const r = go(c.snapshot, { type: 'return', comment: 'x' }, ctxFor(supUp1, t0, 'g1', data));
    const s = go(r.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data, { holdsRole: () => false }));
    expect(s.snapshot.assignment?.claimedBy).toBeUndefined();
    const a = go(s.snapshot, { type: 'approve' }, ctxFor(supUp1b, t0, 'g1', data));
    expect(a.snapshot.stage).toBe('second_review');
    expect(a.snapshot.assignment).toMatchObject({ unitId: 'prov', role: 'supervisor' });
    const sod = step(compiled, a.snapshot, { type: 'approve' }, ctxFor(user('sup-up1b', ['supervisor', 'prov']), t0, 'g1', data));
    expect(!sod.ok && sod.refusal.code).toBe('SEPARATION_OF_DUTIES');
    expect(go(a.snapshot, { type: 'approve' }, ctxFor(supProv, t0, 'g1', data)).outcome).toBe('approved');
  });

  it('reminds, escalates and reassigns upward on the simulated clock', () => {
    const c = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan));
    const timers = c.snapshot.deadline?.timers ?? [];
    expect(timers.map((t) => t.kind)).toEqual(['reminder', 'escalation', 'escalation']);
    let snap = c.snapshot;
    for (const t of timers) {
      const r = go(snap, { type: 'timer.fired', key: t.key, kind: t.kind }, ctxFor(SYSTEM, t.fireAt, 'g1', plan));
      snap = r.snapshot;
    }
    expect(snap.assignment).toMatchObject({ unitId: 'prov', role: 'supervisor', mode: 'offer' });
    const stale = step(compiled, snap, { type: 'timer.fired', key: timers[0].key, kind: 'reminder' }, ctxFor(SYSTEM, t0, 'g1', plan));
    expect(!stale.ok && stale.refusal.code).toBe('INVALID_EVENT');
  });
});
