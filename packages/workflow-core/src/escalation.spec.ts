import { compileDefinition } from './compile';
import type { WorkflowDefinition } from './definition-types';
import { resolveEscalationTarget } from './escalation';
import type { JsonObject } from './json';
import type { Role } from './roles';
import type { WorkItemSnapshot } from './snapshot-types';
import { validateDefinition } from './validate-definition';
import { runner } from './__fixtures__/steps';
import { SYSTEM, ctxFor, officerG1, supUp1, user } from './__fixtures__/world';

/** Review at the grassroots union's parent, escalated in a chain: province supervisors, the province chair, a named person. */
function chainDefinition(): WorkflowDefinition {
  return {
    schemaVersion: 1,
    key: 'esc_lab',
    version: 1,
    name: { vi: 'Chuỗi chuyển cấp' },
    initialStage: 'draft',
    stages: {
      draft: { kind: 'task', name: { vi: 'Soạn' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
      review: {
        kind: 'task',
        name: { vi: 'Duyệt' },
        actor: { role: 'supervisor', unit: { kind: 'parent' } },
        transitions: [
          { on: 'approve', target: 'done' },
          { on: 'return', target: 'draft' },
        ],
        deadline: {
          days: 2,
          calendar: 'calendar',
          escalations: [
            { afterDays: 0, action: 'notify' },
            { afterDays: 1, action: 'reassign', to: { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } } },
            { afterDays: 2, action: 'reassign', to: { chairOf: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } } },
            { afterDays: 3, action: 'reassign', to: { person: { username: 'tdkt' } } },
          ],
        },
      },
      done: { kind: 'final', name: { vi: 'Xong' }, outcome: 'approved' },
    },
  };
}

const t0 = '2025-03-03T02:00:00.000Z';
const holders: Array<[string, Role, string]> = [
  ['sup-up1', 'supervisor', 'up1'],
  ['sup-prov', 'supervisor', 'prov'],
  ['chair-prov', 'supervisor', 'prov'],
  ['tdkt-user', 'supervisor', 'prov'],
];
const extra = {
  holdsRole: (u: string, r: Role, unit: string) => holders.some(([hu, hr, hunit]) => hu === u && hr === r && (hunit === unit || (hunit === 'prov' && ['prov', 'up1', 'g1'].includes(unit)))),
  chairOf: (unitId: string) => (unitId === 'prov' ? 'chair-prov' : undefined),
  userIdOf: (username: string) => (username === 'tdkt' ? 'tdkt-user' : undefined),
};

