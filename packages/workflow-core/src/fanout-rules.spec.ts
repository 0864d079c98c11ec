import fc from 'fast-check';
import { launchDefinition, unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import { childrenToFinish, isLateSubmission, spawningFanout } from './fanout-rules';
import { reroutedAssignment } from './moved-work';
import { memoryTree } from './memory-tree';
import { UNITS } from './__fixtures__/world';
import type { CurrentAssignment } from './snapshot-types';

function launchWith(late: boolean): WorkflowDefinition {
  const d = structuredClone(launchDefinition);
  const f = spawningFanout(d, 'launch_ack');
  if (!f) throw new Error('launch has no fan-out of launch_ack');
  d.stages[f.stage].fanout = { ...f.fanout, lateSubmissions: late };
  return d;
}

describe('fan-out rules (issue 15, line 7)', () => {
  it('finds the fan-out stage that spawns a child workflow', () => {
    expect(spawningFanout(launchDefinition, 'launch_ack')?.stage).toBe('cascade');
    expect(spawningFanout(launchDefinition, 'unit_plan')).toBeUndefined();
  });

  it('a late submission is one after the parent stopped collecting, where lateSubmissions is false', () => {
    const collecting = { status: 'active' as const, fanout: { rootUnitId: 'prov', childWorkflow: 'launch_ack', progress: null } };
    const movedOn = { status: 'active' as const, fanout: null };
    const ended = { status: 'final' as const, fanout: null };
    expect(isLateSubmission(launchWith(false), collecting, 'launch_ack')).toBe(false);
    expect(isLateSubmission(launchWith(false), movedOn, 'launch_ack')).toBe(true);
    expect(isLateSubmission(launchWith(false), ended, 'launch_ack')).toBe(true);
    expect(isLateSubmission(launchWith(true), movedOn, 'launch_ack')).toBe(false);
    // A parent that never fanned out this workflow refuses nothing.
    expect(isLateSubmission(launchWith(false), movedOn, 'unit_plan')).toBe(false);
  });

  it('which children a close or cancel finishes: submitted ones are spared unless the parent itself is cancelled', () => {
    expect(childrenToFinish('close', 'collection_closed')).toEqual({ onlyUnsubmitted: true, descendants: false });
    expect(childrenToFinish('cancel', 'join_met')).toEqual({ onlyUnsubmitted: true, descendants: true });
    expect(childrenToFinish('cancel', 'parent_cancelled')).toEqual({ onlyUnsubmitted: false, descendants: true });
    fc.assert(fc.property(fc.constantFrom('cancel', 'close') as fc.Arbitrary<'cancel' | 'close'>, fc.string(), (mode, reason) => {
      const r = childrenToFinish(mode, reason);
      // Whenever a join or a close finishes children, the submitted ones are spared.
      if (mode === 'close' || reason === 'join_met') expect(r.onlyUnsubmitted).toBe(true);
    }));
  });
});

describe('in-flight work of a moved unit (issue 15, line 7)', () => {
  // g1 moved from up1 to up2: the review (supervisor at the parent) follows to up2.
  const moved = memoryTree(UNITS.map((u) => (u.id === 'g1' ? { ...u, parentId: 'up2' } : u)));
  const at = (a: CurrentAssignment) => ({ stage: 'review', status: 'active' as const, assignment: a });
  const item = { unitId: 'g1', data: {} };

  it('default follow_tree: the new parent reviews; a holder who does not hold the role there is dropped', () => {
    const a: CurrentAssignment = { unitId: 'up1', role: 'supervisor', mode: 'offer', claimedBy: 'sup-up1', draft: { note: 'x' } };
    expect(reroutedAssignment(unitPlanDefinition, at(a), item, moved)).toEqual({ unitId: 'up2', role: 'supervisor', mode: 'offer', draft: { note: 'x' } });
    expect(reroutedAssignment(unitPlanDefinition, at(a), item, moved, (u) => u === 'sup-up1')?.claimedBy).toBe('sup-up1');
    const direct: CurrentAssignment = { unitId: 'up1', role: 'supervisor', mode: 'direct', userId: 'sup-up1' };
    expect(reroutedAssignment(unitPlanDefinition, at(direct), item, moved)).toEqual({ unitId: 'up2', role: 'supervisor', mode: 'offer' });
  });

  it('stay keeps the work where it is; an unchanged unit or a final item changes nothing', () => {
    const a: CurrentAssignment = { unitId: 'up1', role: 'supervisor', mode: 'offer' };
    expect(reroutedAssignment({ ...unitPlanDefinition, inFlightOnMove: 'stay' }, at(a), item, moved)).toBeNull();
    expect(reroutedAssignment(unitPlanDefinition, at(a), item, memoryTree(UNITS))).toBeNull();
    expect(reroutedAssignment(unitPlanDefinition, { ...at(a), status: 'final' }, item, moved)).toBeNull();
    // The draft stage's actor is at the item's own unit: a move does not change who drafts.
    expect(reroutedAssignment(unitPlanDefinition, { stage: 'draft', status: 'active', assignment: { unitId: 'g1', role: 'officer', mode: 'offer' } }, item, moved)).toBeNull();
  });
});
