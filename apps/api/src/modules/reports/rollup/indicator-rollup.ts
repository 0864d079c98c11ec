import type { IndicatorSpec, RollupFigureView } from '@thidua/contracts';
import { scaleOf } from '@thidua/contracts';

/**
 * Indicator roll-up over a unit tree, exact and explainable. Pure: no Nest, no I/O.
 *
 * Every figure is a fraction kept as two integers accumulated bottom-up in ONE pass over the units
 * sorted by depth (deepest first): each unit adds its own values to its accumulators, then adds its
 * accumulators to its parent's. So a subtree's figure is exact (no rounding until display), and a
 * figure drills down: the parent's numerator and denominator are the sum of its own contribution and
 * its children's, which `breakdown` returns.
 *
 * Values arrive as scaled integers (see indicator-values.ts). Sums stay in float64, exact while below
 * 2^53; an indicator whose totals pass that is recomputed with BigInt.
 */

export interface RollupNode {
  id: string;
  /** A parent outside the given nodes makes this node a root (e.g. the top of a subtree). */
  parentId: string | null;
  depth: number;
  /** Member count, the weight of `weighted_by_members`. */
  members: number | null;
  /** Whether this unit is expected to report (e.g. an active grassroots union). */
  isExpected: boolean;
  /** The unit's own ACCEPTED values, scaled; null when it has none. */
  values: Readonly<Record<string, number>> | null;
}

interface Accumulators {
  num: Float64Array | bigint[];
  den: Float64Array | bigint[];
  reporting: Int32Array;
  missingWeight: Int32Array;
  isBig: boolean;
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;

export class RollupResult {
  private children: { start: Int32Array; list: Int32Array } | null = null;

  constructor(
    readonly specs: readonly IndicatorSpec[],
    private readonly nodes: readonly RollupNode[],
    private readonly indexById: ReadonlyMap<string, number>,
    private readonly parentIndex: Int32Array,
    private readonly expected: Int32Array,
    private readonly acc: ReadonlyMap<string, Accumulators>,
  ) {}

  has(nodeId: string): boolean {
    return this.indexById.has(nodeId);
  }

  /** The figure of `key` for the subtree rooted at `nodeId`. */
  figure(nodeId: string, key: string): RollupFigureView {
    const i = this.index(nodeId);
    const a = this.accOf(key);
    return buildFigure(this.spec(key), this.weightScale(key), big(a.num[i]), big(a.den[i]), a.reporting[i], this.expected[i], a.missingWeight[i]);
  }

  figures(nodeId: string): RollupFigureView[] {
    return this.specs.map((s) => this.figure(nodeId, s.key));
  }

  /** The unit's own contribution (its own values only), or null when it reported nothing for `key`. */
  own(nodeId: string, key: string): RollupFigureView | null {
    const i = this.index(nodeId);
    const c = contribution(this.spec(key), this.specs, this.nodes[i]);
    if (!c) return null;
    return buildFigure(this.spec(key), this.weightScale(key), BigInt(c.num), BigInt(c.den), c.reporting, this.nodes[i].isExpected ? 1 : 0, c.missingWeight);
  }

  /** Ids of the direct children of a node among the rolled-up nodes. */
  childIds(nodeId: string): string[] {
    const i = this.index(nodeId);
    const { start, list } = this.childIndex();
    const out: string[] = [];
    for (let k = start[i]; k < start[i + 1]; k++) out.push(this.nodes[list[k]].id);
    return out;
  }

  private childIndex(): { start: Int32Array; list: Int32Array } {
    if (this.children) return this.children;
    const n = this.nodes.length;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (this.parentIndex[i] >= 0) start[this.parentIndex[i] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]);
    for (let i = 0; i < n; i++) {
      const p = this.parentIndex[i];
      if (p >= 0) list[fill[p]++] = i;
    }
    this.children = { start, list };
    return this.children;
  }

  private index(nodeId: string): number {
    const i = this.indexById.get(nodeId);
    if (i === undefined) throw new Error(`unit ${nodeId} is not in this roll-up`);
    return i;
  }

  private spec(key: string): IndicatorSpec {
    const s = this.specs.find((x) => x.key === key);
    if (!s) throw new Error(`no indicator ${key}`);
    return s;
  }

