import type { IndicatorSpec } from '@thidua/contracts';
import { checkIndicatorValues } from '@thidua/contracts';
import type { CampaignRecord, UnitInfo } from '../campaigns/index';
import { bodyBlocks } from '../documents/index';
import { prefill } from './reports.service';
import { buildReviewReportBody, howComputed, REVIEW_REPORT_RECIPIENTS, type ReviewReportData } from './review-report';
import { rollUp, type RollupNode } from './rollup/indicator-rollup';

/** The seed's indicators (apps/api/data/ninh-thuan-2019.json), `weighted_by_responses` as the weighted mean it is. */
const SPECS: IndicatorSpec[] = [
  { key: 'propaganda_done', name: 'CĐCS tổ chức tuyên truyền phong trào', type: 'boolean', rollup: 'share_of_units' },
  { key: 'member_participation_pct', name: 'Tỷ lệ đoàn viên, CCVCLĐ tham gia', type: 'percent', rollup: 'weighted_by_members' },
  { key: 'office_culture_rules', name: 'Đưa nội dung văn hóa công sở vào quy định, nội quy, quy chế', type: 'boolean', rollup: 'share_of_units' },
  { key: 'citizen_very_satisfied_pct', name: 'Tỷ lệ người dân rất hài lòng', type: 'percent', rollup: 'weighted_by_field', weightField: 'citizen_responses' },
  { key: 'citizen_responses', name: 'Số phiếu khảo sát người dân', type: 'count', rollup: 'sum' },
  { key: 'models_registered', name: 'Số mô hình điển hình đăng ký', type: 'count', rollup: 'sum' },
];

/**
 * The seed's figures (the 2022 report): 100% of CĐCS ran propaganda, 98% of members took part, 98% of
 * units put office culture into their rules, more than 95% of citizens very satisfied, 13 models, from
 * 50 grassroots unions under 5 upper unions.
 */
function seedTree(): RollupNode[] {
  const nodes: RollupNode[] = [{ id: 'P', parentId: null, depth: 1, members: null, isExpected: false, values: null }];
  for (let u = 0; u < 5; u++) nodes.push({ id: `U${u}`, parentId: 'P', depth: 2, members: null, isExpected: false, values: null });
  for (let g = 0; g < 50; g++) {
    const r = checkIndicatorValues(SPECS, {
      propaganda_done: true,
      member_participation_pct: g % 2 === 0 ? 97 : 99,
      office_culture_rules: g !== 7,
      citizen_very_satisfied_pct: g % 5 === 0 ? 94 : 96,
      citizen_responses: 100,
      models_registered: g < 13 ? 1 : 0,
    });
    nodes.push({ id: `G${g}`, parentId: `U${g % 5}`, depth: 3, members: 200, isExpected: true, values: r.scaled });
  }
  return nodes;
}

const campaign = {
  id: 'c',
  code: 'VHCS-2019-2025',
  title: 'Cán bộ, công chức, viên chức tỉnh Ninh Thuận thi đua thực hiện văn hóa công sở',
  periodFrom: '2019-06-14',
  periodTo: '2025-09-02',
  legalBasis: ['Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ', 'Quyết định số 1190/QĐ-TLĐ ngày 22/7/2019 của Tổng Liên đoàn Lao động Việt Nam', 'Văn bản số 4268-CV/TU ngày 30/8/2019 của Tỉnh ủy'],
  indicators: SPECS,
} as unknown as CampaignRecord;
const province = { id: 'P', name: 'Liên đoàn Lao động tỉnh Ninh Thuận' } as UnitInfo;

