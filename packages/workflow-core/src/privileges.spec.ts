import fc from 'fast-check';
import { compileDefinition } from './compile';
import { unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import type { WorkItemEvent } from './event-types';
import { holdingUnit, stagePrivilegeRoles } from './privileges';
import { validateDefinition } from './validate-definition';
import { runner } from './__fixtures__/steps';
import { adminProv, ctxFor, officerG1, supProv, supUp1, supUp2, tree, user } from './__fixtures__/world';
import { step } from './step';

const t0 = '2025-03-07T02:00:00.000Z';
const plan = { goals: 'Mục tiêu', measures: 'Giải pháp', models: [{ name: 'Mô hình' }], timeline: 'Quý II' };
// The grassroots union's own supervisor (a subtree role at g1): it covers its own item, not the district's review.
const supG1 = user('sup-g1', ['supervisor', 'g1']);

function def(fn: (d: WorkflowDefinition) => void = () => undefined): WorkflowDefinition {
  const d = structuredClone(unitPlanDefinition);
  fn(d);
  return d;
}

function atReview(d: WorkflowDefinition) {
  const compiled = compileDefinition(d);
  const { go } = runner(compiled);
  const snap = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan)).snapshot;
  return { compiled, snap, ...runner(compiled) };
}

describe('privileges per stage and role, at the unit holding the work (issue 15, line 2)', () => {
  it('the stage overrides the definition, which overrides the defaults; the validator knows stage privileges', () => {
    const d = def((d) => {
      d.privileges = { skip: ['supervisor'] };
      d.stages.review.privileges = { skip: ['admin'], suspend: ['officer'] };
    });
    expect(validateDefinition(d)).toEqual([]);
    expect(stagePrivilegeRoles(d, 'review', 'skip')).toEqual(['admin']);
    expect(stagePrivilegeRoles(d, 'draft', 'skip')).toEqual(['supervisor']);
    expect(stagePrivilegeRoles(d, 'draft', 'redo')).toEqual(['admin']);
    expect(stagePrivilegeRoles(d, 'draft', 'cancel')).toEqual(['admin']);
    const bad = def((d) => {
      (d.stages.review as unknown as Record<string, unknown>).privileges = { fly: ['admin'], skip: ['king'] };
    });
    expect(validateDefinition(bad).map((p) => `${p.path}|${p.code}`)).toEqual(expect.arrayContaining(['stages.review.privileges.fly|shape.privilege', 'stages.review.privileges.skip|shape.roles']));
  });

  it('the holding unit is the assignment’s (the district for the review), not the item’s', () => {
    const { snap, compiled } = atReview(def());
    expect(snap.assignment?.unitId).toBe('up1');
    const ctx = ctxFor(supUp1, t0, 'g1', plan);
    expect(holdingUnit(compiled.definition, snap, 'review', ctx)).toBe('up1');
    expect(holdingUnit(compiled.definition, snap, 'draft', ctx)).toBe('g1');
    expect(holdingUnit(compiled.definition, snap, 'second_review', ctx)).toBe('prov');
    void tree;
  });

  it('the submitting unit cannot suspend or skip the district’s review of its own item; the district can', () => {
    const { snap, refused, go } = atReview(def((d) => (d.stages.review.privileges = { skip: ['supervisor'], suspend: ['supervisor'] })));
    expect(refused(snap, { type: 'suspend' }, ctxFor(supG1, t0, 'g1', plan))).toBe('SCOPE');
    expect(refused(snap, { type: 'skip', reason: 'tự duyệt' }, ctxFor(supG1, t0, 'g1', plan))).toBe('SCOPE');
    expect(refused(snap, { type: 'suspend' }, ctxFor(supUp2, t0, 'g1', plan))).toBe('SCOPE');
    expect(refused(snap, { type: 'suspend' }, ctxFor(officerG1, t0, 'g1', plan))).toBe('ROLE');
    const suspended = go(snap, { type: 'suspend' }, ctxFor(supUp1, t0, 'g1', plan)).snapshot;
    expect(suspended.status).toBe('suspended');
    expect(refused(suspended, { type: 'resume' }, ctxFor(supG1, t0, 'g1', plan))).toBe('SCOPE');
    const resumed = go(suspended, { type: 'resume' }, ctxFor(supProv, t0, 'g1', plan)).snapshot;
    expect(go(resumed, { type: 'skip', reason: 'đã duyệt tại hội nghị' }, ctxFor(supUp1, t0, 'g1', plan)).toStage).toBe('approved');
  });

  it('redo is checked with the redone stage’s privileges at the unit that holds that stage', () => {
    const d = def((d) => {
      d.stages.draft.privileges = { redo: ['supervisor'] };
    });
    const { snap, refused, go } = atReview(d);
    // The draft stage's work is at g1: its own supervisor may reopen it; the district supervisor may not.
    expect(go(snap, { type: 'redo', stage: 'draft', reason: 'thiếu phụ lục' }, ctxFor(supG1, t0, 'g1', plan)).toStage).toBe('draft');
    expect(refused(snap, { type: 'redo', stage: 'draft' }, ctxFor(supUp2, t0, 'g1', plan))).toBe('SCOPE');
  });

  it('cancel where the stage has no cancel transition is the cancel privilege, with a reason', () => {
    const d = def((d) => {
      for (const t of d.stages.review.transitions ?? []) if (t.on === 'approve') delete t.guard;
      d.stages.review.transitions = (d.stages.review.transitions ?? []).filter((t) => t.on !== 'cancel');
    });
    const { snap, refused, go } = atReview(d);
    expect(refused(snap, { type: 'cancel', comment: 'x' }, ctxFor(supUp1, t0, 'g1', plan))).toBe('ROLE');
    expect(refused(snap, { type: 'cancel' }, ctxFor(adminProv, t0, 'g1', plan))).toBe('COMMENT_REQUIRED');
    const done = go(snap, { type: 'cancel', comment: 'đơn vị giải thể' }, ctxFor(adminProv, t0, 'g1', plan));
    expect(done.outcome).toBe('cancelled');
  });

  it('property: a privilege is granted exactly when the actor holds a listed role covering the holding unit', () => {
    const units = ['prov', 'up1', 'up2', 'g1', 'g2'];
    const roles = ['supervisor', 'admin', 'officer'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...units), fc.constantFrom(...roles), fc.subarray([...roles], { minLength: 1 }), (unit, role, listed) => {
        const d = def((d) => (d.stages.review.privileges = { suspend: [...listed] }));
        const compiled = compileDefinition(d);
        const snap = runner(compiled).go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', plan)).snapshot;
        const actor = user('p', [role, unit]);
        const r = step(compiled, snap, { type: 'suspend' } as WorkItemEvent, ctxFor(actor, t0, 'g1', plan));
        const subtree = role !== 'officer';
        const covers = unit === 'up1' || (subtree && unit === 'prov');
        expect(r.ok).toBe(listed.includes(role) && covers);
      }),
      { numRuns: 40 },
    );
  });
});
