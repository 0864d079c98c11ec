import { designationProblems } from './designation';
import { labDefinition } from './__fixtures__/lab-definition';
import { ctxFor, officerG1 } from './__fixtures__/world';
import type { Role } from './roles';

// Who holds what: sup-prov is a supervisor at the province (the `sign` stage's unit); off-g1 is only an officer.
const holdings: Record<string, Array<[Role, string]>> = { 'sup-prov': [['supervisor', 'prov']], 'off-g1': [['officer', 'g1']] };
const holdsRole = (userId: string, role: Role, unitId: string): boolean => (holdings[userId] ?? []).some(([r, u]) => r === role && u === unitId);
const ctx = ctxFor(officerG1, '2025-03-07T02:00:00.000Z', 'g1', {}, { holdsRole });

describe('designations in item data (issue 15, line 6, deferred distribution)', () => {
  it('accepts a designee who holds the stage role at the stage unit', () => {
    expect(designationProblems(labDefinition, { reviewer: 'sup-prov' }, ctx, 'off-g1', ['reviewer'])).toEqual([]);
  });

  it('refuses a designee who lacks the role there, naming the field and the stage', () => {
    expect(designationProblems(labDefinition, { reviewer: 'sup-up1' }, ctx, 'off-g1', ['reviewer'])).toEqual([{ field: 'reviewer', stage: 'sign', userId: 'sup-up1', reason: 'lacks_role' }]);
  });

  it('refuses designating the submitter for a deciding stage (separation of duties)', () => {
    expect(designationProblems(labDefinition, { reviewer: 'off-g1' }, ctx, 'off-g1', ['reviewer'])).toEqual([{ field: 'reviewer', stage: 'sign', userId: 'off-g1', reason: 'separation_of_duties' }]);
  });

  it('checks only the fields being entered, and ignores an empty designation', () => {
    expect(designationProblems(labDefinition, { reviewer: 'sup-up1' }, ctx, 'off-g1', ['score'])).toEqual([]);
    expect(designationProblems(labDefinition, { reviewer: '' }, ctx, 'off-g1', ['reviewer'])).toEqual([]);
  });
});