function seedReport(): { body: string[]; data: ReviewReportData } {
  const figures = rollUp(SPECS, seedTree()).figures('P');
  const models = Array.from({ length: 13 }, (_, i) => ({ name: i === 0 ? 'Đổi mới phong cách thái độ phục vụ của nhân viên y tế hướng tới sự hài lòng người bệnh' : `Mô hình ${i + 1}`, unitName: i === 0 ? 'CĐCS Bệnh viện Đa khoa tỉnh' : `CĐCS ${i + 1}`, field: i === 0 ? 'y tế' : '' }));
  const data: ReviewReportData = {
    campaign: { title: campaign.title, periodFrom: campaign.periodFrom, periodTo: campaign.periodTo, legalBasis: campaign.legalBasis },
    milestone: { label: 'Sơ kết 03 năm' },
    issuerShortName: 'LĐLĐ tỉnh',
    plan: [
      { symbol: '72/KH-LĐLĐ', signedOn: '2019-11-13', summary: 'Phát động Cuộc vận động "Cán bộ, công chức, viên chức nói không với tiêu cực"', docType: 'KH' },
      { symbol: '25/HD-LĐLĐ', signedOn: '2020-01-03', summary: 'Tổ chức thực hiện Cuộc vận động gắn với Phong trào "CBCCVC thi đua thực hiện văn hóa công sở"', docType: 'HD' },
    ],
    figures,
    indicatorNames: Object.fromEntries(SPECS.map((s) => [s.key, s.name])),
    weightFields: Object.fromEntries(SPECS.map((s) => [s.key, s.weightField])),
    models,
    inspections: [
      { unitName: 'CĐCS Trung tâm Khuyến nông tỉnh', supervisorName: 'Công đoàn Viên chức tỉnh', topic: 'Thực hiện văn hóa công sở', scheduledFor: '2021-10-12', status: 'closed', findings: [{ text: 'Bố trí phòng làm việc gọn gàng, có hòm thư góp ý', severity: 'positive' }, { text: 'Chưa đưa nội dung văn hóa công sở vào quy chế nội bộ', severity: 'negative' }], correctiveAction: 'Bổ sung quy chế nội bộ, ký cam kết', closedAt: '2021-12-01' },
    ],
    commendations: [
      { nomineeName: 'CĐCS Văn phòng UBND tỉnh', nomineeUnitName: 'Công đoàn Viên chức tỉnh', awardForm: 'Bằng khen BCH LĐLĐ tỉnh', decisionSymbol: '05/QĐ-LĐLĐ', decisionDate: '2022-12-28' },
      { nomineeName: 'Bà Mai Thị Uyên', nomineeUnitName: 'CĐCS Bệnh viện Đa khoa tỉnh', awardForm: 'Bằng khen BCH LĐLĐ tỉnh', decisionSymbol: '05/QĐ-LĐLĐ', decisionDate: '2022-12-28' },
    ],
    sections: prefill(campaign, province as UnitInfo, figures, 13),
  };
  return { body: buildReviewReportBody(data), data };
}

