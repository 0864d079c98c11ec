import { compileDefinition } from './compile';
import { step } from './step';
import { SYSTEM_EVENTS } from './event-types';
import { labDefinition } from './__fixtures__/lab-definition';
import { runner } from './__fixtures__/steps';
import { SYSTEM, adminProv, councillors, ctxFor, officerG1, officerG2, secretary, supProv, supProvB, supUp1, supUp1b, supUp2, user } from './__fixtures__/world';
import type { WorkItemSnapshot } from './snapshot-types';
import type { JsonObject } from './json';

const compiled = compileDefinition(labDefinition);
const { go, refused } = runner(compiled);
const t0 = '2025-03-07T02:00:00.000Z'; // Friday
const data: JsonObject = { score: 7 };
const voters = councillors.slice(0, 4).map((c) => c.userId);

function atCheck(): WorkItemSnapshot {
  return go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
}
function atBallot(): WorkItemSnapshot {
  const a = go(atCheck(), { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data));
  expect(a.snapshot.stage).toBe('pause');
  const wait = a.snapshot.deadline?.timers[0];
  expect(wait).toMatchObject({ kind: 'wait', fireAt: '2025-03-10T02:00:00.000Z' });
  return go(a.snapshot, { type: 'timer.fired', key: wait?.key ?? '', kind: 'wait' }, ctxFor(SYSTEM, wait?.fireAt ?? t0, 'g1', data, { eligibleVoterIds: voters })).snapshot;
}

