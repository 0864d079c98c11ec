import { compareVi } from '../../i18n/format';

/**
 * Vietnamese-aware matching of units by code or name: case, tone marks and the other diacritics are ignored
 * ("phuoc" finds "Phước", "do vinh" finds "Đô Vinh"), so people can type without a Vietnamese keyboard.
 */

/** Lower case, without diacritics; đ → d. */
export function foldVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchableUnit {
  id: string;
  code: string;
  name: string;
}

/**
 * How well a unit matches a folded query, lower is better, null for no match: exact code, code prefix, name prefix,
 * a word of the name starting with the query, then anywhere in the code or name. Every word of the query must match.
 */
export function matchRank(unit: SearchableUnit, foldedQuery: string): number | null {
  if (!foldedQuery) return null;
  const code = foldVi(unit.code);
  const name = foldVi(unit.name);
  if (code === foldedQuery) return 0;
  if (code.startsWith(foldedQuery)) return 1;
  if (name.startsWith(foldedQuery)) return 2;
  if (` ${name}`.includes(` ${foldedQuery}`)) return 3;
  if (code.includes(foldedQuery) || name.includes(foldedQuery)) return 4;
  const words = foldedQuery.split(' ');
  if (words.length > 1 && words.every((w) => name.includes(w) || code.includes(w))) return 5;
  return null;
}

/** Units matching `query`, best first, then in Vietnamese order of their names; at most `limit`. */
export function searchUnits<T extends SearchableUnit>(units: readonly T[], query: string, limit = 50): T[] {
  const folded = foldVi(query);
  const ranked: Array<{ unit: T; rank: number }> = [];
  for (const unit of units) {
    const rank = matchRank(unit, folded);
    if (rank !== null) ranked.push({ unit, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || compareVi(a.unit.name, b.unit.name));
  return ranked.slice(0, limit).map((r) => r.unit);
}

/** Merge two result lists by id, keeping the first list's order, then the rest of the second. */
export function mergeById<T extends { id: string }>(first: readonly T[], second: readonly T[]): T[] {
  const seen = new Set(first.map((u) => u.id));
  return [...first, ...second.filter((u) => !seen.has(u.id))];
}
