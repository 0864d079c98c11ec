import type { UnitKind } from '@thidua/contracts';

/**
 * A deterministic national-scale union tree for tests and benchmarks: one confederation, 63
 * provincial federations, about 126,000 units in all (the 2022 figure). Shape per province:
 * 10–15 direct upper-level unions (district federations, sector unions, industrial-zone unions),
 * grassroots unions mostly under them (unevenly) and some directly under the province, and
 * sub-unions inside some grassroots unions. Province sizes vary about tenfold, as Bình Dương
 * (≈3,500 CĐCS) does from a small province. Same options, same tree: a seeded PRNG drives it all.
 */
export interface NationalTreeOptions {
  seed?: number;
  provinces?: number;
  /** Approximate total number of units (default 126,000). */
  totalUnits?: number;
}

export interface GeneratedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  sector: string | null;
  memberCount: number | null;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER_SECTORS = ['district', 'district', 'district', 'district', 'education', 'health', 'civil_service', 'industrial_zone', 'district', 'district', 'commune', 'district', 'transport', 'district', 'agriculture'];
const UPPER_NAMES: Record<string, string> = {
  district: 'Liên đoàn Lao động huyện',
  education: 'Công đoàn ngành Giáo dục',
  health: 'Công đoàn ngành Y tế',
  civil_service: 'Công đoàn Viên chức',
  industrial_zone: 'Công đoàn các Khu công nghiệp',
  commune: 'Công đoàn xã, phường',
  transport: 'Công đoàn ngành Giao thông vận tải',
  agriculture: 'Công đoàn ngành Nông nghiệp',
};
const SUB_UNION_SHARE = 0.15;
const SUB_UNIONS_MAX = 3;
const DIRECT_GRASSROOTS_SHARE = 0.15;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The tree in parent-before-child order. */
export function generateNationalTree(options: NationalTreeOptions = {}): GeneratedUnit[] {
  const rnd = prng(options.seed ?? 2022);
  const provinces = options.provinces ?? 63;
  const total = options.totalUnits ?? 126_000;
  const out: GeneratedUnit[] = [{ code: 'VN', name: 'Tổng Liên đoàn Lao động Việt Nam', kind: 'confederation', parentCode: null, sector: 'national', memberCount: null }];

  // Per grassroots union about 1 + SUB_UNION_SHARE * 2 units; what remains after provinces and upper unions.
  const uppers = Array.from({ length: provinces }, () => 10 + Math.floor(rnd() * 6));
  const perGrassroots = 1 + SUB_UNION_SHARE * ((SUB_UNIONS_MAX + 1) / 2);
  const grassrootsTotal = Math.max(provinces, Math.round((total - 1 - provinces - uppers.reduce((a, b) => a + b, 0)) / perGrassroots));
  // Province weights: log-normal-ish, so the largest is ~10x the smallest.
  const weights = Array.from({ length: provinces }, () => Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.2));
  const wsum = weights.reduce((a, b) => a + b, 0);

  for (let p = 0; p < provinces; p += 1) {
    const pc = `P${pad(p + 1, 2)}`;
    out.push({ code: pc, name: `Liên đoàn Lao động tỉnh ${pad(p + 1, 2)}`, kind: 'province_federation', parentCode: 'VN', sector: 'general', memberCount: null });
    const upperCodes: string[] = [];
    const upperWeights: number[] = [];
    for (let u = 0; u < uppers[p]!; u += 1) {
      const sector = UPPER_SECTORS[u % UPPER_SECTORS.length]!;
      const code = `${pc}-U${pad(u + 1, 2)}`;
      upperCodes.push(code);
      upperWeights.push(0.3 + rnd() * (sector === 'industrial_zone' ? 3 : 1.4));
      out.push({ code, name: `${UPPER_NAMES[sector]} ${pad(u + 1, 2)} (tỉnh ${pad(p + 1, 2)})`, kind: 'upper_union', parentCode: pc, sector, memberCount: null });
    }
    const uwsum = upperWeights.reduce((a, b) => a + b, 0);
    const g = Math.max(1, Math.round((grassrootsTotal * weights[p]!) / wsum));
    for (let i = 0; i < g; i += 1) {
      let parent = pc;
      if (rnd() >= DIRECT_GRASSROOTS_SHARE) {
        let x = rnd() * uwsum;
        let k = 0;
        while (k < upperCodes.length - 1 && x >= upperWeights[k]!) {
          x -= upperWeights[k]!;
          k += 1;
        }
        parent = upperCodes[k]!;
      }
      const code = `${pc}-G${pad(i + 1, 4)}`;
      const members = 10 + Math.floor(rnd() ** 3 * 2000);
      out.push({ code, name: `Công đoàn cơ sở ${pad(i + 1, 4)} (tỉnh ${pad(p + 1, 2)})`, kind: 'grassroots_union', parentCode: parent, sector: null, memberCount: members });
      if (rnd() < SUB_UNION_SHARE) {
        const n = 1 + Math.floor(rnd() * SUB_UNIONS_MAX);
        for (let s = 0; s < n; s += 1) {
          out.push({ code: `${code}-S${s + 1}`, name: `Công đoàn bộ phận ${s + 1}, CĐCS ${pad(i + 1, 4)}`, kind: 'sub_union', parentCode: code, sector: null, memberCount: Math.max(3, Math.floor(members / (n + 1))) });
        }
      }
    }
  }
  return out;
}
