import type { IndicatorSpec, IndicatorValues } from './campaigns';

/**
 * Checks one unit's indicator values against the campaign's indicators (type, range, decimals) and
 * turns them into exact scaled integers: a value v with `scale` decimals is stored as v × 10^scale.
 * Pure; no Nest, no I/O.
 */

export interface ValueProblem {
  key: string;
  reason: 'unknown_indicator' | 'invalid_type' | 'too_small' | 'too_big' | 'too_many_decimals';
  message: string;
}

/** Decimal places an indicator's values are kept with. */
export function scaleOf(spec: Pick<IndicatorSpec, 'type' | 'decimals'>): number {
  if (spec.type === 'boolean' || spec.type === 'count') return 0;
  return spec.decimals ?? 2;
}

/** v × 10^scale as an exact integer, or null when v has more decimals than the scale allows. */
export function toScaledInteger(v: number, scale: number): number | null {
  // Go through the shortest decimal text of v so 0.1 + 0.2 style binary noise never leaks in.
  const s = String(v);
  if (/e/i.test(s)) {
    const r = Math.round(v * 10 ** scale);
    return Math.abs(r / 10 ** scale - v) < 1e-12 * Math.max(1, Math.abs(v)) ? r : null;
  }
  const [intPart, frac = ''] = s.replace('-', '').split('.');
  if (frac.length > scale) return null;
  const digits = Number(`${intPart}${frac.padEnd(scale, '0')}`);
  return v < 0 ? -digits : digits;
}

export interface CheckedValues {
  /** key → scaled integer (booleans as 0/1); keys absent or null were not reported. */
  scaled: Record<string, number>;
  problems: ValueProblem[];
}

export function checkIndicatorValues(specs: readonly IndicatorSpec[], values: IndicatorValues): CheckedValues {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const scaled: Record<string, number> = {};
  const problems: ValueProblem[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const spec = byKey.get(key);
    if (!spec) {
      problems.push({ key, reason: 'unknown_indicator', message: `no indicator ${key} in this campaign` });
      continue;
    }
    if (raw === null || raw === undefined) continue;
    if (spec.type === 'boolean') {
      if (typeof raw !== 'boolean') problems.push({ key, reason: 'invalid_type', message: 'expected yes/no' });
      else scaled[key] = raw ? 1 : 0;
      continue;
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      problems.push({ key, reason: 'invalid_type', message: 'expected a number' });
      continue;
    }
    if (spec.type === 'count' && !Number.isInteger(raw)) {
      problems.push({ key, reason: 'invalid_type', message: 'expected a whole number' });
      continue;
    }
    const min = spec.type === 'percent' ? Math.max(0, spec.min ?? 0) : (spec.min ?? (spec.type === 'count' ? 0 : -Infinity));
    const max = spec.type === 'percent' ? Math.min(100, spec.max ?? 100) : (spec.max ?? Infinity);
    if (raw < min) {
      problems.push({ key, reason: 'too_small', message: `at least ${min}` });
      continue;
    }
    if (raw > max) {
      problems.push({ key, reason: 'too_big', message: `at most ${max}` });
      continue;
    }
    const scale = scaleOf(spec);
    const n = toScaledInteger(raw, scale);
    if (n === null || !Number.isSafeInteger(n)) {
      problems.push({ key, reason: 'too_many_decimals', message: `at most ${scale} decimal place(s)` });
      continue;
    }
    scaled[key] = n;
  }
  return { scaled, problems };
}
