import { compileDefinition } from './compile';
import type { WorkflowDefinition } from './definition-types';
import { commitmentOutcome, commitmentRefusal, isOfferedNow, lateOfferTiming, upcomingOffers, upcomingStages } from './offering';
import { runner } from './__fixtures__/steps';
import { ctxFor, officerG1, supProv, supUp1, supUp1b, tree } from './__fixtures__/world';
import { validateDefinition } from './validate-definition';

const t0 = '2025-03-07T02:00:00.000Z';

/** draft (officer, g1) → check (supervisor, up1) → review (supervisor, prov, early 2 ahead, late) → done; review may reject. */
function def(offering: Record<string, unknown> = { early: { stagesAhead: 2 } }): WorkflowDefinition {
  return {
    schemaVersion: 1,
    key: 'offering_demo',
    version: 1,
    name: { vi: 'Thử nhận trước' },
    initialStage: 'draft',
    stages: {
      draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'check' }] },
      check: { kind: 'task', name: { vi: 'Kiểm tra' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'review' }, { on: 'return' }] },
      review: {
        kind: 'task',
        name: { vi: 'Thẩm định' },
        actor: { role: 'supervisor', unit: { kind: 'fixed', unitCode: 'LDLD-NT' } },
        distinctFrom: ['check'],
        offering,
        transitions: [{ on: 'approve', target: 'done' }, { on: 'reject', target: 'rejected' }, { on: 'return', target: 'check' }],
      },
      done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      rejected: { kind: 'final', outcome: 'rejected', name: { vi: 'Không duyệt' } },
    },
  } as WorkflowDefinition;
}

describe('offering: which stages are upcoming, and who would be offered them', () => {
  it('walks forward moves up to stagesAhead; returns and the current stage are never upcoming', () => {
    expect(upcomingStages(def(), 'draft')).toEqual([{ stage: 'review', distance: 2 }]);
    expect(upcomingStages(def(), 'check')).toEqual([{ stage: 'review', distance: 1 }]);
    expect(upcomingStages(def({ early: {} }), 'draft')).toEqual([]);
    expect(upcomingStages(def(), 'review')).toEqual([]);
    expect(upcomingStages(def({ late: { whenQueueBelow: 2 } }), 'check')).toEqual([]);
  });

  it('resolves the unit and role the offer will use, and who separation of duties bars', () => {
    const snap = { submitterId: 'off-g1', acted: { check: { userId: 'sup-up1', event: 'approve', at: t0 } } };
    expect(upcomingOffers(def(), snap, 'check', { unitId: 'g1', data: {} }, tree)).toEqual([{ stage: 'review', unitId: 'prov', role: 'supervisor', distance: 1, excludedUserIds: ['off-g1', 'sup-up1'] }]);
  });

  it('refuses a commitment to a stage that is not upcoming, or by a barred person', () => {
    const d = def();
    const snap = { status: 'active' as const, stage: 'check', upcoming: [{ stage: 'review', unitId: 'prov', role: 'supervisor' as const, distance: 1, excludedUserIds: [] }], submitterId: 'off-g1', acted: { check: { userId: 'sup-up1', event: 'claim', at: t0 } } };
    expect(commitmentRefusal(d, snap, 'review', 'sup-prov')).toBeNull();
    expect(commitmentRefusal(d, snap, 'done', 'sup-prov')).toBe('not_upcoming');
    expect(commitmentRefusal(d, { ...snap, status: 'suspended' }, 'review', 'sup-prov')).toBe('not_upcoming');
    expect(commitmentRefusal(d, snap, 'review', 'sup-up1')).toBe('separation_of_duties');
    expect(commitmentOutcome(d, snap, 'review', 'sup-prov', false)).toEqual({ honoured: false, reason: 'no_role' });
    expect(commitmentOutcome(d, snap, 'review', 'sup-up1', true)).toEqual({ honoured: false, reason: 'distinctFrom' });
    expect(commitmentOutcome(d, snap, 'review', 'sup-prov', true)).toEqual({ honoured: true });
  });
});

