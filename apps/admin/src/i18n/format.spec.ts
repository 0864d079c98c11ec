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

describe('Vietnam time without Intl (fixed UTC+07:00 since 1975)', () => {
  it('matches the time zone database on instants across years, months and midnights', () => {
    const tz = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const viaIntl = (d: Date) => {
      const p = Object.fromEntries(tz.formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
    };
    for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2040, 0, 1); t += 7 * 86_400_000 + 3_600_000 * 5 + 60_000 * 17) {
      expect(formatDateTime(new Date(t))).toBe(viaIntl(new Date(t)));
    }
    expect(formatDateTime('2026-02-28T16:59:00Z')).toBe('28/02/2026 23:59');
    expect(formatDateTime('2026-02-28T17:00:00Z')).toBe('01/03/2026 00:00');
  });

  it('uses the time zone database before the offset was fixed', () => {
    expect(formatDate('1970-01-01T00:00:00Z')).toBe(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(0)));
  });
});
