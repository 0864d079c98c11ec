import { evaluate, fieldsRead, checkExpressionShape } from './expression';
import { validateData } from './validate-data';
import { addDays, isWorkingDay } from './calendar';
import { matchesChildSelector, planChildren, resolveUnit } from './units';
import { tallyVote } from './vote';
import { joinStatus } from './join-rule';
import { tree } from './__fixtures__/world';
import { memoryTree } from './memory-tree';
import type { Expression } from './expression-types';

const scope = { data: { score: 7, name: 'b', tags: ['x', 'y'], nested: { a: 1 } }, context: { unitKind: 'grassroots_union' } };

describe('expression', () => {
  it('evaluates every operator', () => {
    const e = (x: Expression) => evaluate(x, scope);
    expect(e({ op: '>=', left: { field: 'data.score' }, right: { const: 5 } })).toBe(true);
    expect(e({ op: '>', left: { field: 'data.score' }, right: { const: 7 } })).toBe(false);
    expect(e({ op: '<', left: { field: 'data.name' }, right: { const: 'c' } })).toBe(true);
    expect(e({ op: '<=', left: { field: 'data.name' }, right: { const: 'a' } })).toBe(false);
    expect(e({ op: '<', left: { field: 'data.name' }, right: { const: 3 } })).toBe(false);
    expect(e({ op: '==', left: { field: 'data.missing' }, right: { const: null } })).toBe(false);
    expect(e({ op: '!=', left: { field: 'data.score' }, right: { const: 8 } })).toBe(true);
    expect(e({ op: 'in', left: { const: 'x' }, right: { field: 'data.tags' } })).toBe(true);
    expect(e({ op: 'in', left: { const: 'x' }, right: { field: 'data.name' } })).toBe(false);
    expect(e({ op: '==', left: { field: 'data.tags.length' }, right: { const: 2 } })).toBe(true);
    expect(e({ op: '==', left: { field: 'data.tags.0' }, right: { const: 'x' } })).toBe(false);
    expect(e({ op: '==', left: { field: 'data.nested.a' }, right: { const: 1 } })).toBe(true);
    expect(e({ op: 'exists', field: 'data.score.deeper' })).toBe(false);
    expect(e({ op: 'and', args: [{ op: 'const', value: true }, { op: 'not', arg: { op: 'exists', field: 'data.none' } }] })).toBe(true);
    expect(e({ op: 'or', args: [{ op: 'const', value: false }, { op: '==', left: { field: 'context.unitKind' }, right: { const: 'grassroots_union' } }] })).toBe(true);
  });

  it('lists the fields read and checks shapes', () => {
    const x: Expression = { op: 'and', args: [{ op: 'exists', field: 'data.a' }, { op: 'not', arg: { op: 'in', left: { field: 'data.b' }, right: { const: [1] } } }, { op: 'const', value: true }, { op: '==', left: { field: 'data.a' }, right: { const: 1 } }] };
    expect(fieldsRead(x)).toEqual(['data.a', 'data.b']);
    expect(checkExpressionShape(x, 'g')).toEqual([]);
    expect(checkExpressionShape({ op: 'and', args: [] }, 'g')[0].code).toBe('expression.args');
    expect(checkExpressionShape({ op: 'const' }, 'g')[0].code).toBe('expression.const');
    expect(checkExpressionShape({ op: 'exists' }, 'g')[0].code).toBe('expression.field');
    expect(checkExpressionShape(5, 'g')[0].code).toBe('expression.shape');
    expect(checkExpressionShape({ op: '==', left: 3, right: { x: 1 } }, 'g').map((p) => p.code)).toEqual(['expression.operand', 'expression.operand']);
    expect(checkExpressionShape({ op: '==', left: { field: '' }, right: { const: { a: 1 } } }, 'g').map((p) => p.path)).toEqual(['g.left.field', 'g.right.const']);
  });
});

describe('validateData', () => {
  it('reports every problem with its path', () => {
    const problems = validateData(
      [
        { name: 's', type: 'string', required: true, min: 2, max: 3 },
        { name: 'n', type: 'number', min: 1 },
        { name: 'i', type: 'integer', max: 3 },
        { name: 'b', type: 'boolean' },
        { name: 'd', type: 'date' },
        { name: 'e', type: 'enum', values: ['a'] },
        { name: 'e2', type: 'enum' },
        { name: 'arr', type: 'array', max: 1, items: { type: 'object', properties: [{ name: 'name', type: 'string', required: true, label: { vi: 'Tên' } }] } },
        { name: 'o', type: 'object' },
        { name: 'l', type: 'array' },
        { name: 'miss', type: 'string', required: true },
      ],
      { s: 'abcd', n: 0, i: 4, b: 'no', d: '2025-13-45', e: 'z', e2: 'z', arr: [{}, { name: 5 }], o: [], l: 3 },
    );
    expect(problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      's:too_big',
      'n:too_small',
      'i:too_big',
      'b:invalid_type',
      'd:invalid_format',
      'e:invalid_enum',
      'e2:invalid_enum',
      'arr:too_big',
      'arr[0].name:required',
      'arr[1].name:invalid_type',
      'o:invalid_type',
      'l:invalid_type',
      'miss:required',
    ]);
    expect(validateData([{ name: 'x', type: 'string', required: true, label: { vi: 'Tên' } }], {})[0].message).toContain('Tên');
    expect(validateData([{ name: 'n', type: 'number' }, { name: 'i', type: 'integer' }, { name: 'arr', type: 'array' }], { n: 'x', i: 1.5, arr: [1] })).toHaveLength(2);
  });
});