  private accOf(key: string): Accumulators {
    const a = this.acc.get(key);
    if (!a) throw new Error(`no indicator ${key}`);
    return a;
  }

  private weightScale(key: string): number {
    const s = this.spec(key);
    if (s.rollup !== 'weighted_by_field' || !s.weightField) return 0;
    const w = this.specs.find((x) => x.key === s.weightField);
    return w ? scaleOf(w) : 0;
  }
}

function big(x: number | bigint): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

/** What one unit's own values add to the accumulators of `spec`. */
function contribution(
  spec: IndicatorSpec,
  specs: readonly IndicatorSpec[],
  node: RollupNode,
): { num: number; den: number; reporting: number; missingWeight: number } | null {
  const v = node.values?.[spec.key];
  if (v === undefined || node.values === null) return null;
  switch (spec.rollup) {
    case 'sum':
      return { num: v, den: 1, reporting: 1, missingWeight: 0 };
    case 'share_of_units':
    case 'average':
      return { num: v, den: 1, reporting: 1, missingWeight: 0 };
    case 'weighted_by_members': {
      const w = node.members;
      if (w === null || w <= 0) return { num: 0, den: 0, reporting: 1, missingWeight: 1 };
      return { num: v * w, den: w, reporting: 1, missingWeight: 0 };
    }
    case 'weighted_by_field': {
      const w = spec.weightField ? node.values[spec.weightField] : undefined;
      void specs;
      if (w === undefined || w <= 0) return { num: 0, den: 0, reporting: 1, missingWeight: 1 };
      return { num: v * w, den: w, reporting: 1, missingWeight: 0 };
    }
  }
}

/**
 * Rolls every indicator up the tree in one bottom-up pass. 126,000 units × 6 indicators take tens of
 * milliseconds (see bench/rollup.bench.ts).
 */
export function rollUp(specs: readonly IndicatorSpec[], nodes: readonly RollupNode[]): RollupResult {
  const n = nodes.length;
  const indexById = new Map<string, number>();
  for (let i = 0; i < n; i++) indexById.set(nodes[i].id, i);
  const parentIndex = new Int32Array(n);
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    const p = nodes[i].parentId;
    parentIndex[i] = p === null ? -1 : (indexById.get(p) ?? -1);
    if (nodes[i].depth > maxDepth) maxDepth = nodes[i].depth;
  }
  // Counting sort by depth, deepest first: a child is always folded before its parent.
  const order = orderDeepestFirst(nodes, maxDepth);

  const expected = new Int32Array(n);
  for (let i = 0; i < n; i++) expected[i] = nodes[i].isExpected ? 1 : 0;
  for (const i of order) {
    const p = parentIndex[i];
    if (p >= 0) expected[p] += expected[i];
  }

  const acc = new Map<string, Accumulators>();
  for (const spec of specs) {
    const a = accumulate(spec, specs, nodes, parentIndex, order, false);
    acc.set(spec.key, a.isBig ? a : exceedsExact(a) ? accumulate(spec, specs, nodes, parentIndex, order, true) : a);
  }
  return new RollupResult(specs, nodes, indexById, parentIndex, expected, acc);
}

function orderDeepestFirst(nodes: readonly RollupNode[], maxDepth: number): Int32Array {
  const counts = new Int32Array(maxDepth + 2);
  for (const node of nodes) counts[maxDepth - node.depth + 1]++;
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  const order = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) order[counts[maxDepth - nodes[i].depth]++] = i;
  return order;
}

function exceedsExact(a: Accumulators): boolean {
  const num = a.num as Float64Array;
  const den = a.den as Float64Array;
  for (let i = 0; i < num.length; i++) if (Math.abs(num[i]) > MAX_EXACT || den[i] > MAX_EXACT) return true;
  return false;
}

