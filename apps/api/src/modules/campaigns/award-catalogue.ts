import type { AwardDecidingLevel, AwardFormView, AwardRuleSetView, NomineeKind } from '@thidua/contracts';

/**
 * The union's forms of award and who may decide each, under dated rule sets (Quy chế khen thưởng
 * của tổ chức Công đoàn). Kept in code, versioned with it; a nomination stores the rule set and legal
 * basis in force on the day it was made, so history survives a change of rules. Pure.
 *
 * Effective dates: only the years are sourced (QĐ 1689/QĐ-TLĐ of 2019, replaced by QĐ 999/QĐ-TLĐ of
 * 2024); the day boundaries below are placeholders to confirm against the decisions' texts.
 */
export const AWARD_RULE_SETS: readonly AwardRuleSetView[] = [
  { code: 'QD-1689-TLD-2019', legalBasis: 'Quyết định số 1689/QĐ-TLĐ năm 2019 của Tổng Liên đoàn Lao động Việt Nam ban hành Quy chế khen thưởng của tổ chức Công đoàn', validFrom: '2019-01-01', validTo: '2023-12-31' },
  { code: 'QD-999-TLD-2024', legalBasis: 'Quyết định số 999/QĐ-TLĐ năm 2024 của Tổng Liên đoàn Lao động Việt Nam ban hành Quy chế khen thưởng của tổ chức Công đoàn', validFrom: '2024-01-01', validTo: null },
];

interface FormSpec {
  code: string;
  name: string;
  kind: 'award' | 'title';
  decidedBy: AwardDecidingLevel;
  nominees: NomineeKind[];
  /** Posted publicly before the council votes (the titles and awards above the province's own, whose holders the public may question). */
  publicPosting?: boolean;
}

const FORMS: readonly FormSpec[] = [
  { code: 'co_thi_dua_tld', name: 'Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam', kind: 'award', decidedBy: 'confederation', nominees: ['collective'] },
  { code: 'bang_khen_tld', name: 'Bằng khen của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam', kind: 'award', decidedBy: 'confederation', nominees: ['individual', 'collective'] },
  { code: 'bang_lao_dong_sang_tao', name: 'Bằng Lao động sáng tạo', kind: 'award', decidedBy: 'confederation', nominees: ['individual', 'collective'] },
  { code: 'co_thi_dua_ldld', name: 'Cờ thi đua của Ban Chấp hành LĐLĐ tỉnh', kind: 'award', decidedBy: 'province_federation', nominees: ['collective'] },
  { code: 'bang_khen_ldld', name: 'Bằng khen của Ban Chấp hành LĐLĐ tỉnh', kind: 'award', decidedBy: 'province_federation', nominees: ['individual', 'collective'] },
  { code: 'giay_khen_cd_cap_tren', name: 'Giấy khen của Ban Chấp hành Công đoàn cấp trên trực tiếp cơ sở', kind: 'award', decidedBy: 'upper_union', nominees: ['individual', 'collective'] },
  { code: 'giay_khen_cdcs', name: 'Giấy khen của Ban Chấp hành Công đoàn cơ sở', kind: 'award', decidedBy: 'grassroots_union', nominees: ['individual'] },
  { code: 'cdcs_vung_manh', name: 'Danh hiệu "Công đoàn cơ sở vững mạnh"', kind: 'title', decidedBy: 'upper_union', nominees: ['collective'] },
  { code: 'doan_vien_xuat_sac', name: 'Danh hiệu "Đoàn viên công đoàn xuất sắc"', kind: 'title', decidedBy: 'grassroots_union', nominees: ['individual'] },
  // Titles of the Law on Emulation and Commendation as the union's units award them, and the union's medal.
  { code: 'lao_dong_tien_tien', name: 'Danh hiệu "Lao động tiên tiến"', kind: 'title', decidedBy: 'grassroots_union', nominees: ['individual'] },
  { code: 'chien_si_thi_dua_co_so', name: 'Danh hiệu "Chiến sĩ thi đua cơ sở"', kind: 'title', decidedBy: 'upper_union', nominees: ['individual'] },
  { code: 'chien_si_thi_dua_tinh', name: 'Danh hiệu "Chiến sĩ thi đua cấp tỉnh"', kind: 'title', decidedBy: 'province_federation', nominees: ['individual'], publicPosting: true },
  { code: 'tap_the_lao_dong_tien_tien', name: 'Danh hiệu "Tập thể lao động tiên tiến"', kind: 'title', decidedBy: 'upper_union', nominees: ['collective'] },
  { code: 'tap_the_lao_dong_xuat_sac', name: 'Danh hiệu "Tập thể lao động xuất sắc"', kind: 'title', decidedBy: 'province_federation', nominees: ['collective'], publicPosting: true },
  { code: 'to_cong_doan_vung_manh', name: 'Danh hiệu "Tổ công đoàn vững mạnh"', kind: 'title', decidedBy: 'grassroots_union', nominees: ['collective'] },
  { code: 'ky_niem_chuong', name: 'Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn"', kind: 'award', decidedBy: 'confederation', nominees: ['individual'], publicPosting: true },
];

/** The rule set in force on a date (`YYYY-MM-DD`). */
export function ruleSetOn(date: string): AwardRuleSetView {
  const rs = AWARD_RULE_SETS.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
  return rs ?? AWARD_RULE_SETS[0];
}

/** The catalogue under the rule set in force on `date`: for a nomination, the END of its achievement period (not the day it is entered). */
export function awardCatalogue(date: string): AwardFormView[] {
  const ruleSet = ruleSetOn(date);
  return FORMS.map((f) => ({ ...f, publicPosting: f.publicPosting ?? false, ruleSet }));
}

export function awardForm(code: string, date: string): AwardFormView | null {
  return awardCatalogue(date).find((f) => f.code === code) ?? null;
}

const LEVEL_RANK: Record<AwardDecidingLevel, number> = { confederation: 0, province_federation: 1, upper_union: 2, grassroots_union: 3 };

/** Whether a unit of `unitKind` may decide `form` itself (its own level or a lower one's form). */
export function mayDecide(unitKind: string, form: Pick<AwardFormView, 'decidedBy'>): boolean {
  const rank = LEVEL_RANK[unitKind as AwardDecidingLevel];
  return rank !== undefined && rank === LEVEL_RANK[form.decidedBy];
}
