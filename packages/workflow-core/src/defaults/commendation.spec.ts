import { compileDefinition } from '../compile';
import { commendationDefinition } from './commendation';
import { SYSTEM, councillors, ctxFor, officerG1, officerProv, secretary, supProv, supUp1, user } from '../__fixtures__/world';
import { runner } from '../__fixtures__/steps';
import type { WorkItemSnapshot } from '../snapshot-types';

const { go, refused } = runner(compileDefinition(commendationDefinition));
const t0 = '2025-05-05T02:00:00.000Z';
const base = { nomineeType: 'individual', nomineeName: 'Nguyễn Văn A', awardForm: 'bang_khen_ldld', achievementReport: 'BC', reviewMinutesRef: 'BB-01' };
const eligible = councillors.map((c) => c.userId);

function toCouncil(level: string): WorkItemSnapshot {
  const data = { ...base, awardLevel: level, appraisalNotes: 'Đủ điều kiện' };
  const n = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data));
  expect(refused(n.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data))).toBe('GUARD');
  const f = go(n.snapshot, { type: 'forward' }, ctxFor(supUp1, t0, 'g1', data));
  expect(f.snapshot.assignment).toMatchObject({ unitId: 'prov', role: 'officer' });
  const r = go(f.snapshot, { type: 'return', comment: 'thiếu minh chứng' }, ctxFor(officerProv, t0, 'g1', data));
  expect(r.snapshot.stage).toBe('nominate');
  const n2 = go(r.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data));
  const f2 = go(n2.snapshot, { type: 'forward' }, ctxFor(supUp1, t0, 'g1', data));
  expect(f2.snapshot.assignment?.claimedBy).toBe('off-prov');
  const c = go(f2.snapshot, { type: 'forward' }, ctxFor(officerProv, t0, 'g1', data, { eligibleVoterIds: eligible }));
  expect(c.snapshot.stage).toBe('council_vote');
  return c.snapshot;
}

describe('commendation', () => {
  const data = { ...base, awardLevel: 'bang_khen_province', appraisalNotes: 'ok' };
  it('lets the grassroots union decide the forms it awards itself, with a QĐ of its own; withdraws before submission', () => {
    const d = { ...base, awardLevel: 'own_unit' };
    const chairG1 = user('sup-g1', ['supervisor', 'g1']);
    const n = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', d));
    expect(n.snapshot.stage).toBe('own_decision');
    expect(n.snapshot.assignment).toMatchObject({ unitId: 'g1', role: 'supervisor' });
    expect(refused(n.snapshot, { type: 'approve' }, ctxFor(officerG1, t0, 'g1', d))).toBe('ROLE');
    const a = go(n.snapshot, { type: 'approve' }, ctxFor(chairG1, t0, 'g1', d));
    expect(a.outcome).toBe('approved');
    expect(a.effects).toContainEqual({ type: 'allocate_document_number', docType: 'QĐ', issuerUnitId: 'g1' });
    const draft = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', d));
    expect(go(draft.snapshot, { type: 'withdraw' }, ctxFor(officerG1, t0, 'g1', d)).outcome).toBe('cancelled');
  });

  it('decides within the upper union authority with a QĐ of the upper union', () => {
    const d = { ...base, awardLevel: 'giay_khen_upper' };
    const n = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', d));
    expect(refused(n.snapshot, { type: 'forward' }, ctxFor(supUp1, t0, 'g1', d))).toBe('GUARD');
    const a = go(n.snapshot, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', d));
    expect(a.outcome).toBe('approved');
    expect(a.effects).toContainEqual({ type: 'allocate_document_number', docType: 'QĐ', issuerUnitId: 'up1' });
  });

  it('passes a secret council vote (quorum 2/3, 90% of members) and issues a numbered decision', () => {
    let snap = toCouncil('bang_khen_province');
    for (const c of councillors) snap = go(snap, { type: 'vote.cast', choice: 'yes' }, ctxFor(c, t0, 'g1', data)).snapshot;
    expect(snap.vote?.ballots).toBeUndefined();
    expect(refused(snap, { type: 'vote.cast', choice: 'no' }, ctxFor(councillors[0], t0, 'g1', data))).toBe('ALREADY_VOTED');
    expect(refused(snap, { type: 'vote.close' }, ctxFor(councillors[0], t0, 'g1', data))).toBe('ROLE');
    const closed = go(snap, { type: 'vote.close' }, ctxFor(secretary, t0, 'g1', data));
    expect(closed.snapshot.stage).toBe('decision');
    expect(closed.snapshot.voteResults.council_vote).toEqual({ outcome: 'passed', yes: 9, no: 0, abstain: 0, eligible: 9, unitId: 'prov' });
    const dec = go(closed.snapshot, { type: 'approve' }, ctxFor(supProv, t0, 'g1', data));
    expect(dec.outcome).toBe('approved');
    expect(dec.effects).toContainEqual({ type: 'allocate_document_number', docType: 'QĐ', issuerUnitId: 'prov' });
  });

  it('rejects when the vote fails and re-appraises without quorum; closes by deadline', () => {
    let snap = toCouncil('co_thi_dua_province');
    const outsider = { userId: 'c99', roles: [{ role: 'council_member' as const, unitId: 'prov' }] };
    expect(refused(snap, { type: 'vote.cast', choice: 'yes' }, ctxFor(outsider, t0, 'g1', data))).toBe('NOT_ELIGIBLE');
    expect(refused(snap, { type: 'vote.cast', choice: 'yes' }, ctxFor(officerG1, t0, 'g1', data))).toBe('NOT_ELIGIBLE');
    councillors.slice(0, 8).forEach((c, i) => {
      snap = go(snap, { type: 'vote.cast', choice: i < 7 ? 'yes' : 'no' }, ctxFor(c, t0, 'g1', data)).snapshot;
    });
    const failed = go(snap, { type: 'vote.close' }, ctxFor(SYSTEM, t0, 'g1', data));
    expect(failed.outcome).toBe('rejected');

    let s2 = toCouncil('bang_khen_tld');
    for (const c of councillors.slice(0, 5)) s2 = go(s2, { type: 'vote.cast', choice: 'yes' }, ctxFor(c, t0, 'g1', data)).snapshot;
    const esc = s2.deadline?.timers.find((t) => t.kind === 'escalation');
    expect(esc).toBeDefined();
    const nq = go(s2, { type: 'timer.fired', key: esc?.key ?? '', kind: 'escalation' }, ctxFor(SYSTEM, esc?.fireAt ?? t0, 'g1', data));
    expect(nq.snapshot.stage).toBe('dept_appraisal');
    expect(nq.snapshot.voteResults.council_vote.outcome).toBe('no_quorum');
  });
});
