import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import { commitmentRefusal, upcomingStages } from './early-offer';
import { answerProblem, helpRequestProblem } from './help-requests';
import { runner } from './__fixtures__/steps';
import { SYSTEM, ctxFor, officerG1, supUp1, supUp1b } from './__fixtures__/world';
import { validateDefinition } from './validate-definition';

const t0 = '2025-03-07T02:00:00.000Z';
const data = { goals: 'Mục tiêu', measures: 'Giải pháp', models: [{ name: 'Mô hình' }], timeline: 'Quý II' };

function def(review: Partial<WorkflowDefinition['stages'][string]>): WorkflowDefinition {
  const d = structuredClone(unitPlanDefinition);
  d.stages.review = { ...d.stages.review, ...review };
  return d;
}

describe('early offering (issue 15, line 6)', () => {
  const d = def({ offering: { early: true } });
  const { go } = runner(compileDefinition(d));

  it('lists the early-offered stages one forward move away, with the unit and role of who may commit', () => {
    expect(upcomingStages(d, 'draft')).toEqual(['review']);
    expect(upcomingStages(d, 'review')).toEqual([]);
    expect(upcomingStages(unitPlanDefinition, 'draft')).toEqual([]);
    const created = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    expect(created.upcoming).toEqual([{ stage: 'review', unitId: 'up1', role: 'supervisor' }]);
    expect(commitmentRefusal(d, created, 'review', 'sup-up1')).toBeNull();
    expect(commitmentRefusal(d, created, 'second_review', 'sup-up1')).toBe('not_upcoming');
    // The submitter may not decide their own item: no commitment either.
    expect(commitmentRefusal(d, { ...created, submitterId: 'sup-up1' }, 'review', 'sup-up1')).toBe('separation_of_duties');
  });

  it('a commitment becomes the allocation when the stage opens; a barred or role-less one falls back to the offer', () => {
    const created = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    const commitments = { review: ['sup-up1b'] };
    const sub = go(created, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data, { commitments })).snapshot;
    expect(sub.assignment).toMatchObject({ unitId: 'up1', role: 'supervisor', claimedBy: 'sup-up1b', committed: true });
    expect(sub.upcoming).toBeUndefined();
    const lost = go(created, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data, { commitments, holdsRole: (u) => u !== 'sup-up1b' })).snapshot;
    expect(lost.assignment?.claimedBy).toBeUndefined();
    const barred = go({ ...created, submitterId: 'sup-up1b' }, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data, { commitments })).snapshot;
    expect(barred.assignment?.claimedBy).toBeUndefined();
    // Without `offering.early` a commitment means nothing.
    const plain = runner(compileDefinition(unitPlanDefinition)).go(created, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data, { commitments })).snapshot;
    expect(plain.assignment?.claimedBy).toBeUndefined();
  });
});