describe('review report regenerated from the seed', () => {
  it('has every section of the seed’s report, in its order, III.3 included', () => {
    const headings = bodyBlocks(seedReport().body).filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''));
    // From reference/000_184b1a67cabfb7ee.txt (the 2022 report).
    expect(headings).toEqual([
      'I. ĐẶC ĐIỂM, TÌNH HÌNH',
      '1. Thuận lợi',
      '2. Khó khăn',
      'II. CÔNG TÁC TRIỂN KHAI THỰC HIỆN PHONG TRÀO THI ĐUA',
      '1. Công tác lãnh đạo, chỉ đạo, phát động Phong trào thi đua',
      '2. Công tác tuyên truyền',
      'III. KẾT QUẢ ĐẠT ĐƯỢC',
      '1. Kết quả hưởng ứng, thực hiện phong trào thi đua',
      '2. Những cách làm hay, sáng tạo trong việc thực hiện phong trào thi đua',
      '3. Đánh giá tác động, hiệu quả của Phong trào thi đua đối với việc thực hiện nhiệm vụ chính trị gắn với việc đẩy mạnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”',
      '4. Công tác kiểm tra, đôn đốc, hướng dẫn thực hiện phong trào thi đua',
      '5. Kết quả biểu dương, tôn vinh, khen thưởng Phong trào thi đua',
      'IV. ĐÁNH GIÁ CHUNG',
      '1. Kết quả đạt được',
      '2. Tồn tại, hạn chế, nguyên nhân',
    ]);
  });

  it('cites the campaign’s own plan and guidance and its legal basis', () => {
    const text = seedReport().body.join('\n');
    expect(text).toContain('Ban Thường vụ LĐLĐ tỉnh đã quán triệt, triển khai Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ; Quyết định số 1190/QĐ-TLĐ ngày 22/7/2019');
    expect(text).toContain('ban hành Kế hoạch số 72/KH-LĐLĐ ngày 13/11/2019 về việc phát động Cuộc vận động “Cán bộ, công chức, viên chức nói không với tiêu cực”');
    expect(text).toContain('Hướng dẫn số 25/HD-LĐLĐ ngày 03/01/2020');
  });

  it('prints the seed’s figures in Vietnamese formatting with a plain “cách tính”, never the internals', () => {
    const { body } = seedReport();
    const table = bodyBlocks(body).find((b) => b.kind === 'table');
    if (!table || table.kind !== 'table') throw new Error('no indicator table');
    expect(table.rows[0]).toEqual(['TT', 'Chỉ tiêu', 'Kết quả', 'Cách tính']);
    const byName = Object.fromEntries(table.rows.slice(1).map((r) => [r[1], r]));
    expect(byName['CĐCS tổ chức tuyên truyền phong trào'][2]).toBe('100,00%');
    expect(byName['Tỷ lệ đoàn viên, CCVCLĐ tham gia'][2]).toBe('98,00%');
    expect(byName['Đưa nội dung văn hóa công sở vào quy định, nội quy, quy chế'][2]).toBe('98,00%');
    expect(byName['Tỷ lệ người dân rất hài lòng'][2]).toBe('95,60%');
    expect(byName['Số mô hình điển hình đăng ký'][2]).toBe('13');
    expect(byName['Đưa nội dung văn hóa công sở vào quy định, nội quy, quy chế'][3]).toBe('Số CĐCS đạt (49) chia cho số CĐCS đã báo cáo (50); 50/50 CĐCS đã báo cáo');
    expect(byName['Tỷ lệ đoàn viên, CCVCLĐ tham gia'][3]).toBe('Bình quân của các CĐCS, mỗi đơn vị tính theo số đoàn viên (tổng 10.000 đoàn viên); 50/50 CĐCS đã báo cáo');
    expect(byName['Tỷ lệ người dân rất hài lòng'][3]).toContain('tính theo số phiếu khảo sát người dân (tổng 5.000)');
    expect(body.join('\n')).not.toMatch(/\d+\.\d+ \/ \d+/); // "980000.00 / 10000"
  });

  it('writes the models, the inspection with findings and corrective action, and the commendations decided', () => {
    const text = seedReport().body.join('\n');
    expect(text).toContain('đã đăng ký và xây dựng được 13 mô hình điển hình');
    expect(text).toContain('- Mô hình “Đổi mới phong cách thái độ phục vụ của nhân viên y tế hướng tới sự hài lòng người bệnh” của CĐCS Bệnh viện Đa khoa tỉnh (lĩnh vực y tế);');
    expect(text).toContain('- Công đoàn Viên chức tỉnh kiểm tra CĐCS Trung tâm Khuyến nông tỉnh ngày 12/10/2021 về thực hiện văn hóa công sở; ưu điểm: Bố trí phòng làm việc gọn gàng, có hòm thư góp ý; tồn tại: Chưa đưa nội dung văn hóa công sở vào quy chế nội bộ; biện pháp khắc phục: Bổ sung quy chế nội bộ, ký cam kết (đã kiểm tra lại, kết thúc ngày 01/12/2021).');
    expect(text).toContain('- Bằng khen BCH LĐLĐ tỉnh (Quyết định số 05/QĐ-LĐLĐ ngày 28/12/2022): CĐCS Văn phòng UBND tỉnh (Công đoàn Viên chức tỉnh); Bà Mai Thị Uyên (CĐCS Bệnh viện Đa khoa tỉnh).');
    expect(text).toContain('“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”');
  });

  it('uses typographic quotes only, and offers the seed’s Nơi nhận', () => {
    expect(seedReport().body.join('\n')).not.toContain('"');
    expect(REVIEW_REPORT_RECIPIENTS).toEqual(expect.arrayContaining(['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh', 'Trưởng Khối thi đua MT – ĐT tỉnh', 'Thường trực LĐLĐ tỉnh', 'Công đoàn cấp trên trực tiếp cơ sở', 'Các Ban LĐLĐ tỉnh', 'Website LĐLĐ tỉnh']));
  });

  it('says how a sum and a mean are computed', () => {
    const f = rollUp(SPECS, seedTree()).figure('P', 'models_registered');
    expect(howComputed(f)).toBe('Cộng số liệu của các CĐCS; 50/50 CĐCS đã báo cáo');
  });
});