describe('step: task stages and refusals', () => {
  it('creates with a typed refusal for actors without the role or scope', () => {
    expect(refused(null, { type: 'create' }, ctxFor(supUp1, t0, 'g1'))).toBe('ROLE');
    expect(refused(null, { type: 'create' }, ctxFor(officerG2, t0, 'g1'))).toBe('SCOPE');
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1'));
    expect(c.fromStage).toBeNull();
    expect(c.snapshot.submitterId).toBe('off-g1');
    expect(refused(c.snapshot, { type: 'create' }, ctxFor(officerG1, t0, 'g1'))).toBe('INVALID_EVENT');
  });

  it('checks guards, fields, comments, events and targets', () => {
    const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1')).snapshot;
    expect(refused(c, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', {}))).toBe('MISSING_FIELDS');
    expect(refused(c, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', { score: 3 }))).toBe('GUARD');
    expect(refused(c, { type: 'approve' }, ctxFor(officerG1, t0, 'g1', data))).toBe('INVALID_EVENT');
    const s = atCheck();
    expect(refused(s, { type: 'reject' }, ctxFor(supUp1, t0, 'g1', data))).toBe('COMMENT_REQUIRED');
    expect(refused(s, { type: 'return', comment: 'x', toStage: 'sign' }, ctxFor(supUp1, t0, 'g1', data))).toBe('INVALID_TARGET');
    expect(refused(s, { type: 'approve' }, ctxFor(supUp2, t0, 'g1', data))).toBe('SCOPE');
    expect(refused(s, { type: 'approve' }, ctxFor(officerG1, t0, 'g1', data))).toBe('ROLE');
    expect(refused(s, { type: 'withdraw' }, ctxFor(officerG2, t0, 'g1', data))).toBe('ROLE');
    expect(go(s, { type: 'withdraw' }, ctxFor(officerG1, t0, 'g1', data)).toStage).toBe('draft');
    expect(go(s, { type: 'return', comment: 'x', toStage: 'draft' }, ctxFor(supUp1, t0, 'g1', data)).toStage).toBe('draft');
    expect(go(s, { type: 'reject', comment: 'no' }, ctxFor(supUp1, t0, 'g1', data)).outcome).toBe('rejected');
    const scoped = user('sup-other', { role: 'supervisor', unitId: 'up1', workflows: ['unit_plan'] });
    expect(refused(s, { type: 'approve' }, ctxFor(scoped, t0, 'g1', data))).toBe('ROLE');
    expect(go(s, { type: 'approve' }, ctxFor(supProv, t0, 'g1', data)).toStage).toBe('pause');
  });

  it('does not mutate its inputs and refuses snapshots of another version', () => {
    const s = atCheck();
    const copy = structuredClone(s);
    go(s, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data));
    expect(s).toEqual(copy);
    expect(refused({ ...s, version: 9 }, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data))).toBe('INVALID_EVENT');
  });

  it('claims, releases, hands over with the draft and saves drafts', () => {
    const s = atCheck();
    const c = go(s, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', data));
    expect(c.snapshot.assignment?.claimedBy).toBe('sup-up1');
    expect(go(c.snapshot, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', data)).snapshot.assignment?.claimedBy).toBe('sup-up1');
    const lost = step(compiled, c.snapshot, { type: 'claim' }, ctxFor(supUp1b, t0, 'g1', data));
    expect(lost).toEqual({ ok: false, refusal: { code: 'NOT_CLAIMANT', message: expect.any(String), details: { claimedBy: 'sup-up1' } } });
    const saved = go(c.snapshot, { type: 'save_draft', draft: { comment: 'đang xem' } }, ctxFor(supUp1, t0, 'g1', data));
    expect(refused(saved.snapshot, { type: 'release' }, ctxFor(supUp1b, t0, 'g1', data))).toBe('NOT_CLAIMANT');
    const handed = go(saved.snapshot, { type: 'handover', toUserId: 'sup-up1b' }, ctxFor(supUp1, t0, 'g1', data));
    expect(handed.snapshot.assignment).toMatchObject({ claimedBy: 'sup-up1b', draft: { comment: 'đang xem' } });
    expect(handed.effects).toContainEqual({ type: 'assign', unitId: 'up1', role: 'supervisor', mode: 'offer', userId: 'sup-up1b' });
    expect(refused(handed.snapshot, { type: 'handover', toUserId: 'x' }, ctxFor(supUp1b, t0, 'g1', data, { holdsRole: () => false }))).toBe('ROLE');
    const released = go(handed.snapshot, { type: 'release' }, ctxFor(supUp1b, t0, 'g1', data));
    expect(released.snapshot.assignment).toEqual({ unitId: 'up1', role: 'supervisor', mode: 'offer', draft: { comment: 'đang xem' } });
    expect(refused(released.snapshot, { type: 'release' }, ctxFor(supUp1b, t0, 'g1', data))).toBe('INVALID_EVENT');
    const s2 = go(released.snapshot, { type: 'save_draft', draft: { x: 1 } }, ctxFor(supUp1, t0, 'g1', data));
    expect(s2.snapshot.assignment?.claimedBy).toBe('sup-up1');
  });

  it('suspends (deadlines pause) and resumes (rescheduled with the time left)', () => {
    const s = atCheck();
    const due = s.deadline?.dueAt;
    expect(due).toBe('2025-03-11T02:00:00.000Z');
    expect(refused(s, { type: 'suspend' }, ctxFor(officerG1, t0, 'g1'))).toBe('ROLE');
    expect(refused(s, { type: 'suspend' }, ctxFor(supUp2, t0, 'g1'))).toBe('SCOPE');
    expect(refused(s, { type: 'resume' }, ctxFor(adminProv, t0, 'g1'))).toBe('INVALID_EVENT');
    const sus = go(s, { type: 'suspend', reason: 'chờ' }, ctxFor(supUp1, '2025-03-10T02:00:00.000Z', 'g1'));
    expect(sus.snapshot.status).toBe('suspended');
    expect(sus.effects).toContainEqual({ type: 'cancel_timers', stage: 'check' });
    expect(refused(sus.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data))).toBe('SUSPENDED');
    const res = go(sus.snapshot, { type: 'resume' }, ctxFor(adminProv, '2025-03-20T02:00:00.000Z', 'g1'));
    expect(res.snapshot.status).toBe('active');
    expect(res.snapshot.deadline?.dueAt).toBe('2025-03-21T02:00:00.000Z');
    const timer = res.snapshot.deadline?.timers[0];
    expect(timer?.remainingMs).toBeUndefined();
    expect(res.effects).toContainEqual({ type: 'schedule_timer', key: timer?.key, kind: 'escalation', fireAt: '2025-03-22T02:00:00.000Z', stage: 'check' });
  });

  it('auto-returns on escalation; a submission at the deadline wins or loses as a whole', () => {
    const s = atCheck();
    const esc = s.deadline?.timers[0];
    const ret = go(s, { type: 'timer.fired', key: esc?.key ?? '', kind: 'escalation' }, ctxFor(SYSTEM, esc?.fireAt ?? t0, 'g1', data));
    expect(ret.snapshot.stage).toBe('draft');
    expect(refused(ret.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data))).toBe('INVALID_EVENT');
    const approved = go(s, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data));
    expect(refused(approved.snapshot, { type: 'timer.fired', key: esc?.key ?? '', kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1'))).toBe('INVALID_EVENT');
    expect(refused(s, { type: 'timer.fired', key: esc?.key ?? '', kind: 'escalation' }, ctxFor(supUp1, t0, 'g1'))).toBe('ROLE');
  });

  it('skips with a reason (recorded as skipped), redoes a completed stage, reassigns', () => {
    const s = atCheck();
    expect(refused(s, { type: 'skip', reason: ' ' }, ctxFor(supProv, t0, 'g1', data))).toBe('COMMENT_REQUIRED');
    const sk = go(s, { type: 'skip', reason: 'đã duyệt trên giấy' }, ctxFor(supProv, t0, 'g1', data));
    expect(sk.snapshot.stage).toBe('pause');
    expect(sk.snapshot.skipped.check).toMatchObject({ userId: 'sup-prov', reason: 'đã duyệt trên giấy' });
    expect(sk.snapshot.acted.check).toBeUndefined();
    expect(refused(sk.snapshot, { type: 'redo', stage: 'check' }, ctxFor(supProv, t0, 'g1'))).toBe('ROLE');
    expect(refused(sk.snapshot, { type: 'redo', stage: 'sign' }, ctxFor(adminProv, t0, 'g1'))).toBe('INVALID_TARGET');
    const redo = go(sk.snapshot, { type: 'redo', stage: 'check', reason: 'làm lại' }, ctxFor(adminProv, t0, 'g1'));
    expect(redo.snapshot.stage).toBe('check');
    expect(redo.snapshot.skipped.check).toBeUndefined();
    expect(redo.snapshot.acted.draft?.userId).toBe('off-g1');
    const ra = go(redo.snapshot, { type: 'reassign', toUserId: 'sup-up1b' }, ctxFor(supProvB, t0, 'g1'));
    expect(ra.snapshot.assignment?.claimedBy).toBe('sup-up1b');
    expect(refused(ra.snapshot, { type: 'reassign', toUserId: 'x' }, ctxFor(supProvB, t0, 'g1', {}, { holdsRole: () => false }))).toBe('ROLE');
    const ballot = atBallot();
    expect(go(ballot, { type: 'skip', reason: 'r' }, ctxFor(SYSTEM, t0, 'g1', data)).snapshot.stage).toBe('sign');
    const done = go(ballot, { type: 'skip', reason: 'r' }, ctxFor(SYSTEM, t0, 'g1', data));
    const fin = go(done.snapshot, { type: 'skip', reason: 'r' }, ctxFor(SYSTEM, t0, 'g1', data));
    expect(fin.outcome).toBe('approved');
  });
});

describe('step: vote, wait and direct assignment', () => {
  it('runs an open ballot where the chair breaks a tie', () => {
    let b = atBallot();
    expect(b.vote?.eligible).toEqual(voters);
    expect(refused(b, { type: 'vote.cast', choice: 'yes' }, ctxFor(SYSTEM, t0, 'g1'))).toBe('NOT_ELIGIBLE');
    b = go(b, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[0], t0, 'g1')).snapshot;
    b = go(b, { type: 'vote.cast', choice: 'no' }, ctxFor(councillors[1], t0, 'g1')).snapshot;
    expect(b.vote?.ballots).toEqual({ c1: 'yes', c2: 'no' });
    expect(refused(b, { type: 'vote.close' }, ctxFor(secretary, t0, 'g1'))).toBe('INVALID_EVENT');
    const passed = go(b, { type: 'vote.close', tieBreak: 'yes' }, ctxFor(secretary, t0, 'g1', { reviewer: 'sup-prov' }));
    expect(passed.snapshot.stage).toBe('sign');
    expect(passed.snapshot.assignment).toMatchObject({ mode: 'direct', userId: 'sup-prov', unitId: 'prov' });
    expect(go(b, { type: 'vote.close', tieBreak: 'no' }, ctxFor(secretary, t0, 'g1')).outcome).toBe('rejected');
    expect(refused(passed.snapshot, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[2], t0, 'g1'))).toBe('INVALID_EVENT');
    expect(refused(passed.snapshot, { type: 'vote.close' }, ctxFor(secretary, t0, 'g1'))).toBe('INVALID_EVENT');
  });

  it('returns to an earlier check without quorum; needs the eligible list to close', () => {
    const a = go(atCheck(), { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data));
    const wait = a.snapshot.deadline?.timers[0];
    const b = go(a.snapshot, { type: 'timer.fired', key: wait?.key ?? '', kind: 'wait' }, ctxFor(SYSTEM, t0, 'g1')).snapshot;
    expect(b.vote?.eligible).toBeNull();
    expect(refused(b, { type: 'vote.close' }, ctxFor(SYSTEM, t0, 'g1'))).toBe('INVALID_EVENT');
    const nq = go(b, { type: 'vote.close' }, ctxFor(SYSTEM, t0, 'g1', {}, { eligibleVoterIds: voters }));
    expect(nq.snapshot.stage).toBe('check');
    const one = go(b, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[0], t0, 'g1', {}, { eligibleVoterIds: voters }));
    expect(one.snapshot.vote?.eligible).toEqual(voters);
  });

  it('enforces distinctFrom, falls back to offers and auto-approves on escalation', () => {
    const b = atBallot();
    const twoYes = go(go(b, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[0], t0, 'g1')).snapshot, { type: 'vote.cast', choice: 'yes' }, ctxFor(councillors[1], t0, 'g1')).snapshot;
    const sign = go(twoYes, { type: 'vote.close' }, ctxFor(SYSTEM, t0, 'g1', { reviewer: 'gone' }, { holdsRole: () => false }));
    expect(sign.snapshot.assignment).toEqual({ unitId: 'prov', role: 'supervisor', mode: 'offer' });
    const both = user('sup-up1', ['supervisor', 'prov']);
    expect(refused(sign.snapshot, { type: 'approve' }, ctxFor(both, t0, 'g1'))).toBe('SEPARATION_OF_DUTIES');
    const esc = sign.snapshot.deadline?.timers[0];
    expect(go(sign.snapshot, { type: 'timer.fired', key: esc?.key ?? '', kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1')).outcome).toBe('approved');
    const delegate = user('deputy', { role: 'supervisor', unitId: 'prov', onBehalfOf: 'sup-prov' });
    const d = go(sign.snapshot, { type: 'approve' }, ctxFor(delegate, t0, 'g1'));
    expect(d.snapshot.acted.sign).toMatchObject({ userId: 'deputy', onBehalfOf: 'sup-prov' });
    expect(refused(d.snapshot, { type: 'approve' }, ctxFor(delegate, t0, 'g1'))).toBe('ITEM_FINAL');
    expect(refused(b, { type: 'children.progress', total: 1, settled: 1, submitted: 1 }, ctxFor(SYSTEM, t0, 'g1'))).toBe('INVALID_EVENT');
    expect(refused(b, { type: 'approve' }, ctxFor(supProv, t0, 'g1'))).toBe('INVALID_EVENT');
  });
});

describe('system events', () => {
  it('are refused to people', () => {
    for (const type of SYSTEM_EVENTS) expect(['timer.fired', 'children.progress']).toContain(type);
    expect(refused(atCheck(), { type: 'children.progress', total: 1, settled: 0, submitted: 0 }, ctxFor(supUp1, t0, 'g1'))).toBe('ROLE');
  });
});