describe('late offering', () => {
  const d = def({ offering: { delay: { hours: 6 }, whenLoadBelow: 2 } });
  const { go, refused } = runner(compileDefinition(d));
  const submitted = () => {
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    return go(c, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data));
  };

  it('holds the offer back until its timer fires, then notifies the holders', () => {
    const r = submitted();
    expect(r.snapshot.assignment).toMatchObject({ offerAt: '2025-03-07T08:00:00.000Z', loadBelow: 2 });
    expect(r.effects).toContainEqual({ type: 'schedule_timer', key: 'review#2:offer:0', kind: 'offer', fireAt: '2025-03-07T08:00:00.000Z', stage: 'review' });
    expect(r.effects.some((e) => e.type === 'notify' && e.template === 'item.assigned')).toBe(false);
    expect(refused(r.snapshot, { type: 'claim' }, ctxFor(supUp1, t0, 'g1'))).toBe('OFFER_NOT_OPEN');
    expect(refused(r.snapshot, { type: 'start' }, ctxFor(supUp1, t0, 'g1'))).toBe('OFFER_NOT_OPEN');
    const fired = go(r.snapshot, { type: 'timer.fired', key: 'review#2:offer:0', kind: 'offer' }, ctxFor(SYSTEM, '2025-03-07T08:00:00.000Z', 'g1'));
    expect(fired.snapshot.assignment?.offerAt).toBeUndefined();
    expect(fired.effects).toContainEqual(expect.objectContaining({ type: 'notify', template: 'item.assigned', to: expect.objectContaining({ unitId: 'up1', role: 'supervisor' }) }));
    expect(go(fired.snapshot, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', {}, { openWorkCount: 1 })).snapshot.assignment?.claimedBy).toBe('sup-up1');
    // whenLoadBelow: 2 — a person with two open items is not offered it.
    expect(refused(fired.snapshot, { type: 'claim' }, ctxFor(supUp1b, t0, 'g1', {}, { openWorkCount: 2 }))).toBe('OFFER_NOT_OPEN');
    // A second firing of the same timer is stale.
    expect(refused(fired.snapshot, { type: 'timer.fired', key: 'review#2:offer:0', kind: 'offer' }, ctxFor(SYSTEM, t0, 'g1'))).toBe('INVALID_EVENT');
  });

  it('leaving the stage cancels the offer timer; suspending moves it by the time suspended', () => {
    const r = submitted();
    const admin = { userId: 'adm', roles: [{ role: 'admin' as const, unitId: 'prov' }] };
    const sus = go(r.snapshot, { type: 'suspend', reason: 'x' }, ctxFor(admin, t0, 'g1'));
    expect(sus.effects).toContainEqual({ type: 'cancel_timers', stage: 'review' });
    const res = go(sus.snapshot, { type: 'resume' }, ctxFor(admin, '2025-03-07T03:00:00.000Z', 'g1'));
    expect(res.snapshot.assignment?.offerAt).toBe('2025-03-07T09:00:00.000Z');
    expect(res.effects).toContainEqual(expect.objectContaining({ type: 'schedule_timer', kind: 'offer', fireAt: '2025-03-07T09:00:00.000Z' }));
    const back = go(r.snapshot, { type: 'withdraw' }, ctxFor(officerG1, t0, 'g1'));
    expect(back.effects).toContainEqual({ type: 'cancel_timers', stage: 'review' });
  });
});

describe('help and co-sign requests', () => {
  const d = def({ helpers: { wait: true } });
  const { go, refused } = runner(compileDefinition(d));

  it('only the holder of started work asks, never themself, with a message; answers fit the kind', () => {
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    const sub = go(c, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    expect(helpRequestProblem(sub, 'sup-up1', ['sup-up1b'], 'xin ý kiến')).toBe('not_holder');
    const claimed = go(sub, { type: 'claim' }, ctxFor(supUp1, t0, 'g1')).snapshot;
    expect(helpRequestProblem(claimed, 'sup-up1', ['sup-up1b'], 'xin ý kiến')).toBe('not_started');
    const started = go(claimed, { type: 'start' }, ctxFor(supUp1, t0, 'g1')).snapshot;
    expect(helpRequestProblem(started, 'sup-up1', ['sup-up1b'], 'xin ý kiến')).toBeNull();
    expect(helpRequestProblem(started, 'sup-up1', ['sup-up1'], 'x')).toBe('self');
    expect(helpRequestProblem(started, 'sup-up1', ['a', 'a'], 'x')).toBe('duplicate');
    expect(helpRequestProblem(started, 'sup-up1', [], 'x')).toBe('no_colleagues');
    expect(helpRequestProblem(started, 'sup-up1', ['a'], ' ')).toBe('message_required');
    expect(answerProblem('cosign', 'cosigned', undefined)).toBeNull();
    expect(answerProblem('cosign', 'done', undefined)).toBe('wrong_answer');
    expect(answerProblem('help', 'done', undefined)).toBeNull();
    expect(answerProblem('help', 'declined', ' ')).toBe('reason_required');
    expect(answerProblem('help', 'declined', 'bận')).toBeNull();
  });

  it('helpers.wait refuses the deciding actions with COSIGN_PENDING while a co-sign is unanswered', () => {
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    const sub = go(c, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
    const started = go(sub, { type: 'start' }, ctxFor(supUp1, t0, 'g1')).snapshot;
    expect(refused(started, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { pendingCosigns: 1 }))).toBe('COSIGN_PENDING');
    expect(refused(started, { type: 'return', comment: 'sửa' }, ctxFor(supUp1, t0, 'g1', data, { pendingCosigns: 1 }))).toBe('COSIGN_PENDING');
    // Saving a draft is not deciding; with every answer in, the decision goes through.
    go(started, { type: 'save_draft', draft: { n: 1 } }, ctxFor(supUp1, t0, 'g1', data, { pendingCosigns: 1 }));
    expect(go(started, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { pendingCosigns: 0 })).snapshot.stage).toBe('approved');
    // Without helpers.wait pending co-signs do not hold anything back.
    const free = runner(compileDefinition(unitPlanDefinition)).go(started, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { pendingCosigns: 3 }));
    expect(free.snapshot.stage).toBe('approved');
  });
});

describe('validation of offering and helpers', () => {
  const codes = (review: Record<string, unknown>) => validateDefinition(def(review as never)).map((p) => `${p.path} ${p.code}`);
  it('accepts good options and rejects bad keys and values with paths', () => {
    expect(codes({ offering: { early: true, delay: { days: 1 }, whenLoadBelow: 3 }, helpers: { wait: true } })).toEqual([]);
    expect(codes({ offering: { early: 'yes' } })).toContain('stages.review.offering.early shape.boolean');
    expect(codes({ offering: { delay: { hours: -1 } } })).toContain('stages.review.offering.delay.hours shape.range');
    expect(codes({ offering: { delay: {} } })).toContain('stages.review.offering.delay shape.offering_delay');
    expect(codes({ offering: { whenLoadBelow: 0 } })).toContain('stages.review.offering.whenLoadBelow shape.range');
    expect(codes({ offering: { eraly: true } })).toContain('stages.review.offering.eraly unknown_key');
    expect(codes({ helpers: { wait: 1 } })).toContain('stages.review.helpers.wait shape.boolean');
    expect(codes({ helpers: { wiat: true } })).toContain('stages.review.helpers.wiat unknown_key');
    expect(codes({ offering: { early: true }, actor: { role: 'supervisor', unit: { kind: 'parent' }, assignment: { mode: 'direct', person: { kind: 'submitter' } } } })).toContain('stages.review.offering shape.offering_direct');
  });
});
