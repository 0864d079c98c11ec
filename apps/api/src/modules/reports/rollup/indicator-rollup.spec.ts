import type { IndicatorSpec } from '@thidua/contracts';
import { buildFigure, formatScaled, formatVi, rollUp, type RollupNode } from './indicator-rollup';
import { checkIndicatorValues, toScaledInteger } from '@thidua/contracts';

const SPECS: IndicatorSpec[] = [
  { key: 'propaganda_done', name: 'Tuyên truyền', type: 'boolean', rollup: 'share_of_units' },
  { key: 'member_participation_pct', name: 'Tỷ lệ tham gia', type: 'percent', rollup: 'weighted_by_members' },
  { key: 'citizen_very_satisfied_pct', name: 'Rất hài lòng', type: 'percent', rollup: 'weighted_by_field', weightField: 'citizen_responses' },
  { key: 'citizen_responses', name: 'Số phiếu', type: 'count', rollup: 'sum' },
  { key: 'models_registered', name: 'Mô hình', type: 'count', rollup: 'sum' },
  { key: 'score', name: 'Điểm', type: 'number', rollup: 'average', decimals: 1 },
];

function scaled(values: Record<string, number | boolean>): Record<string, number> {
  const r = checkIndicatorValues(SPECS, values);
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return r.scaled;
}

/** Province P → upper unions U1, U2 → grassroots G1..G3 (G3 directly under P, skipping level 3). */
function tree(): RollupNode[] {
  return [
    { id: 'P', parentId: null, depth: 1, members: null, isExpected: false, values: null },
    { id: 'U1', parentId: 'P', depth: 2, members: null, isExpected: false, values: null },
    { id: 'U2', parentId: 'P', depth: 2, members: null, isExpected: false, values: null },
    { id: 'G1', parentId: 'U1', depth: 3, members: 30, isExpected: true, values: scaled({ propaganda_done: true, member_participation_pct: 100, citizen_very_satisfied_pct: 96.5, citizen_responses: 200, models_registered: 1, score: 9.5 }) },
    { id: 'G2', parentId: 'U1', depth: 3, members: 70, isExpected: true, values: scaled({ propaganda_done: false, member_participation_pct: 90, citizen_very_satisfied_pct: 90, citizen_responses: 100, models_registered: 2, score: 8 }) },
    { id: 'G4', parentId: 'U2', depth: 3, members: 10, isExpected: true, values: null },
    { id: 'G3', parentId: 'P', depth: 2, members: 3, isExpected: true, values: scaled({ propaganda_done: true, member_participation_pct: 33.33, models_registered: 0 }) },
  ];
}

describe('checkIndicatorValues', () => {
  it('accepts values of the right type and range and scales them exactly', () => {
    const r = checkIndicatorValues(SPECS, { propaganda_done: true, member_participation_pct: 98.25, citizen_responses: 12, score: 7.5, models_registered: null });
    expect(r.problems).toEqual([]);
    expect(r.scaled).toEqual({ propaganda_done: 1, member_participation_pct: 9825, citizen_responses: 12, score: 75 });
  });

  it('refuses wrong types, out-of-range values, fractions of a count, too many decimals and unknown keys', () => {
    const r = checkIndicatorValues(SPECS, {
      propaganda_done: 1 as unknown as boolean,
      member_participation_pct: 100.5,
      citizen_responses: 2.5,
      models_registered: -1,
      score: 7.55,
      nope: 3,
    });
    const reasons = Object.fromEntries(r.problems.map((p) => [p.key, p.reason]));
    expect(reasons).toEqual({
      propaganda_done: 'invalid_type',
      member_participation_pct: 'too_big',
      citizen_responses: 'invalid_type',
      models_registered: 'too_small',
      score: 'too_many_decimals',
      nope: 'unknown_indicator',
    });
  });

  it('scales without binary noise', () => {
    expect(toScaledInteger(0.1 + 0.2, 2)).toBeNull();
    expect(toScaledInteger(33.33, 2)).toBe(3333);
    expect(toScaledInteger(1e-7, 2)).toBeNull();
    expect(toScaledInteger(-4.5, 2)).toBe(-450);
  });
});