describe('offering through step: upcoming lists, commitments as the stage opens, late offers', () => {
  const compiled = compileDefinition(def({ early: { stagesAhead: 2 }, late: { after: { days: 1, calendar: 'calendar' }, whenQueueBelow: 3 } }));
  const { go, refused } = runner(compiled);
  const submitted = () => {
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1'));
    expect(c.snapshot.upcoming).toBeUndefined();
    return go(c.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1'));
  };

  it('a submitted item lists the review as upcoming (a set_upcoming effect); a draft announces nothing', () => {
    const s = submitted();
    expect(s.snapshot.upcoming?.map((u) => u.stage)).toEqual(['review']);
    expect(s.effects).toContainEqual(expect.objectContaining({ type: 'set_upcoming', offers: [expect.objectContaining({ stage: 'review', unitId: 'prov' })] }));
  });

  it('the committed person gets the opening stage, recorded and told with the commitment notice', () => {
    const s = submitted();
    const r = go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', {}, { commitment: (st) => (st === 'review' ? 'sup-prov' : undefined), holdsRole: () => true }));
    expect(r.snapshot.stage).toBe('review');
    expect(r.snapshot.assignment).toMatchObject({ claimedBy: 'sup-prov', committed: true });
    expect(r.snapshot.assignment?.offeredFrom).toBeUndefined();
    expect(r.snapshot.upcoming).toBeUndefined();
    expect(r.effects).toContainEqual({ type: 'consume_commitment', stage: 'review', userId: 'sup-prov' });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'offering.commitment_honoured' }));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { userId: 'sup-prov' }, template: 'offering.commitment_allocated' }));
    expect(r.effects).toContainEqual({ type: 'set_upcoming', offers: [] });
  });

  it('a committed person who cannot act is skipped with the reason and the stage is offered (late)', () => {
    const s = submitted();
    const lost = go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', {}, { commitment: () => 'sup-prov', holdsRole: () => false }));
    expect(lost.snapshot.assignment?.claimedBy).toBeUndefined();
    expect(lost.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'offering.commitment_skipped', details: { stage: 'review', userId: 'sup-prov', reason: 'no_role' } }));
    // The checker is barred by distinctFrom from the review they would commit to.
    const barred = go(s.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', {}, { commitment: () => 'sup-up1', holdsRole: () => true }));
    expect(barred.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'offering.commitment_skipped', details: { stage: 'review', userId: 'sup-up1', reason: 'distinctFrom' } }));
    // Offered late: shown a day after it opened, not announced now, and not claimable before.
    const a = lost.snapshot.assignment;
    expect(a).toMatchObject({ mode: 'offer', offeredFrom: '2025-03-08T02:00:00.000Z', queueBelow: 3 });
    expect(lost.effects.some((e) => e.type === 'notify' && e.template === 'item.assigned')).toBe(false);
    expect(refused(lost.snapshot, { type: 'claim' }, ctxFor(supProv, t0, 'g1'))).toBe('OFFER_NOT_OPEN');
    expect(go(lost.snapshot, { type: 'claim' }, ctxFor(supProv, '2025-03-08T02:00:00.000Z', 'g1')).snapshot.assignment?.claimedBy).toBe('sup-prov');
    // After the delay, the queue limit (3): someone holding 3 open items may not take it, someone holding 2 may.
    expect(refused(lost.snapshot, { type: 'claim' }, ctxFor(supProv, '2025-03-08T02:00:00.000Z', 'g1', {}, { actorQueueLength: 3 }))).toBe('OFFER_NOT_OPEN');
    expect(go(lost.snapshot, { type: 'claim' }, ctxFor(supProv, '2025-03-08T02:00:00.000Z', 'g1', {}, { actorQueueLength: 2 })).snapshot.assignment?.claimedBy).toBe('sup-prov');
    void supUp1b;
  });

  it('late timing and the shown-now rule', () => {
    const d = def({ late: { after: { days: 0.25, calendar: 'calendar' }, whenQueueBelow: 2 } });
    const timing = lateOfferTiming(d.stages.review, t0);
    expect(timing).toEqual({ offeredFrom: '2025-03-07T08:00:00.000Z', queueBelow: 2 });
    expect(isOfferedNow(timing, '2025-03-07T07:59:59.000Z', 0)).toBe(false);
    expect(isOfferedNow(timing, '2025-03-07T08:00:00.000Z', 1)).toBe(true);
    expect(isOfferedNow(timing, '2025-03-07T09:00:00.000Z', 2)).toBe(false);
    expect(lateOfferTiming(d.stages.check, t0)).toEqual({});
    // Working days skip the weekend: Friday + 1 working day is Monday.
    expect(lateOfferTiming(def({ late: { after: { days: 1, calendar: 'working' } } }).stages.review, t0).offeredFrom).toBe('2025-03-10T02:00:00.000Z');
  });
});

describe('offering: the validator', () => {
  const problems = (offering: unknown, extra: Record<string, unknown> = {}) => {
    const d = def(offering as Record<string, unknown>);
    Object.assign(d.stages.review, extra);
    return validateDefinition(d).map((p) => `${p.path} ${p.code}`);
  };
  it('accepts the shapes and reports bad ones with their paths', () => {
    expect(problems({ early: { stagesAhead: 2 }, late: { after: { days: 0.5, calendar: 'calendar' }, whenQueueBelow: 4 } })).toEqual([]);
    expect(problems({ early: { stagesAhead: 9 } })).toContain('stages.review.offering.early.stagesAhead shape.range');
    expect(problems({ late: {} })).toContain('stages.review.offering.late shape.offering_late');
    expect(problems({ late: { after: { days: 0, calendar: 'calendar' } } })).toContain('stages.review.offering.late.after.days shape.range');
    expect(problems({ late: { after: { days: 1.5, calendar: 'working' } } })).toContain('stages.review.offering.late.after.days shape.range');
    expect(problems({ late: { whenQueueBelow: 0 } })).toContain('stages.review.offering.late.whenQueueBelow shape.range');
    expect(problems({ early: {}, soon: true }).some((p) => p.startsWith('stages.review.offering.soon'))).toBe(true);
    expect(problems({ early: {} }, { actor: { role: 'supervisor', unit: { kind: 'own' }, assignment: { mode: 'direct', person: { kind: 'submitter' } } } })).toContain('stages.review.offering shape.offering_direct');
  });
});
