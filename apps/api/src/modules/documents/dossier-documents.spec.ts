import { buildCouncilMinutes, buildMeetingMinutes, buildProposal, type DossierNominee } from './dossier-documents';
import { buildCommendationDecision } from './commendation-decision';
import { bodyBlocks } from './official-layout';

const nominee: DossierNominee = { kind: 'individual', name: 'Bà Mai Thị Uyên', position: 'Điều dưỡng trưởng', unitName: 'CĐCS Bệnh viện Đa khoa tỉnh', awardName: 'Bằng khen của Ban Chấp hành LĐLĐ tỉnh' };
const meeting = { date: '2021-12-10', members: 9, present: 8, yes: 7, no: 1, abstain: 0, chair: 'Nguyễn Văn Hùng', secretary: 'Trần Thị Thu' };
const report = { position: 'Điều dưỡng trưởng', overview: 'Công tác từ năm 2005', duties: 'Chăm sóc người bệnh', achievements: [{ year: 2021, text: 'Sáng kiến "Giảm thời gian chờ"' }], measures: 'Cải tiến quy trình', priorAwards: [{ year: 2020, form: 'Giấy khen', decision: '12/QĐ-CĐYT' }] };

describe('dossier documents (generated from data)', () => {
  it('the tờ trình cites the quy chế and the meeting, names the nominee with the award, and carries the report in its sections', () => {
    const p = buildProposal({ unitName: 'Ban Chấp hành CĐCS Bệnh viện Đa khoa tỉnh', addressee: 'Ban Thường vụ Công đoàn ngành Y tế tỉnh', campaignTitle: 'Thi đua "lao động giỏi"', period: { from: '2021-01-01', to: '2021-12-31' }, nominee, report, meeting, minutes: { symbol: '03/BB-CĐBV', date: '2021-12-10' }, ruleSetCitation: 'Quyết định số 1689/QĐ-TLĐ' });
    expect(p.summary).toBe('Về việc đề nghị tặng Bằng khen trong phong trào thi đua “Thi đua “lao động giỏi””');
    expect(p.body[0]).toBe('^Kính gửi: Ban Thường vụ Công đoàn ngành Y tế tỉnh');
    expect(p.body).toContain('Căn cứ Quyết định số 1689/QĐ-TLĐ;');
    expect(p.body.find((l) => l.includes('Biên bản số 03/BB-CĐBV'))).toContain('7/8 phiếu tán thành (87,5%)');
    expect(p.body).toContain('- Bà Mai Thị Uyên, Điều dưỡng trưởng, CĐCS Bệnh viện Đa khoa tỉnh.');
    expect(p.body.some((l) => l.includes('năm 2021'))).toBe(true);
    const headings = bodyBlocks(p.body).filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN', 'I. SƠ LƯỢC LÝ LỊCH', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', 'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT']);
    expect(p.body).toContain('- Năm 2021: Sáng kiến “Giảm thời gian chờ”');
    expect(bodyBlocks(p.body).find((b) => b.kind === 'table')).toEqual({ kind: 'table', rows: [['Năm', 'Hình thức khen thưởng', 'Số, ngày quyết định'], ['2020', 'Giấy khen', '12/QĐ-CĐYT']] });
  });

  it("the meeting's biên bản records who chaired, who was there and the vote, and whether it passed", () => {
    const m = buildMeetingMinutes({ unitName: 'CĐCS Bệnh viện Đa khoa tỉnh', meeting, nominee });
    expect(m.body).toContain('Thành phần: 8/9 thành viên có mặt.');
    expect(m.body).toContain('| 7 | 1 | 0 | 87,5%');
    expect(m.body.some((l) => l.startsWith('Đề nghị được thông qua với 7/8'))).toBe(true);
    expect(buildMeetingMinutes({ unitName: 'x', meeting: { ...meeting, yes: 4, no: 4 }, nominee }).body.some((l) => l.startsWith('Đề nghị không được thông qua'))).toBe(true);
  });

  it("the council's biên bản has one tally row per nomination, counts only, and the rule it voted under", () => {
    const c = buildCouncilMinutes({ councilName: 'Hội đồng Thi đua - Khen thưởng LĐLĐ tỉnh', date: '2021-12-20', secret: true, quorum: 2 / 3, passRatio: 0.9, passBasis: 'eligible', rows: [
      { nominee, eligible: 5, cast: 5, yes: 5, no: 0, abstain: 0, outcome: 'passed' },
      { nominee: { ...nominee, name: 'Ông Lê Văn Bình' }, eligible: 5, cast: 3, yes: 3, no: 0, abstain: 0, outcome: 'failed' },
    ] });
    expect(c.body[1]).toContain('bỏ phiếu kín; số thành viên tham gia tối thiểu 66,7%; đề nghị đạt khi được 90% tổng số thành viên Hội đồng tán thành');
    const table = bodyBlocks(c.body).find((b) => b.kind === 'table') as { rows: string[][] };
    expect(table.rows).toHaveLength(3);
    expect(table.rows[1].slice(3)).toEqual(['5', '5', '5', '0', '0', 'Đạt']);
    expect(table.rows[2].at(-1)).toBe('Không đạt');
    expect(c.body.at(-1)).toContain('quyết định khen thưởng 1 đề nghị đạt');
  });

  it('the decision names every proposing unit with its tờ trình', () => {
    const d = buildCommendationDecision({
      decidingBody: 'Ban Thường vụ LĐLĐ tỉnh', issuerFullName: 'LĐLĐ tỉnh', awardName: 'Bằng khen của Ban Chấp hành LĐLĐ tỉnh', ruleSetCitation: 'Quyết định số 1689/QĐ-TLĐ', proposal: { by: 'Thường trực Hội đồng' },
      proposals: [{ by: 'Ban Chấp hành CĐCS A', symbol: '01/TTr-CĐA', date: '2021-12-11' }, { by: 'Ban Chấp hành CĐCS B', symbol: '02/TTr-CĐB', date: '2021-12-12' }],
      nominees: [{ kind: 'individual', name: 'X', unitName: 'CĐCS A' }], executors: [], signer: { signerTitle: 'CHỦ TỊCH', signerName: 'Y' },
    });
    expect(d.body).toContain('Xét đề nghị của Ban Chấp hành CĐCS A tại Tờ trình số 01/TTr-CĐA ngày 11/12/2021; Ban Chấp hành CĐCS B tại Tờ trình số 02/TTr-CĐB ngày 12/12/2021.');
    expect(d.body.some((l) => l.includes('Thường trực Hội đồng'))).toBe(false);
  });
});
