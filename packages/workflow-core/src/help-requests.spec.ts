import { allowedEvents } from './allowed';
import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import { answerProblem, askProblem, coSignWait, effectiveStatus, helpKindsAt, requireCoSigned, stageWaitsForCoSign, statusAfter } from './help-requests';
import { RefusalError } from './refusal';
import { validateDefinition } from './validate-definition';
import { runner } from './__fixtures__/steps';
import { ctxFor, officerG1, supUp1 } from './__fixtures__/world';
import { step } from './step';

const t0 = '2025-03-07T02:00:00.000Z';
const data = { goals: 'Mục tiêu', measures: 'Giải pháp', models: [{ name: 'Mô hình' }], timeline: 'Quý II' };

function planDef(coSign?: NonNullable<WorkflowDefinition['stages'][string]['help']>['coSign']): WorkflowDefinition {
  const d = structuredClone(unitPlanDefinition);
  for (const t of d.stages.review.transitions ?? []) if (t.on === 'approve') delete t.guard;
  d.stages.review.help = { allowed: true, ...(coSign ? { coSign } : {}) };
  return d;
}

/** The plan, submitted by the officer and claimed by the district supervisor. */
function claimedReview(def: WorkflowDefinition) {
  const compiled = compileDefinition(def);
  const { go } = runner(compiled);
  const c = go(null, { type: 'create' }, ctxFor(officerG1, t0, 'g1', data));
  const s = go(c.snapshot, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', data)).snapshot;
  const claimed = go(s, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', data)).snapshot;
  return { compiled, claimed };
}

describe('help and co-sign requests (issue 15, line 6)', () => {
  it('a stage allows nothing, help, or help and co-signing', () => {
    expect(helpKindsAt(unitPlanDefinition, 'review')).toEqual([]);
    expect(helpKindsAt(planDef(), 'review')).toEqual(['help']);
    expect(helpKindsAt(planDef({}), 'review')).toEqual(['help', 'cosign']);
    const off = planDef({ required: true });
    off.stages.review.help!.allowed = false;
    expect(helpKindsAt(off, 'review')).toEqual([]);
    expect(stageWaitsForCoSign(off, 'review')).toBe(false);
    expect(stageWaitsForCoSign(planDef({}), 'review')).toBe(false);
    expect(stageWaitsForCoSign(planDef({ waitForAll: true }), 'review')).toBe(true);
  });

  it('counts what the decision waits for: the minimum signatures, and every answer with waitForAll', () => {
    expect(coSignWait(planDef({ required: true }), 'review', undefined)).toEqual({ waits: true, needed: 1, signed: 0, open: 0, waitsForAll: false });
    expect(coSignWait(planDef({ required: true, minimum: 2 }), 'review', { signed: 1, open: 3 }).waits).toBe(true);
    expect(coSignWait(planDef({ required: true, minimum: 2 }), 'review', { signed: 2, open: 3 }).waits).toBe(false);
    expect(coSignWait(planDef({ waitForAll: true }), 'review', { signed: 0, open: 1 }).waits).toBe(true);
    expect(coSignWait(planDef({ waitForAll: true }), 'review', { signed: 0, open: 0 }).waits).toBe(false);
    expect(coSignWait(planDef({ required: true, waitForAll: true }), 'review', { signed: 1, open: 1 }).waits).toBe(true);
    expect(coSignWait(planDef({}), 'review', { signed: 0, open: 4 }).waits).toBe(false);
  });

  it('refuses the forward decision with COSIGN_PENDING, never a return, and lets it through once signed', () => {
    const { compiled, claimed } = claimedReview(planDef({ required: true }));
    const { go, refused } = runner(compiled);
    expect(refused(claimed, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data))).toBe('COSIGN_PENDING');
    expect(refused(claimed, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { coSign: { signed: 0, open: 2 } }))).toBe('COSIGN_PENDING');
    const r = step(compiled, claimed, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { coSign: { signed: 0, open: 1 } }));
    expect(r.ok ? null : r.refusal).toMatchObject({ code: 'COSIGN_PENDING', details: { needed: 1, signed: 0, open: 1, stage: 'review' } });
    expect(go(claimed, { type: 'return', comment: 'Bổ sung' }, ctxFor(supUp1, t0, 'g1', data)).snapshot.stage).toBe('draft');
    expect(go(claimed, { type: 'approve' }, ctxFor(supUp1, t0, 'g1', data, { coSign: { signed: 1, open: 0 } })).snapshot.stage).toBe('second_review');
  });

  it('someone who is not the holder still gets the holder refusal, not the co-sign one', () => {
    const { compiled, claimed } = claimedReview(planDef({ required: true }));
    const other = { userId: 'sup-up1c', roles: [{ role: 'supervisor' as const, unitId: 'up1' }] };
    expect(runner(compiled).refused(claimed, { type: 'approve' }, ctxFor(other, t0, 'g1', data))).toBe('NOT_CLAIMANT');
  });

  it('the allowed actions leave a waiting decision out and offer it once signed', () => {
    const { compiled, claimed } = claimedReview(planDef({ required: true, waitForAll: true }));
    const waiting = allowedEvents(compiled, claimed, ctxFor(supUp1, t0, 'g1', data, { coSign: { signed: 1, open: 1 } })).map((a) => a.event);
    expect(waiting).not.toContain('approve');
    expect(waiting).toContain('return');
    const signed = allowedEvents(compiled, claimed, ctxFor(supUp1, t0, 'g1', data, { coSign: { signed: 2, open: 0 } })).map((a) => a.event);
    expect(signed).toContain('approve');
    // The same with missing fields: the decision is still left out while it waits (not offered "pending on data").
    const empty = allowedEvents(compiled, claimed, ctxFor(supUp1, t0, 'g1', {}, { coSign: { signed: 0, open: 0 } })).map((a) => a.event);
    expect(empty).not.toContain('approve');
  });

  it('requireCoSigned throws a refusal only for waiting forward events', () => {
    const def = planDef({ required: true });
    expect(() => requireCoSigned(def, { stage: 'review' }, 'reject', undefined)).not.toThrow();
    expect(() => requireCoSigned(def, { stage: 'review' }, 'approve', undefined)).toThrow(RefusalError);
    expect(() => requireCoSigned(def, { stage: 'draft' }, 'submit', undefined)).not.toThrow();
  });

  it('only the holder of active work asks, at a stage that allows the kind, people who read the item, never themselves', () => {
    const { claimed } = claimedReview(planDef({ required: true }));
    const def = planDef({ required: true });
    const reader = (userId: string, readsItem = true) => ({ userId, readsItem });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'cosign', recipients: [reader('sup-up1b')] })).toBeNull();
    expect(askProblem(def, claimed, { requesterId: 'sup-up1b', kind: 'help', recipients: [reader('x')] })).toEqual({ code: 'NOT_HOLDER' });
    expect(askProblem(def, { ...claimed, status: 'suspended' }, { requesterId: 'sup-up1', kind: 'help', recipients: [reader('x')] })).toEqual({ code: 'ITEM_NOT_ACTIVE' });
    expect(askProblem(planDef(), claimed, { requesterId: 'sup-up1', kind: 'cosign', recipients: [reader('x')] })).toEqual({ code: 'HELP_NOT_ALLOWED', kind: 'cosign' });
    expect(askProblem(unitPlanDefinition, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [reader('x')] })).toEqual({ code: 'HELP_NOT_ALLOWED', kind: 'help' });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [] })).toEqual({ code: 'NO_RECIPIENTS' });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [reader('sup-up1')] })).toEqual({ code: 'SELF' });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [reader('a'), reader('b', false)] })).toEqual({ code: 'CANNOT_READ', userIds: ['b'] });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [reader('a')], alreadyAsked: ['a'] })).toEqual({ code: 'ALREADY_ASKED', userIds: ['a'] });
  });

  it('separation of duties: the submitter cannot be asked to co-sign a deciding stage (but may be asked for help)', () => {
    const { claimed } = claimedReview(planDef({ required: true }));
    const def = planDef({ required: true });
    expect(claimed.submitterId).toBe('off-g1');
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'cosign', recipients: [{ userId: 'off-g1', readsItem: true }] })).toEqual({ code: 'SEPARATION_OF_DUTIES', userIds: ['off-g1'] });
    expect(askProblem(def, claimed, { requesterId: 'sup-up1', kind: 'help', recipients: [{ userId: 'off-g1', readsItem: true }] })).toBeNull();
  });

  it('answers fit their kind; a reply and a decline need a text', () => {
    expect(answerProblem('help', 'reply', 'Ý kiến')).toBeNull();
    expect(answerProblem('help', 'reply', '  ')).toBe('TEXT_REQUIRED');
    expect(answerProblem('help', 'sign', undefined)).toBe('WRONG_ANSWER');
    expect(answerProblem('cosign', 'sign', undefined)).toBeNull();
    expect(answerProblem('cosign', 'decline', '')).toBe('TEXT_REQUIRED');
    expect(answerProblem('cosign', 'decline', 'Chưa đủ căn cứ')).toBeNull();
    expect(answerProblem('cosign', 'reply', 'x')).toBe('WRONG_ANSWER');
    expect([statusAfter('reply'), statusAfter('sign'), statusAfter('decline')]).toEqual(['replied', 'signed', 'declined']);
  });

  it('an open request of a stage entry the item left has lapsed', () => {
    expect(effectiveStatus('open', 3, { seq: 3, status: 'active' })).toBe('open');
    expect(effectiveStatus('open', 3, { seq: 3, status: 'suspended' })).toBe('open');
    expect(effectiveStatus('open', 3, { seq: 4, status: 'active' })).toBe('lapsed');
    expect(effectiveStatus('open', 3, { seq: 3, status: 'final' })).toBe('lapsed');
    expect(effectiveStatus('signed', 3, { seq: 4, status: 'active' })).toBe('signed');
  });

  it('the validator checks help with paths', () => {
    const good = planDef({ required: true, minimum: 2, waitForAll: true });
    expect(validateDefinition(good).filter((p) => p.path.includes('help'))).toEqual([]);
    const bad = structuredClone(unitPlanDefinition) as unknown as { stages: Record<string, Record<string, unknown>> };
    bad.stages.review.help = { allowed: 'yes', coSign: { minimum: 0, sometimes: true } };
    bad.stages.approved.help = { allowed: true };
    const problems = validateDefinition(bad as unknown as WorkflowDefinition).map((p) => `${p.path} ${p.code}`);
    expect(problems).toEqual(expect.arrayContaining([
      'stages.review.help.allowed shape.boolean',
      'stages.review.help.coSign.sometimes unknown_key',
      'stages.review.help.coSign.minimum shape.co_sign_minimum',
      'stages.approved.help shape.help_stage',
    ]));
    const unused = planDef({ minimum: 2 });
    expect(validateDefinition(unused).map((p) => `${p.path} ${p.code}`)).toContain('stages.review.help.coSign.minimum shape.co_sign_minimum_unused');
  });
});
