import { searchFoldSql } from '../../database/migrations/1795754574736-unit-search-text';
import { containsPattern, foldedSql, searchFold, searchTerms } from './search-fold';

describe('the one folding (search box, unit search)', () => {
  it('is, character for character, the SQL expression the migrations froze (the trigram indexes are built on it)', () => {
    expect(foldedSql('"title"')).toBe(searchFoldSql('"title"'));
    expect(foldedSql(`a.full_name || ' ' || a.username`)).toBe(searchFoldSql(`a.full_name || ' ' || a.username`));
  });

  it('folds accent-free queries to the words of accented text', () => {
    expect(searchTerms('ha noi')).toEqual(searchFold('Hà Nội').split(' '));
    expect(searchFold('Đoàn Thị Đào')).toBe('doan thi dao');
    expect(searchTerms('  ĐĂNG   ký ')).toEqual(['dang', 'ky']);
  });

  it('makes LIKE patterns that match the text literally (wildcards escaped)', () => {
    expect(containsPattern('50%_x')).toBe('%50\\%\\_x%');
    expect(containsPattern("o'brien")).toBe("%o'brien%");
  });
});