describe('escalation to any routing selector, in chains (issue 15, line 4)', () => {
  const compiled = compileDefinition(chainDefinition());
  const { go } = runner(compiled);
  const atReview = (): WorkItemSnapshot => go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', {}, extra)).snapshot;
  const escalationTimers = (s: WorkItemSnapshot) => (s.deadline?.timers ?? []).filter((t) => t.kind === 'escalation').sort((a, b) => a.index - b.index);
  const fire = (s: WorkItemSnapshot, index: number, data: JsonObject = {}) => {
    const t = escalationTimers(s).find((x) => x.index === index);
    if (!t) throw new Error(`no pending escalation ${index}`);
    return go(s, { type: 'timer.fired', key: t.key, kind: 'escalation' }, ctxFor(SYSTEM, t.fireAt, 'g1', data, extra));
  };

  it('the definition is valid; the steps are scheduled in order after the deadline', () => {
    expect(validateDefinition(chainDefinition(), { knownUsernames: ['tdkt'] })).toEqual([]);
    const s = atReview();
    expect(escalationTimers(s).map((t) => t.fireAt)).toEqual(['2025-03-05T02:00:00.000Z', '2025-03-06T02:00:00.000Z', '2025-03-07T02:00:00.000Z', '2025-03-08T02:00:00.000Z']);
  });

  it('each step hands the work on and notifies the receiver and the one it was taken from', () => {
    let s = atReview();
    s = go(s, { type: 'claim' }, ctxFor(supUp1, t0, 'g1', {}, extra)).snapshot;
    s = fire(s, 0).snapshot;
    expect(s.assignment).toMatchObject({ unitId: 'up1', claimedBy: 'sup-up1' });

    const r1 = fire(s, 1);
    expect(r1.snapshot.assignment).toEqual({ unitId: 'prov', role: 'supervisor', mode: 'offer' });
    expect(r1.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { unitId: 'prov', role: 'supervisor', except: ['off-g1'] }, template: 'item.escalated' }));
    expect(r1.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { userId: 'sup-up1' }, template: 'item.escalated_away' }));
    expect(r1.effects.find((e) => e.type === 'audit')).toMatchObject({ details: { escalations: [{ step: 1, action: 'reassign', from: { userId: 'sup-up1' }, to: { unitId: 'prov', role: 'supervisor' } }] } });

    const r2 = fire(r1.snapshot, 2);
    expect(r2.snapshot.assignment).toEqual({ unitId: 'prov', role: 'supervisor', mode: 'direct', userId: 'chair-prov' });
    expect(r2.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { userId: 'chair-prov' }, template: 'item.escalated' }));
    expect(r2.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { unitId: 'prov', role: 'supervisor' }, template: 'item.escalated_away' }));

    const r3 = fire(r2.snapshot, 3);
    expect(r3.snapshot.assignment).toEqual({ unitId: 'prov', role: 'supervisor', mode: 'direct', userId: 'tdkt-user' });
    expect(r3.effects).toContainEqual(expect.objectContaining({ type: 'notify', to: { userId: 'chair-prov' }, template: 'item.escalated_away' }));
    expect(escalationTimers(r3.snapshot)).toEqual([]);
    // The named person decides; the stage's timers go with the stage.
    const done = go(r3.snapshot, { type: 'approve' }, ctxFor(user('tdkt-user', ['supervisor', 'prov']), r3.snapshot.deadline?.dueAt ?? t0, 'g1', {}, extra));
    expect(done.outcome).toBe('approved');
  });

  it('a later step found due first applies the earlier ones once, in order; their own timers then come stale', () => {
    const s = atReview();
    const r = fire(s, 3);
    expect(r.snapshot.assignment).toMatchObject({ mode: 'direct', userId: 'tdkt-user' });
    expect((r.effects.find((e) => e.type === 'audit')?.details as { escalations: Array<{ step: number }> }).escalations.map((e) => e.step)).toEqual([0, 1, 2, 3]);
    const stale = go(null, { type: 'submit' }, ctxFor(officerG1, t0, 'g1', {}, extra)).snapshot;
    const key = escalationTimers(stale)[1].key;
    const res = runner(compiled).refused(r.snapshot, { type: 'timer.fired', key, kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1', {}, extra));
    expect(res).toBe('INVALID_EVENT');
  });

  it('a receiver who cannot take it is skipped with a reason and the work stays', () => {
    const s = fire(fire(atReview(), 0).snapshot, 1).snapshot;
    const noChair = go(s, { type: 'timer.fired', key: escalationTimers(s)[0].key, kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1', {}, { ...extra, chairOf: () => undefined }));
    expect(noChair.snapshot.assignment).toEqual(s.assignment);
    expect(noChair.effects.find((e) => e.type === 'audit')).toMatchObject({ details: { escalations: [{ step: 2, skipped: 'no_chair' }] } });
    expect(noChair.effects).toContainEqual(expect.objectContaining({ template: 'deadline.escalation_skipped', params: expect.objectContaining({ reason: 'no_chair' }) }));
    const lacks = go(s, { type: 'timer.fired', key: escalationTimers(s)[0].key, kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1', {}, { ...extra, chairOf: () => 'sup-up1' }));
    expect(lacks.effects.find((e) => e.type === 'audit')).toMatchObject({ details: { escalations: [{ step: 2, skipped: 'lacks_role', userId: 'sup-up1' }] } });
  });

  it('separation of duties bars a named receiver: the submitter is never handed their own review', () => {
    const def = chainDefinition();
    const snap = { submitterId: 'tdkt-user', acted: {}, stage: 'review', assignment: { unitId: 'up1', role: 'supervisor' as const, mode: 'offer' as const } };
    const ctx = { ...ctxFor(SYSTEM, t0, 'g1', {}, extra) };
    expect(resolveEscalationTarget(def, snap, ctx, { person: { username: 'tdkt' } })).toEqual({ ok: false, reason: 'separation_of_duties', details: { userId: 'tdkt-user', rule: 'submitter' } });
    expect(resolveEscalationTarget(def, snap, ctx, { person: { username: 'nobody' } })).toMatchObject({ ok: false, reason: 'unknown_person' });
    expect(resolveEscalationTarget(def, snap, ctx, { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'nowhere' } })).toMatchObject({ ok: false, reason: 'no_unit' });
    expect(resolveEscalationTarget(def, snap, ctx, { chairOf: { kind: 'own' } })).toEqual({ ok: false, reason: 'no_chair', details: { unitId: 'g1' } });
  });

  it('an offer to a role leaves the barred out, like any offer', () => {
    const def = chainDefinition();
    const compiledSod = compileDefinition(def);
    const sup = user('sup-prov', ['supervisor', 'prov'], ['officer', 'g1']);
    const s = runner(compiledSod).go(null, { type: 'submit' }, ctxFor(sup, t0, 'g1', {}, extra)).snapshot;
    const r = fire(fire(s, 0).snapshot, 1);
    expect(r.snapshot.assignment).toMatchObject({ unitId: 'prov', mode: 'offer' });
    expect(r.effects).toContainEqual(expect.objectContaining({ template: 'item.escalated', to: { unitId: 'prov', role: 'supervisor', except: ['sup-prov'] } }));
    // ...and the chair step skips a chair who submitted the item.
    const chairSubmitted = fire(r.snapshot, 2, {});
    expect(chairSubmitted.snapshot.assignment).toMatchObject({ mode: 'direct', userId: 'chair-prov' });
    const barred = go(r.snapshot, { type: 'timer.fired', key: escalationTimers(r.snapshot)[0].key, kind: 'escalation' }, ctxFor(SYSTEM, t0, 'g1', {}, { ...extra, chairOf: () => 'sup-prov' }));
    expect(barred.snapshot.assignment).toEqual(r.snapshot.assignment);
    expect(barred.effects.find((e) => e.type === 'audit')).toMatchObject({ details: { escalations: [{ step: 2, skipped: 'separation_of_duties', rule: 'submitter' }] } });
  });

  it('the validator rejects malformed steps with their paths', () => {
    const def = chainDefinition() as unknown as { stages: { review: { deadline: { escalations: unknown[] } } } };
    def.stages.review.deadline.escalations = [
      { afterDays: 2, action: 'reassign', to: { person: { username: 'ghost' } } },
      { afterDays: 1, action: 'notify' },
      { afterDays: 3, action: 'reassign' },
      { afterDays: 4, action: 'notify', to: { role: 'supervisor', unit: { kind: 'parent' } } },
      { afterDays: 5, action: 'reassign', to: { chairOf: { kind: 'sideways' } } },
      { afterDays: 6, action: 'reassign', to: { role: 'mayor', unit: { kind: 'own' } } },
    ];
    const problems = validateDefinition(def, { knownUsernames: ['tdkt'] }).map((p) => `${p.path} ${p.code}`);
    const at = 'stages.review.deadline.escalations';
    expect(problems).toEqual(
      expect.arrayContaining([
        `${at}[0].to.person.username unknown_person`,
        `${at}[1].afterDays escalation.order`,
        `${at}[2].to shape.escalation_target`,
        `${at}[3].to escalation.target_without_reassign`,
        `${at}[4].to.chairOf.kind shape.unit_selector`,
        `${at}[5].to.role shape.role`,
      ]),
    );
  });
});
