import { describe, expect, it } from 'vitest';
import { foldVi, matchRank, mergeById, searchUnits } from './org-search';

const units = [
  { id: '1', code: 'CDCS-PRTC-X01', name: 'CĐCS UBND phường Đô Vinh' },
  { id: '2', code: 'CDCS-PRTC-X02', name: 'CĐCS UBND phường Phước Mỹ' },
  { id: '3', code: 'LDLD-NP', name: 'Liên đoàn Lao động huyện Ninh Phước' },
  { id: '4', code: 'CDCS-NP-X01', name: 'CĐCS UBND xã Phước Dân' },
];

describe('foldVi', () => {
  it('drops tone marks and diacritics, đ included, and lower-cases', () => {
    expect(foldVi('Liên đoàn Lao động ĐÔ VINH')).toBe('lien doan lao dong do vinh');
    expect(foldVi('  Phước   Mỹ ')).toBe('phuoc my');
  });
});

describe('searchUnits', () => {
  it('finds names typed without diacritics', () => {
    expect(searchUnits(units, 'do vinh').map((u) => u.id)).toEqual(['1']);
    expect(searchUnits(units, 'phuoc').map((u) => u.id).sort()).toEqual(['2', '3', '4']);
  });

  it('ranks an exact or leading code match first', () => {
    expect(searchUnits(units, 'ldld-np')[0]?.id).toBe('3');
    expect(searchUnits(units, 'cdcs-np')[0]?.id).toBe('4');
  });

  it('needs every word of the query', () => {
    expect(searchUnits(units, 'phuoc dan').map((u) => u.id)).toEqual(['4']);
    expect(matchRank(units[0]!, 'phuoc dan')).toBeNull();
  });

  it('answers nothing for an empty query', () => {
    expect(searchUnits(units, '  ')).toEqual([]);
  });
});

describe('mergeById', () => {
  it('keeps the first list and adds what only the second has', () => {
    expect(mergeById([{ id: 'a' }], [{ id: 'b' }, { id: 'a' }]).map((x) => x.id)).toEqual(['a', 'b']);
  });
});