describe('rollUp', () => {
  const r = rollUp(SPECS, tree());

  it('shares units that answered yes among units that reported', () => {
    const f = r.figure('P', 'propaganda_done');
    expect(f).toMatchObject({ numerator: '2', denominator: '3', reporting: 3, expected: 4, display: '66,67%' });
    expect(f.value).toBeCloseTo(66.6667, 4);
  });

  it('weights a percentage by members, exactly', () => {
    // (100×30 + 90×70 + 33.33×3) / 103 = 9399.99 / 103
    const f = r.figure('P', 'member_participation_pct');
    expect(f.numerator).toBe('9399.99');
    expect(f.denominator).toBe('103');
    expect(f.display).toBe('91,26%');
    expect(r.figure('U1', 'member_participation_pct')).toMatchObject({ numerator: '9300.00', denominator: '100', display: '93,00%', value: 93 });
  });

  it('weights by a named field of the same unit', () => {
    // (96.5×200 + 90×100) / 300 = 94.1666…; G3 reported a percentage without responses: left out and counted
    const f = r.figure('P', 'citizen_very_satisfied_pct');
    expect(f).toMatchObject({ numerator: '28300.00', denominator: '300', display: '94,33%', reporting: 2, missingWeight: 0 });
    expect(f.value).toBe(94.3333);
  });

  it('sums counts and averages numbers', () => {
    expect(r.figure('P', 'models_registered')).toMatchObject({ numerator: '3', denominator: '1', value: 3, display: '3' });
    expect(r.figure('P', 'citizen_responses').display).toBe('300');
    expect(r.figure('P', 'score')).toMatchObject({ numerator: '17.5', denominator: '2', value: 8.75, display: '8,75' });
  });

  it('shows nothing for a subtree that reported nothing, but still counts who is expected', () => {
    expect(r.figure('U2', 'propaganda_done')).toMatchObject({ value: null, display: '—', reporting: 0, expected: 1 });
  });

  it('drills down: a figure is its own contribution plus its children', () => {
    for (const spec of SPECS) {
      for (const id of ['P', 'U1', 'U2']) {
        const total = r.figure(id, spec.key);
        const parts = [r.own(id, spec.key), ...r.childIds(id).map((c) => r.figure(c, spec.key))].filter((x) => x !== null);
        const sum = (k: 'numerator' | 'denominator') => parts.reduce((s, p) => s + Number(p![k]), 0);
        if (spec.rollup !== 'sum') expect(sum('denominator')).toBeCloseTo(Number(total.denominator), 9);
        expect(sum('numerator')).toBeCloseTo(Number(total.numerator), 6);
        expect(parts.reduce((s, p) => s + p!.reporting, 0)).toBe(total.reporting);
      }
    }
    expect(r.childIds('P').sort()).toEqual(['G3', 'U1', 'U2']);
    expect(r.own('G1', 'member_participation_pct')).toMatchObject({ numerator: '3000.00', denominator: '30', display: '100,00%' });
  });

  it('reports units without members as missing weight instead of guessing', () => {
    const nodes = tree().map((n) => (n.id === 'G2' ? { ...n, members: null } : n));
    const f = rollUp(SPECS, nodes).figure('P', 'member_participation_pct');
    expect(f).toMatchObject({ denominator: '33', missingWeight: 1, reporting: 3 });
  });

  it('rolls up a subtree given alone (its top has a parent outside the set)', () => {
    const sub = tree().filter((n) => ['U1', 'G1', 'G2'].includes(n.id));
    expect(rollUp(SPECS, sub).figure('U1', 'member_participation_pct').display).toBe('93,00%');
  });

  it('stays exact past 2^53 by switching to BigInt', () => {
    const spec: IndicatorSpec = { key: 'x', name: 'x', type: 'number', rollup: 'sum', decimals: 0, max: 1e16 };
    const nodes: RollupNode[] = [
      { id: 'R', parentId: null, depth: 0, members: null, isExpected: false, values: null },
      { id: 'a', parentId: 'R', depth: 1, members: null, isExpected: true, values: { x: 9_007_199_254_740_991 } },
      { id: 'b', parentId: 'R', depth: 1, members: null, isExpected: true, values: { x: 9_007_199_254_740_991 } },
    ];
    expect(rollUp([spec], nodes).figure('R', 'x').numerator).toBe('18014398509481982');
  });

  it('matches a naive recomputation over descendants on a random tree', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const nodes: RollupNode[] = [{ id: 'n0', parentId: null, depth: 0, members: null, isExpected: false, values: null }];
    for (let i = 1; i < 400; i++) {
      const parent = nodes[Math.floor(rnd() * nodes.length)];
      const reports = rnd() < 0.8;
      nodes.push({
        id: `n${i}`,
        parentId: parent.id,
        depth: parent.depth + 1,
        members: Math.floor(rnd() * 200) + 1,
        isExpected: true,
        values: reports ? scaled({ propaganda_done: rnd() < 0.7, member_participation_pct: Math.floor(rnd() * 10001) / 100, citizen_responses: Math.floor(rnd() * 50), models_registered: Math.floor(rnd() * 3) }) : null,
      });
    }
    const result = rollUp(SPECS, nodes);
    const descendants = (id: string): RollupNode[] => {
      const out = nodes.filter((n) => n.id === id);
      for (let k = 0; k < out.length; k++) out.push(...nodes.filter((n) => n.parentId === out[k].id));
      return out;
    };
    for (const id of ['n0', 'n1', 'n5', 'n17']) {
      const sub = descendants(id).filter((n) => n.values);
      const num = sub.reduce((s, n) => s + BigInt(n.values!.member_participation_pct) * BigInt(n.members!), 0n);
      const den = sub.reduce((s, n) => s + BigInt(n.members!), 0n);
      const expected = buildFigure(SPECS[1], 0, num, den, sub.length, 0, 0);
      expect(result.figure(id, 'member_participation_pct').numerator).toBe(expected.numerator);
      expect(result.figure(id, 'member_participation_pct').display).toBe(expected.display);
      expect(result.figure(id, 'propaganda_done').numerator).toBe(String(sub.filter((n) => n.values!.propaganda_done === 1).length));
    }
  });
});

describe('formatting', () => {
  it('writes exact decimals and Vietnamese numbers', () => {
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(-12345n, 2)).toBe('-123.45');
    expect(formatVi(123456789n, 2)).toBe('1.234.567,89');
    expect(formatVi(65000n, 0)).toBe('65.000');
  });
});
