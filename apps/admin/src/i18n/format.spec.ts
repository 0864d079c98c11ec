import { describe, expect, it } from 'vitest';
import { comparePersonNamesVi, compareVi, formatDate, formatDateTime, sortByVi } from './format';

describe('formatDate', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatDate('2020-01-03')).toBe('03/01/2020');
  });

  it('shows instants in Vietnam time', () => {
    // 18:30 UTC on 31 Dec is already 1 January in Hà Nội.
    expect(formatDate('2025-12-31T18:30:00Z')).toBe('01/01/2026');
    expect(formatDateTime('2025-12-31T18:30:00Z')).toBe('01/01/2026 01:30');
  });

  it('returns an empty string for nothing or nonsense', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('Vietnamese collation', () => {
  it('orders letters the Vietnamese way', () => {
    expect(['Đức', 'Dũng', 'Ân', 'Bình', 'Ăn', 'An'].sort(compareVi)).toEqual(['An', 'Ăn', 'Ân', 'Bình', 'Dũng', 'Đức']);
  });

  it('sorts people by given name first', () => {
    const people = ['Nguyễn Thị Bình', 'Trần Văn An', 'Lê Văn Đức', 'Phạm Minh Dũng', 'Đỗ Thị An'];
    expect([...people].sort(comparePersonNamesVi)).toEqual([
      'Đỗ Thị An',
      'Trần Văn An',
      'Nguyễn Thị Bình',
      'Phạm Minh Dũng',
      'Lê Văn Đức',
    ]);
  });

  it('sorts records by a key', () => {
    const units = [{ name: 'LĐLĐ huyện Ninh Hải' }, { name: 'CĐ Giáo dục tỉnh' }, { name: 'Công đoàn Y tế' }];
    expect(sortByVi(units, (u) => u.name).map((u) => u.name)).toEqual([
      'CĐ Giáo dục tỉnh',
      'Công đoàn Y tế',
      'LĐLĐ huyện Ninh Hải',
    ]);
  });
});