function accumulate(
  spec: IndicatorSpec,
  specs: readonly IndicatorSpec[],
  nodes: readonly RollupNode[],
  parentIndex: Int32Array,
  order: Int32Array,
  useBig: boolean,
): Accumulators {
  const n = nodes.length;
  const reporting = new Int32Array(n);
  const missingWeight = new Int32Array(n);
  if (useBig) {
    const num: bigint[] = new Array<bigint>(n).fill(0n);
    const den: bigint[] = new Array<bigint>(n).fill(0n);
    for (let i = 0; i < n; i++) {
      const c = contribution(spec, specs, nodes[i]);
      if (!c) continue;
      // Recompute the product in BigInt: the float product may already be inexact.
      const v = BigInt(nodes[i].values![spec.key]);
      const w = spec.rollup === 'weighted_by_members' ? nodes[i].members : spec.rollup === 'weighted_by_field' ? nodes[i].values![spec.weightField!] : 1;
      const wb = c.den === 0 ? 0n : BigInt(w ?? 0);
      num[i] = spec.rollup === 'weighted_by_members' || spec.rollup === 'weighted_by_field' ? v * wb : v;
      den[i] = spec.rollup === 'weighted_by_members' || spec.rollup === 'weighted_by_field' ? wb : 1n;
      reporting[i] = c.reporting;
      missingWeight[i] = c.missingWeight;
    }
    for (const i of order) {
      const p = parentIndex[i];
      if (p < 0) continue;
      num[p] += num[i];
      den[p] += den[i];
      reporting[p] += reporting[i];
      missingWeight[p] += missingWeight[i];
    }
    return { num, den, reporting, missingWeight, isBig: true };
  }
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = contribution(spec, specs, nodes[i]);
    if (!c) continue;
    num[i] = c.num;
    den[i] = c.den;
    reporting[i] = c.reporting;
    missingWeight[i] = c.missingWeight;
  }
  for (const i of order) {
    const p = parentIndex[i];
    if (p < 0) continue;
    num[p] += num[i];
    den[p] += den[i];
    reporting[p] += reporting[i];
    missingWeight[p] += missingWeight[i];
  }
  return { num, den, reporting, missingWeight, isBig: false };
}

// ---------- exact display ----------

/** An integer scaled by 10^scale written as an exact decimal: (12345, 2) → `123.45`. */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** round(a / b) half away from zero, for b > 0. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/** Vietnamese number text from an integer scaled by 10^decimals: thousands with `.`, decimals with `,`. */
export function formatVi(scaled: bigint, decimals: number): string {
  const s = formatScaled(scaled, decimals);
  const [i, f] = s.split('.');
  const negative = i.startsWith('-');
  const body = (negative ? i.slice(1) : i).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${body}${f ? `,${f}` : ''}`;
}

export function buildFigure(
  spec: IndicatorSpec,
  weightScale: number,
  num: bigint,
  den: bigint,
  reporting: number,
  expected: number,
  missingWeight: number,
): RollupFigureView {
  const scale = scaleOf(spec);
  const base = { key: spec.key, name: spec.name, type: spec.type, rule: spec.rollup, reporting, expected, missingWeight };
  // The exact value as a fraction top / bottom (in display units), plus display decimals and suffix.
  let top: bigint;
  let bottom: bigint;
  let numerator: string;
  let denominator: string;
  let decimals: number;
  let suffix = '';
  switch (spec.rollup) {
    case 'sum':
      top = num;
      bottom = 10n ** BigInt(scale);
      numerator = formatScaled(num, scale);
      denominator = '1';
      decimals = scale;
      break;
    case 'share_of_units':
      top = num * 100n;
      bottom = den;
      numerator = num.toString();
      denominator = den.toString();
      decimals = 2;
      suffix = '%';
      break;
    case 'average':
      top = num;
      bottom = den * 10n ** BigInt(scale);
      numerator = formatScaled(num, scale);
      denominator = den.toString();
      decimals = Math.max(2, scale);
      suffix = spec.type === 'percent' ? '%' : '';
      break;
    case 'weighted_by_members':
    case 'weighted_by_field':
      top = num;
      bottom = den * 10n ** BigInt(scale);
      numerator = formatScaled(num, scale + weightScale);
      denominator = formatScaled(den, weightScale);
      decimals = Math.max(2, scale);
      suffix = spec.type === 'percent' ? '%' : '';
      break;
  }
  if (bottom === 0n || reporting === 0) return { ...base, numerator, denominator, value: null, display: '—' };
  const value = Number(divRound(top * 10_000n, bottom)) / 10_000;
  const display = `${formatVi(divRound(top * 10n ** BigInt(decimals), bottom), decimals)}${suffix}`;
  return { ...base, numerator, denominator, value, display };
}
