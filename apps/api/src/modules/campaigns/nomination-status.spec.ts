import { commendationDefinition } from '@thidua/workflow-core';
import { nominationStatus, type NominationItemState } from './nomination-status';

const def = commendationDefinition;
const who = { nominatingUnitId: 'g1', nominatingParentId: 'up1' };
const snap = (over: Partial<NominationItemState['snapshot']> = {}): NominationItemState['snapshot'] => ({ returnCount: 0, vote: null, voteResults: {}, ...over });
const item = (over: Partial<NominationItemState>): NominationItemState => ({ stage: def.initialStage, status: 'active', outcome: null, assignedUnitId: 'g1', snapshot: snap(), ...over });
const voteStage = Object.entries(def.stages).find(([, s]) => s.kind === 'vote')![0];

describe('nominationStatus (derived from the item, never by stage id)', () => {
  it('draft, then returned once sent back, at the initial stage', () => {
    expect(nominationStatus(def, item({}), who, null)).toEqual({ status: 'draft', atUnitId: 'g1' });
    expect(nominationStatus(def, item({ snapshot: snap({ returnCount: 1 }) }), who, null).status).toBe('returned');
  });

  it('submitted when held by the unit itself or its parent, forwarded further up', () => {
    expect(nominationStatus(def, item({ stage: 'own_decision', assignedUnitId: 'g1' }), who, null).status).toBe('submitted');
    expect(nominationStatus(def, item({ stage: 'upper_appraisal', assignedUnitId: 'up1' }), who, null)).toEqual({ status: 'submitted', atUnitId: 'up1' });
    expect(nominationStatus(def, item({ stage: 'dept_appraisal', assignedUnitId: 'prov' }), who, null)).toEqual({ status: 'forwarded', atUnitId: 'prov' });
  });

  it('in_vote while the vote is open; the result of the vote the last step closed', () => {
    const open = snap({ vote: { eligible: ['a'], voters: [], tally: { yes: 0, no: 0, abstain: 0 } } });
    expect(nominationStatus(def, item({ stage: voteStage, assignedUnitId: 'prov', snapshot: open }), who, null).status).toBe('in_vote');
    const result = (outcome: 'passed' | 'failed' | 'no_quorum') => snap({ voteResults: { [voteStage]: { outcome, yes: 1, no: 0, abstain: 0, eligible: 5 } } });
    const closedBy = { event: 'vote.close', fromStage: voteStage, toStage: 'x' };
    expect(nominationStatus(def, item({ stage: 'decision', assignedUnitId: 'prov', snapshot: result('passed') }), who, closedBy).status).toBe('passed');
    expect(nominationStatus(def, item({ stage: 'dept_appraisal', assignedUnitId: 'prov', snapshot: result('no_quorum') }), who, closedBy).status).toBe('no_quorum');
    expect(nominationStatus(def, item({ stage: 'rejected', status: 'final', outcome: 'rejected', snapshot: result('failed') }), who, closedBy)).toEqual({ status: 'failed', atUnitId: null });
    // Returned by the decision stage after a passed vote: no longer "passed".
    expect(nominationStatus(def, item({ stage: 'dept_appraisal', assignedUnitId: 'prov', snapshot: result('passed') }), who, { event: 'return', fromStage: 'decision', toStage: 'dept_appraisal' }).status).toBe('forwarded');
  });

  it('final: awarded, withdrawn, rejected', () => {
    expect(nominationStatus(def, item({ stage: 'approved', status: 'final', outcome: 'approved' }), who, null).status).toBe('awarded');
    expect(nominationStatus(def, item({ stage: 'withdrawn', status: 'final', outcome: 'cancelled' }), who, null).status).toBe('withdrawn');
    expect(nominationStatus(def, item({ stage: 'rejected', status: 'final', outcome: 'rejected' }), who, { event: 'reject', fromStage: 'upper_appraisal', toStage: 'rejected' }).status).toBe('rejected');
  });
});
