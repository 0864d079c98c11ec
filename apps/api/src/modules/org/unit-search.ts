/**
 * Diacritic-insensitive unit search (docs/hierarchy.md, "Search"). `unit.search_text` holds
 * `searchFold(code + ' ' + name)`, computed here on every insert, rename and import (PGlite has no
 * `unaccent`). The migration that added the column backfilled it with the same mapping in SQL
 * (`translate(normalize(…, NFC), FROM, TO)`); `unit-search.spec.ts` checks both agree on every
 * Vietnamese letter.
 */

const BASES: Array<[string, string]> = [
  ['a', 'a'], ['ă', 'a'], ['â', 'a'], ['e', 'e'], ['ê', 'e'], ['i', 'i'],
  ['o', 'o'], ['ô', 'o'], ['ơ', 'o'], ['u', 'u'], ['ư', 'u'], ['y', 'y'],
];
/** No tone, huyền, sắc, hỏi, ngã, nặng (combining marks, composed with NFC). */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Every letter of Vietnamese that is not plain ASCII, lower and upper case, with its ASCII base. */
export const VIETNAMESE_LETTERS: ReadonlyArray<readonly [letter: string, base: string]> = (() => {
  const out: Array<[string, string]> = [];
  for (const [vowel, base] of BASES) {
    for (const tone of TONES) {
      const lower = (vowel + tone).normalize('NFC');
      if (lower === base) continue;
      out.push([lower, base], [lower.toUpperCase(), base]);
    }
  }
  out.push(['đ', 'd'], ['Đ', 'd']);
  return out;
})();

const FOLD = new Map<string, string>([...VIETNAMESE_LETTERS, ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c): [string, string] => [c, c.toLowerCase()])]);

/**
 * Lower case without Vietnamese diacritics: `Phước Mỹ` → `phuoc my`, `Đô Vinh` → `do vinh`.
 * Input is NFC-normalised first (decomposed input folds the same). Only ASCII and Vietnamese
 * letters are changed, exactly as the SQL backfill does, whatever the database's locale.
 */
export function searchFold(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += FOLD.get(ch) ?? ch;
  return out;
}

/** The stored search text of a unit. */
export function unitSearchText(code: string, name: string): string {
  return searchFold(`${code} ${name}`);
}

/** A query's folded words (each must occur in `search_text`), at most 8; empty when nothing to search. */
export function searchTerms(q: string): string[] {
  return searchFold(q)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** LIKE pattern text with `\`, `%` and `_` escaped (the default escape character is `\`). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
