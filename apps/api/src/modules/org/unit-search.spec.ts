import { SEARCH_FOLD_FROM, SEARCH_FOLD_TO } from '../../database/migrations/1795754574736-unit-search-text';
import { VIETNAMESE_LETTERS, escapeLike, searchFold, searchTerms, unitSearchText } from './unit-search';

/** PostgreSQL's translate(s, from, to), character by character (what the migration's backfill runs). */
function sqlTranslate(s: string, from: string, to: string): string {
  const f = [...from];
  const t = [...to];
  return [...s]
    .map((c) => {
      const i = f.indexOf(c);
      return i < 0 ? c : (t[i] ?? '');
    })
    .join('');
}

describe('diacritic-insensitive search text', () => {
  it('folds case and every Vietnamese diacritic, đ included', () => {
    expect(searchFold('Phước Mỹ')).toBe('phuoc my');
    expect(searchFold('Đô Vinh')).toBe('do vinh');
    expect(searchFold('CÔNG ĐOÀN NGÀNH Y TẾ')).toBe('cong doan nganh y te');
    expect(unitSearchText('CDCS-YT-BVDK', 'Bệnh viện Đa khoa')).toBe('cdcs-yt-bvdk benh vien da khoa');
  });

  it('folds decomposed (NFD) input like composed input', () => {
    expect(searchFold('Phước Mỹ'.normalize('NFD'))).toBe('phuoc my');
    expect(searchFold('Đô Vinh'.normalize('NFD'))).toBe('do vinh');
  });

  it('knows all 134 non-ASCII Vietnamese letters (67 in each case)', () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(134);
    expect(new Set(VIETNAMESE_LETTERS.map(([l]) => l)).size).toBe(134);
    for (const [letter] of VIETNAMESE_LETTERS) expect(letter).toBe(letter.normalize('NFC'));
  });

  it('agrees with the SQL backfill mapping on every Vietnamese letter, A–Z and a sample of other characters', () => {
    expect([...SEARCH_FOLD_FROM]).toHaveLength([...SEARCH_FOLD_TO].length);
    const samples = [...VIETNAMESE_LETTERS.map(([l]) => l), ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_.,()ÜüÇçÑñ'];
    for (const c of samples) expect([c, searchFold(c)]).toEqual([c, sqlTranslate(c.normalize('NFC'), SEARCH_FOLD_FROM, SEARCH_FOLD_TO)]);
    for (const [letter, base] of VIETNAMESE_LETTERS) expect(sqlTranslate(letter, SEARCH_FOLD_FROM, SEARCH_FOLD_TO)).toBe(base);
  });

  it('splits a query into folded words and escapes LIKE wildcards', () => {
    expect(searchTerms('  Phước   MỸ ')).toEqual(['phuoc', 'my']);
    expect(searchTerms('   ')).toEqual([]);
    expect(escapeLike('a_b%c\\d')).toBe('a\\_b\\%c\\\\d');
  });
});
