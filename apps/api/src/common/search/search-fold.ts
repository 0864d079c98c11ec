/**
 * The one accent- and case-insensitive folding of the product (docs/hierarchy.md, "Search"; issue 19's search box):
 * `searchFold` in TypeScript for query words and stored search text, `foldedSql` for the same mapping in SQL (the
 * expression the trigram indexes of migration 1796240000000 are built on; PGlite has no `unaccent`, and `unaccent`'s
 * rules are the server's, not ours). `search-fold.spec.ts` checks both agree on every Vietnamese letter and that
 * `foldedSql` is, character for character, the expression the migrations froze (a query uses an expression index only
 * when it repeats the index's expression).
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

const ASCII_UPPER: ReadonlyArray<readonly [string, string]> = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => [c, c.toLowerCase()] as const);
const FOLD = new Map<string, string>([...VIETNAMESE_LETTERS, ...ASCII_UPPER]);

/**
 * Lower case without Vietnamese diacritics: `Phước Mỹ` → `phuoc my`, `Đô Vinh` → `do vinh`.
 * Input is NFC-normalised first (decomposed input folds the same). Only ASCII and Vietnamese
 * letters are changed, exactly as `foldedSql` does, whatever the database's locale.
 */
export function searchFold(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += FOLD.get(ch) ?? ch;
  return out;
}

/** A query's folded words (each must occur in the folded text), at most 8; empty when nothing to search. */
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

const FOLD_FROM = [...VIETNAMESE_LETTERS, ...ASCII_UPPER].map(([c]) => c).join('');
const FOLD_TO = [...VIETNAMESE_LETTERS, ...ASCII_UPPER].map(([, b]) => b).join('');

/** `searchFold` of a SQL text expression, in SQL (only letters, no quote: safe to inline). */
export function foldedSql(expr: string): string {
  return `translate(normalize(${expr}, NFC), '${FOLD_FROM}', '${FOLD_TO}')`;
}

/** `term LIKE`-ready pattern: the folded word anywhere in the text. */
export function containsPattern(term: string): string {
  return `%${escapeLike(term)}%`;
}
