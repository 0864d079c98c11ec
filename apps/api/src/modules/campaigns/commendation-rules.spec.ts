import { dossierMissing, meetingPassed, quotaLimit, reportMissing, ruleDateFor } from './commendation-rules';
import { awardForm } from './award-catalogue';

const report = { position: 'Điều dưỡng trưởng', overview: 'Công tác tại khoa từ 2010', duties: 'Chăm sóc người bệnh', achievements: [{ year: 2021, text: 'Hoàn thành xuất sắc nhiệm vụ' }], measures: 'Sáng kiến cải tiến quy trình', priorAwards: [] };
const meeting = { date: '2021-12-10', members: 9, present: 8, yes: 7, no: 1, abstain: 0, chair: 'Nguyễn Văn A', secretary: 'Trần Thị B' };

describe('commendation rules', () => {
  it('chooses the rules of the end of the achievement period, not the day of entry', () => {
    expect(ruleDateFor({ from: '2019-01-01', to: '2022-06-30' })).toBe('2022-06-30');
    expect(awardForm('bang_khen_ldld', ruleDateFor({ from: '2021-01-01', to: '2021-12-31' }))?.ruleSet.code).toBe('QD-1689-TLD-2019');
    expect(awardForm('bang_khen_ldld', ruleDateFor({ from: '2024-01-01', to: '2024-12-31' }))?.ruleSet.code).toBe('QD-999-TLD-2024');
  });

  it('names every missing field of the structured report', () => {
    expect(reportMissing('individual', null)).toEqual(['achievement_report']);
    expect(reportMissing('individual', report)).toEqual([]);
    expect(reportMissing('individual', { ...report, duties: ' ', achievements: [] })).toEqual(['achievement_report.duties', 'achievement_report.achievements']);
    expect(reportMissing('collective', report)).toEqual(['achievement_report.memberCount']);
  });

  it('passes the meeting with more than half of those present', () => {
    expect(meetingPassed({ present: 8, yes: 5 })).toBe(true);
    expect(meetingPassed({ present: 8, yes: 4 })).toBe(false);
    expect(meetingPassed({ present: 0, yes: 0 })).toBe(false);
  });

  it('lists what the dossier lacks before it leaves the unit and before it goes above the upper union', () => {
    const empty = { kind: 'individual' as const, decidedBy: 'province_federation' as const, report: null, meeting: null, hasProposal: false, hasMeetingMinutes: false, hasConfirmation: false };
    expect(dossierMissing(empty, 'leave_unit')).toEqual(['proposal', 'achievement_report', 'meeting', 'meeting_minutes']);
    const full = { ...empty, report, meeting, hasProposal: true, hasMeetingMinutes: true };
    expect(dossierMissing(full, 'leave_unit')).toEqual([]);
    expect(dossierMissing(full, 'above_upper')).toEqual(['confirmation']);
    expect(dossierMissing({ ...full, hasConfirmation: true }, 'above_upper')).toEqual([]);
    expect(dossierMissing({ ...full, meeting: { ...meeting, yes: 3, no: 5 } }, 'leave_unit')).toEqual(['meeting_vote_not_passed']);
    // The upper union's own award needs no confirmation of itself; a unit's own award stays in the unit.
    expect(dossierMissing({ ...full, decidedBy: 'upper_union' }, 'above_upper')).toEqual([]);
    expect(dossierMissing({ ...empty, decidedBy: 'grassroots_union' }, 'leave_unit')).toEqual([]);
  });

  it('gives a quota as a count or as a share of a base, rounded down', () => {
    expect(quotaLimit({ maxCount: 3, share: null, base: null }, null)).toBe(3);
    expect(quotaLimit({ maxCount: null, share: 0.15, base: 'titles_below' }, 20)).toBe(3);
    expect(quotaLimit({ maxCount: null, share: 0.15, base: 'titles_below' }, 19)).toBe(2);
    expect(quotaLimit({ maxCount: null, share: 0.1, base: 'members' }, 1250)).toBe(125);
    expect(quotaLimit({ maxCount: null, share: 0.15, base: 'titles_below' }, null)).toBe(0);
  });

  it('extends the catalogue with the Law\'s titles and the union\'s medal, posting where the form needs it', () => {
    for (const code of ['lao_dong_tien_tien', 'chien_si_thi_dua_co_so', 'chien_si_thi_dua_tinh', 'tap_the_lao_dong_xuat_sac', 'tap_the_lao_dong_tien_tien', 'to_cong_doan_vung_manh', 'ky_niem_chuong']) expect(awardForm(code, '2024-06-01')).not.toBeNull();
    expect(awardForm('chien_si_thi_dua_tinh', '2024-06-01')?.publicPosting).toBe(true);
    expect(awardForm('bang_khen_ldld', '2024-06-01')?.publicPosting).toBe(false);
    expect(awardForm('tap_the_lao_dong_xuat_sac', '2024-06-01')?.nominees).toEqual(['collective']);
  });
});