describe('calendar', () => {
  it('counts working days skipping weekends and holidays, in Vietnam time', () => {
    expect(addDays('2025-03-07T02:00:00.000Z', 1, 'working')).toBe('2025-03-10T02:00:00.000Z');
    expect(addDays('2025-04-28T02:00:00.000Z', 3, 'working', { holidays: ['2025-04-30', '2025-05-01', '2025-05-02'] })).toBe('2025-05-06T02:00:00.000Z');
    expect(addDays('2025-03-10T02:00:00.000Z', -1, 'working')).toBe('2025-03-07T02:00:00.000Z');
    expect(addDays('2025-03-07T02:00:00.000Z', 2, 'calendar')).toBe('2025-03-09T02:00:00.000Z');
    expect(isWorkingDay(Date.parse('2025-03-07T20:00:00.000Z'))).toBe(false); // Saturday 03:00 in Vietnam
    expect(isWorkingDay(Date.parse('2025-03-07T20:00:00.000Z'), { utcOffsetMinutes: 0 })).toBe(true);
  });
});

describe('units', () => {
  it('resolves selectors and child selectors', () => {
    expect(resolveUnit({ kind: 'own' }, 'g1', tree)?.id).toBe('g1');
    expect(resolveUnit({ kind: 'parent' }, 'g1', tree)?.id).toBe('up1');
    expect(resolveUnit({ kind: 'parent' }, 'tld', tree)).toBeUndefined();
    expect(resolveUnit({ kind: 'ancestor_of_kind', unitKind: 'province_federation' }, 'sub1', tree)?.id).toBe('prov');
    expect(resolveUnit({ kind: 'ancestor_of_kind', unitKind: 'province_federation' }, 'prov', tree)).toBeUndefined();
    expect(resolveUnit({ kind: 'ancestor_of_kind', unitKind: 'province_federation', includeSelf: true }, 'prov', tree)?.id).toBe('prov');
    expect(resolveUnit({ kind: 'fixed', unitCode: 'CD-GD' }, 'g1', tree)?.id).toBe('up2');
    expect(resolveUnit({ kind: 'from_data', field: 'u' }, 'g1', tree, { u: 'g3' })?.id).toBe('g3');
    expect(resolveUnit({ kind: 'from_data', field: 'u' }, 'g1', tree, { u: 3 })).toBeUndefined();
    expect(matchesChildSelector({ kind: 'descendants_of_kind', unitKind: 'grassroots_union' }, 'g3', 'prov', tree)).toBe(true);
    expect(matchesChildSelector({ kind: 'children_of_kind', unitKind: 'grassroots_union' }, 'g1', 'prov', tree)).toBe(false);
    expect(matchesChildSelector({ kind: 'children_of_kind', unitKind: 'grassroots_union' }, 'g4', 'prov', tree)).toBe(true);
    expect(matchesChildSelector({ kind: 'children_of_kind' }, 'up1', 'prov', tree)).toBe(true);
    expect(matchesChildSelector({ kind: 'children_of_kind' }, 'prov', 'prov', tree)).toBe(false);
    expect(matchesChildSelector({ kind: 'children_of_kind' }, 'g3', 'up1', tree)).toBe(false);
    expect(planChildren(['g1', 'g2'], ['g2', 'g3', 'g3'])).toEqual({ spawn: ['g3'], keep: ['g2'], movedOut: ['g1'] });
    const broken = memoryTree([{ id: 'a', code: 'A', kind: 'x', parentId: 'missing' }, { id: 'b', code: 'B', kind: 'x', parentId: 'c' }, { id: 'c', code: 'C', kind: 'x', parentId: 'b' }]);
    expect(broken.ancestors('a')).toEqual([]);
    expect(broken.ancestors('b').map((u) => u.id)).toEqual(['c']);
  });
});

describe('vote and join rules', () => {
  const spec = { quorum: 2 / 3, passRatio: 0.9, passBasis: 'eligible' as const, tie: 'fail' as const };
  it('tallies', () => {
    expect(tallyVote(spec, { yes: 5, no: 0, abstain: 0 }, 9)).toBe('no_quorum');
    expect(tallyVote(spec, { yes: 6, no: 0, abstain: 0 }, 9)).toBe('failed');
    expect(tallyVote(spec, { yes: 9, no: 0, abstain: 0 }, 10)).toBe('passed');
    expect(tallyVote(spec, { yes: 0, no: 0, abstain: 0 }, 0)).toBe('no_quorum');
    const half = { quorum: 0, passRatio: 0.5, tie: 'pass' as const };
    expect(tallyVote(half, { yes: 2, no: 2, abstain: 0 }, 4)).toBe('passed');
    expect(tallyVote({ ...half, tie: 'fail' }, { yes: 2, no: 2, abstain: 0 }, 4)).toBe('failed');
    expect(tallyVote({ ...half, tie: 'chair_decides' }, { yes: 2, no: 2, abstain: 0 }, 4)).toBe('tie');
    expect(tallyVote(half, { yes: 0, no: 0, abstain: 0 }, 4)).toBe('failed');
  });
  it('joins', () => {
    expect(joinStatus({ kind: 'all' }, { total: 3, settled: 2, submitted: 2 })).toBeNull();
    expect(joinStatus({ kind: 'count', n: 2 }, { total: 3, settled: 2, submitted: 2 })).toBe('rule');
    expect(joinStatus({ kind: 'share', share: 0.8 }, { total: 0, settled: 0, submitted: 0 })).toBe('rule');
    expect(joinStatus({ kind: 'share', share: 0.8 }, { total: 5, settled: 5, submitted: 3 })).toBe('exhausted');
  });
});
