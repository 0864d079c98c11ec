import { compileDefinition } from '../compile';
import { inspectionDefinition } from './inspection';
import { evaluationDefinition } from './evaluation';
import { SYSTEM, ctxFor, officerG1, supUp1, supUp1b } from '../__fixtures__/world';
import { runner } from '../__fixtures__/steps';
import { step } from '../step';

const insp = runner(compileDefinition(inspectionDefinition));
const evalr = runner(compileDefinition(evaluationDefinition));
const t0 = '2025-06-02T02:00:00.000Z';

describe('inspection', () => {
  const sched = { supervisingUnitId: 'up1', scheduledDate: '2025-06-10', scope: 'Văn hoá công sở' };
  it('without shortcomings closes after the minutes', () => {
    const s = insp.go(null, { type: 'submit' }, ctxFor(supUp1, t0, 'g1', sched));
    expect(s.snapshot.assignment).toMatchObject({ mode: 'direct', userId: 'sup-up1' });
    expect(insp.refused(s.snapshot, { type: 'approve' }, ctxFor(supUp1b, t0, 'g1', sched))).toBe('NOT_CLAIMANT');
    const d = { ...sched, minutesRef: 'BB-12', negativeFindings: false };
    expect(insp.go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', d)).outcome).toBe('completed');
  });

  it('with shortcomings: corrective action, overdue escalation, verify with a return loop', () => {
    const d = { ...sched, minutesRef: 'BB-12', negativeFindings: true };
    const s = insp.go(null, { type: 'submit' }, ctxFor(supUp1, t0, 'g1', d));
    const f = insp.go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', d));
    expect(f.snapshot.stage).toBe('corrective');
    expect(f.snapshot.deadline?.dueAt).toBe('2025-07-02T02:00:00.000Z');
    const [rem, notify, upward] = f.snapshot.deadline?.timers ?? [];
    const r1 = insp.go(f.snapshot, { type: 'timer.fired', key: rem.key, kind: 'reminder' }, ctxFor(SYSTEM, rem.fireAt, 'g1', d));
    expect(r1.effects).toContainEqual(expect.objectContaining({ type: 'notify', template: 'deadline.reminder' }));
    const r2 = insp.go(r1.snapshot, { type: 'timer.fired', key: notify.key, kind: 'escalation' }, ctxFor(SYSTEM, notify.fireAt, 'g1', d));
    expect(r2.effects).toContainEqual({ type: 'notify', to: { unitId: 'up1', role: 'supervisor' }, template: 'deadline.escalated', params: expect.anything() });
    const r3 = insp.go(r2.snapshot, { type: 'timer.fired', key: upward.key, kind: 'escalation' }, ctxFor(SYSTEM, upward.fireAt, 'g1', d));
    expect(r3.snapshot.assignment).toMatchObject({ unitId: 'up1', role: 'officer' });
    const d2 = { ...d, correctiveActions: 'Đã ban hành quy chế' };
    const c = insp.go(f.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', d2));
    const back = insp.go(c.snapshot, { type: 'return', comment: 'chưa đủ' }, ctxFor(supUp1b, t0, 'g1', d2));
    expect(back.snapshot.stage).toBe('corrective');
    const c2 = insp.go(back.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', d2));
    expect(c2.snapshot.assignment?.claimedBy).toBe('sup-up1b');
    expect(insp.go(c2.snapshot, { type: 'approve' }, ctxFor(supUp1b, t0, 'g1', d2)).outcome).toBe('completed');
  });

  it('takes the corrective due period from the item (correctiveDueDays) when it has one', () => {
    const d = { ...sched, minutesRef: 'BB-13', negativeFindings: true, correctiveDueDays: 10 };
    const s = insp.go(null, { type: 'submit' }, ctxFor(supUp1, t0, 'g1', d));
    const f = insp.go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', d));
    expect(f.snapshot.deadline?.dueAt).toBe('2025-06-12T02:00:00.000Z');
  });
});

describe('evaluation', () => {
  const ind = { period: 'final', propagandaPct: 100, participationPct: 98, officeCulturePct: 98, satisfactionPct: 95.5, exemplaryModels: 13 };
  it('submits indicators, is returned, resubmitted and accepted', () => {
    const bad = evalr.go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1'));
    const r = step(compileDefinition(evaluationDefinition), bad.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { ...ind, propagandaPct: 120, exemplaryModels: 1.5 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.details?.problems).toEqual([expect.objectContaining({ path: 'propagandaPct', code: 'too_big' }), expect.objectContaining({ path: 'exemplaryModels', code: 'invalid_type' })]);
    const s = evalr.go(bad.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', ind));
    const back = evalr.go(s.snapshot, { type: 'return', comment: 'số liệu' }, ctxFor(supUp1, t0, 'g1', ind));
    expect(back.snapshot.returnCount).toBe(1);
    const s2 = evalr.go(back.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', ind));
    expect(evalr.go(s2.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', ind)).outcome).toBe('completed');
  });
});
