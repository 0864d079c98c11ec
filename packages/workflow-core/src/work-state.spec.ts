import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults';
import { allowedEvents } from './allowed';
import { runner } from './__fixtures__/steps';
import { ctxFor, officerG1, supUp1, supUp1b } from './__fixtures__/world';
import { workStateOf } from './step';

const t0 = '2025-03-07T02:00:00.000Z';
const t1 = '2025-03-07T03:00:00.000Z';
const plan = { goals: 'Mục tiêu', measures: 'Giải pháp', models: [{ name: 'Mô hình' }], timeline: 'Quý II' };

describe('work-item states and the holder’s draft (issue 15, line 5)', () => {
  const compiled = compileDefinition(unitPlanDefinition);
  const { go, refused } = runner(compiled);
  const atReview = () => go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan)).snapshot;

  it('offered → allocated (claim) → started (start); start is offered until started, and twice is refused', () => {
    const offered = atReview();
    expect(workStateOf(offered)).toBe('offered');
    const claimed = go(offered, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', plan)).snapshot;
    expect(workStateOf(claimed)).toBe('allocated');
    expect(allowedEvents(compiled, claimed, ctxFor(supUp1, t0, 'g1', plan)).map((e) => e.event)).toContain('start');
    const started = go(claimed, { type: 'start' }, ctxFor(supUp1, t1, 'g1', plan));
    expect(workStateOf(started.snapshot)).toBe('started');
    expect(started.snapshot.assignment?.startedAt).toBe(t1);
    expect(started.effects).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'audit', action: 'start' })]));
    expect(allowedEvents(compiled, started.snapshot, ctxFor(supUp1, t1, 'g1', plan)).map((e) => e.event)).not.toContain('start');
    expect(refused(started.snapshot, { type: 'start' }, ctxFor(supUp1, t1, 'g1', plan))).toBe('INVALID_EVENT');
    // A colleague cannot start what someone else holds.
    expect(refused(claimed, { type: 'start' }, ctxFor(supUp1b, t1, 'g1', plan))).toBe('NOT_CLAIMANT');
    // Starting an offered item claims it for the starter.
    const direct = go(offered, { type: 'start' }, ctxFor(supUp1b, t1, 'g1', plan)).snapshot;
    expect(direct.assignment).toMatchObject({ claimedBy: 'sup-up1b', startedAt: t1 });
    // Suspended and completed.
    expect(workStateOf({ status: 'suspended', assignment: direct.assignment })).toBe('suspended');
    expect(workStateOf({ status: 'final', assignment: null })).toBe('completed');
  });

  it('a saved draft starts the work and stays with the item; a stateful hand-over keeps it, a stateless one discards it and says what', () => {
    const claimed = go(atReview(), { type: 'claim' }, ctxFor(supUp1, t0, 'g1', plan)).snapshot;
    const drafted = go(claimed, { type: 'save_draft', draft: { reviewNotes: 'Đạt' } }, ctxFor(supUp1, t1, 'g1', plan)).snapshot;
    expect(drafted.assignment).toMatchObject({ draft: { reviewNotes: 'Đạt' }, startedAt: t1 });
    expect(workStateOf(drafted)).toBe('started');
    const kept = go(drafted, { type: 'handover', toUserId: 'sup-up1b' }, ctxFor(supUp1, t1, 'g1', plan));
    expect(kept.snapshot.assignment).toMatchObject({ claimedBy: 'sup-up1b', draft: { reviewNotes: 'Đạt' } });
    // The new holder has not started yet.
    expect(kept.snapshot.assignment?.startedAt).toBeUndefined();
    expect(workStateOf(kept.snapshot)).toBe('allocated');
    const dropped = go(drafted, { type: 'handover', toUserId: 'sup-up1b', keepDraft: false }, ctxFor(supUp1, t1, 'g1', plan));
    expect(dropped.snapshot.assignment?.draft).toBeUndefined();
    const audit = dropped.effects.find((e) => e.type === 'audit');
    expect(audit).toMatchObject({ action: 'handover', details: { toUserId: 'sup-up1b', keepDraft: false, discardedDraft: { reviewNotes: 'Đạt' } } });
  });
});
