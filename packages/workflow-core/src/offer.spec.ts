import fc from 'fast-check';
import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import { excludedAt, exclusionOf, stageDecides } from './offer';
import { runner } from './__fixtures__/steps';
import { ctxFor, supUp1, supUp1b, user } from './__fixtures__/world';
import { step } from './step';

// A person who is both the grassroots officer (submits) and a district supervisor (reviews): the barred submitter.
const dual = user('dual', ['officer', 'g1'], ['supervisor', 'up1']);
const t0 = '2025-03-07T02:00:00.000Z';
const data = { goals: 'Mục tiêu', measures: 'Giải pháp', models: [{ name: 'Mô hình' }], timeline: 'Quý II' };

function planDef(): WorkflowDefinition {
  const d = structuredClone(unitPlanDefinition);
  // Keep the review stage only: approve goes straight to approved.
  for (const t of d.stages.review.transitions ?? []) if (t.on === 'approve') delete t.guard;
  return d;
}
const compiled = compileDefinition(planDef());
const { go, refused } = runner(compiled);

function submittedByDual() {
  const c = go(null, { type: 'create' }, ctxFor(dual, t0, 'g1', data));
  const filled = data;
  return { snap: go(c.snapshot, { type: 'submit' }, ctxFor(dual, t0, 'g1', filled)).snapshot, filled };
}

describe('offer: separation of duties before the decision (issue 15, line 1)', () => {
  it('bars the submitter from a deciding stage, not from their own draft', () => {
    const def = planDef();
    expect(stageDecides(def, 'draft')).toBe(false);
    expect(stageDecides(def, 'review')).toBe(true);
    const snap = { submitterId: 'dual', acted: {} };
    expect(excludedAt(def, snap, 'review')).toEqual([{ userId: 'dual', rule: 'submitter' }]);
    expect(excludedAt(def, snap, 'draft')).toEqual([]);
    expect(excludedAt({ ...def, separationOfDuties: { submitterCannotApprove: false } }, snap, 'review')).toEqual([]);
  });

  it('bars whoever acted at a distinctFrom stage (both directions) and the person they acted for', () => {
    const def = planDef();
    const acted = { review: { userId: 'rev', onBehalfOf: 'chief', event: 'approve', at: t0 } };
    expect(exclusionOf(def, { submitterId: null, acted }, 'second_review', 'rev')).toEqual({ userId: 'rev', rule: 'distinctFrom', stage: 'review' });
    expect(exclusionOf(def, { submitterId: null, acted }, 'second_review', 'chief')?.rule).toBe('distinctFrom');
    const back = { second_review: { userId: 'rev2', event: 'return', at: t0 } };
    expect(exclusionOf(def, { submitterId: null, acted: back }, 'review', 'rev2')?.stage).toBe('second_review');
  });

  it('the barred submitter cannot claim, save a draft, be handed or reassigned the review', () => {
    const { snap } = submittedByDual();
    expect(snap.stage).toBe('review');
    expect(refused(snap, { type: 'claim' }, ctxFor(dual, t0, 'g1'))).toBe('SEPARATION_OF_DUTIES');
    expect(refused(snap, { type: 'save_draft', draft: { note: 'x' } }, ctxFor(dual, t0, 'g1'))).toBe('SEPARATION_OF_DUTIES');
    const claimed = go(snap, { type: 'claim' }, ctxFor(supUp1, t0, 'g1')).snapshot;
    const r = step(compiled, claimed, { type: 'handover', toUserId: 'dual' }, ctxFor(supUp1, t0, 'g1'));
    expect(r.ok ? null : r.refusal).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { rule: 'submitter', action: 'handover', userId: 'dual' } });
    const admin = user('adm', ['admin', 'prov']);
    expect(refused(claimed, { type: 'reassign', toUserId: 'dual' }, ctxFor(admin, t0, 'g1'))).toBe('SEPARATION_OF_DUTIES');
    // The others are unaffected: another reviewer can still be handed the item.
    expect(go(claimed, { type: 'handover', toUserId: 'sup-up1b' }, ctxFor(supUp1, t0, 'g1')).snapshot.assignment?.claimedBy).toBe('sup-up1b');
    expect(refused(snap, { type: 'approve' }, ctxFor(dual, t0, 'g1'))).toBe('SEPARATION_OF_DUTIES');
    void supUp1b;
  });

  it('the offer notification leaves the barred person out; a return by them does not route the item back to them', () => {
    const c = go(null, { type: 'create' }, ctxFor(dual, t0, 'g1', data));
    const { filled } = submittedByDual();
    const sub = go(c.snapshot, { type: 'submit' }, ctxFor(dual, t0, 'g1', filled));
    const notify = sub.effects.find((e) => e.type === 'notify' && e.template === 'item.assigned');
    expect(notify).toMatchObject({ to: { role: 'supervisor', except: ['dual'] } });
    // Even a stale "returned by" of the barred person is not honoured: the stage is offered.
    const atDraft = structuredClone(go(go(sub.snapshot, { type: 'claim' }, ctxFor(supUp1, t0, 'g1')).snapshot, { type: 'return', comment: 'sửa' }, ctxFor(supUp1, t0, 'g1')).snapshot);
    expect(go(atDraft, { type: 'submit' }, ctxFor(dual, t0, 'g1', filled)).snapshot.assignment?.claimedBy).toBe('sup-up1');
    atDraft.returnedBy.review = 'dual';
    const back = go(atDraft, { type: 'submit' }, ctxFor(dual, t0, 'g1', filled));
    expect(back.snapshot.assignment).toMatchObject({ mode: 'offer', role: 'supervisor' });
    expect(back.snapshot.assignment?.claimedBy).toBeUndefined();
  });

  it('property: whoever excludedAt names is refused claim and hand-over with SEPARATION_OF_DUTIES, others are not', () => {
    const { snap } = submittedByDual();
    const people = ['dual', 'sup-up1', 'sup-up1b'];
    fc.assert(
      fc.property(fc.constantFrom(...people), (who) => {
        const barred = exclusionOf(compiled.definition, snap, snap.stage, who) !== undefined;
        const actor = who === 'dual' ? dual : user(who, ['supervisor', 'up1']);
        const r = step(compiled, snap, { type: 'claim' }, ctxFor(actor, t0, 'g1'));
        expect(r.ok ? 'ok' : r.refusal.code).toBe(barred ? 'SEPARATION_OF_DUTIES' : 'ok');
        const held = go(snap, { type: 'claim' }, ctxFor(who === 'sup-up1' ? supUp1b : supUp1, t0, 'g1')).snapshot;
        const h = step(compiled, held, { type: 'handover', toUserId: who }, ctxFor(who === 'sup-up1' ? supUp1b : supUp1, t0, 'g1'));
        expect(h.ok ? 'ok' : h.refusal.code).toBe(barred ? 'SEPARATION_OF_DUTIES' : 'ok');
      }),
    );
  });
});
