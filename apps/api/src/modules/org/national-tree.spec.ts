import { generateNationalTree } from './national-tree';

describe('national tree generator', () => {
  const tree = generateNationalTree();

  it('is deterministic', () => {
    const again = generateNationalTree();
    expect(again.length).toBe(tree.length);
    expect(again[5000]).toEqual(tree[5000]);
    expect(generateNationalTree({ seed: 7 }).length).not.toBe(tree.length);
  });

  it('has national scale and shape', () => {
    const count = (k: string) => tree.filter((u) => u.kind === k).length;
    expect(tree.length).toBeGreaterThan(124_000);
    expect(tree.length).toBeLessThan(128_000);
    expect(count('confederation')).toBe(1);
    expect(count('province_federation')).toBe(63);
    expect(count('upper_union')).toBeGreaterThanOrEqual(630);
    expect(count('upper_union')).toBeLessThanOrEqual(945);
    expect(count('sub_union')).toBeGreaterThan(10_000);
    const codes = new Set(tree.map((u) => u.code));
    expect(codes.size).toBe(tree.length);
  });

  it('lists parents before children, with grassroots unions both under upper unions and directly under provinces', () => {
    const seen = new Map<string, string>();
    for (const u of tree) {
      if (u.parentCode) expect(seen.has(u.parentCode)).toBe(true);
      seen.set(u.code, u.kind);
    }
    const grassroots = tree.filter((u) => u.kind === 'grassroots_union');
    const direct = grassroots.filter((g) => seen.get(g.parentCode!) === 'province_federation').length;
    expect(direct / grassroots.length).toBeGreaterThan(0.1);
    expect(direct / grassroots.length).toBeLessThan(0.2);
    const perProvince = new Map<string, number>();
    for (const g of grassroots) perProvince.set(g.code.slice(0, 3), (perProvince.get(g.code.slice(0, 3)) ?? 0) + 1);
    const sizes = [...perProvince.values()].sort((a, b) => a - b);
    expect(sizes[sizes.length - 1]! / sizes[0]!).toBeGreaterThan(4);
  });

  it('scales down for tests', () => {
    const small = generateNationalTree({ provinces: 3, totalUnits: 600 });
    expect(small.length).toBeGreaterThan(450);
    expect(small.length).toBeLessThan(750);
  });
});
