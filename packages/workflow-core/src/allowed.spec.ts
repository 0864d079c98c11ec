import { allowedEvents } from './allowed';
import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults/unit-plan';
import { labDefinition } from './__fixtures__/lab-definition';
import { runner } from './__fixtures__/steps';
import { SYSTEM, councillors, ctxFor, officerG1, officerG2, supUp1, user } from './__fixtures__/world';

const t0 = '2025-03-07T02:00:00.000Z';
const names = (xs: Array<{ event: string }>) => xs.map((x) => x.event);

describe('allowedEvents: what the engine accepts from this actor now', () => {
  const lab = compileDefinition(labDefinition);
  const { go } = runner(lab);

  it('offers the stage actor its transitions (forward ones even with the data still to fill), claim, and nothing to others', () => {
    const created = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1')).snapshot;
    const mine = allowedEvents(lab, created, ctxFor(officerG1, t0, 'g1', {}));
    expect(names(mine)).toEqual(['submit', 'cancel', 'claim', 'start']);
    expect(mine[0]).toMatchObject({ sendsData: true, pendingOn: 'MISSING_FIELDS' });
    expect(allowedEvents(lab, created, ctxFor(officerG2, t0, 'g1', {}))).toEqual([]);
  });

  it('keeps separation of duties: the submitter may withdraw, not decide; the reviewer decides with a comment where needed', () => {
    const atCheck = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { score: 7 })).snapshot;
    expect(names(allowedEvents(lab, atCheck, ctxFor(officerG1, t0, 'g1', { score: 7 })))).toEqual(['withdraw']);
    const reviewer = allowedEvents(lab, atCheck, ctxFor(supUp1, t0, 'g1', { score: 7 }));
    expect(names(reviewer)).toEqual(['approve', 'return', 'reject', 'claim', 'start', 'suspend', 'skip']);
    expect(reviewer.find((a) => a.event === 'reject')?.needsComment).toBe(true);
    const claimed = go(atCheck, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', { score: 7 })).snapshot;
    expect(names(allowedEvents(lab, claimed, ctxFor(supUp1, t0, 'g1', { score: 7 })))).toEqual(['approve', 'return', 'reject', 'start', 'release', 'suspend', 'skip']);
    const other = user('sup-up1-b', { role: 'supervisor', unitId: 'up1' });
    // Another supervisor there: not the claimant, so only the privileges the definition gives supervisors.
    expect(names(allowedEvents(lab, claimed, ctxFor(other, t0, 'g1', { score: 7 })))).toEqual(['suspend', 'skip']);
  });

  it('offers a vote once to an eligible voter, never to the system, and nothing on a final item', () => {
    const unitPlan = compileDefinition(unitPlanDefinition);
    const p = runner(unitPlan);
    const done = p.go(p.go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { goals: 'a', measures: 'b', timeline: 'c' })).snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', { goals: 'a', measures: 'b', timeline: 'c' })).snapshot;
    expect(done.status).toBe('final');
    expect(allowedEvents(unitPlan, done, ctxFor(supUp1, t0, 'g1'))).toEqual([]);
    expect(SYSTEM.isSystem).toBe(true);
    expect(councillors.length).toBeGreaterThan(0);
  });
});
