import { awardCatalogue, awardForm, mayDecide, ruleSetOn } from './award-catalogue';

describe('award catalogue', () => {
  it('lists the union forms with the level that decides each', () => {
    const forms = awardCatalogue('2022-06-01');
    expect(forms.map((f) => f.code)).toEqual(expect.arrayContaining(['co_thi_dua_tld', 'bang_khen_ldld', 'giay_khen_cd_cap_tren', 'cdcs_vung_manh', 'doan_vien_xuat_sac']));
    expect(awardForm('giay_khen_cd_cap_tren', '2022-06-01')?.decidedBy).toBe('upper_union');
    expect(awardForm('bang_khen_tld', '2022-06-01')?.decidedBy).toBe('confederation');
  });

  it('dates rule sets: QĐ 1689 before 2024, QĐ 999 after', () => {
    expect(ruleSetOn('2022-12-31').code).toBe('QD-1689-TLD-2019');
    expect(ruleSetOn('2025-03-01').code).toBe('QD-999-TLD-2024');
    expect(awardForm('bang_khen_ldld', '2025-03-01')?.ruleSet.legalBasis).toContain('999/QĐ-TLĐ');
  });

  it('lets a level decide only its own forms', () => {
    const giayKhen = awardForm('giay_khen_cd_cap_tren', '2022-01-01')!;
    const bangKhen = awardForm('bang_khen_ldld', '2022-01-01')!;
    expect(mayDecide('upper_union', giayKhen)).toBe(true);
    expect(mayDecide('upper_union', bangKhen)).toBe(false);
    expect(mayDecide('province_federation', bangKhen)).toBe(true);
  });
});
