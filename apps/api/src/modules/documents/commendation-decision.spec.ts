import { buildCommendationDecision, decreeInForce, type CommendationDecisionInput } from './commendation-decision';
import { bodyBlocks } from './official-layout';

const base: CommendationDecisionInput = {
  decidingBody: 'Ban Thường vụ Liên đoàn Lao động tỉnh Ninh Thuận',
  issuerFullName: 'Liên đoàn Lao động tỉnh Ninh Thuận',
  awardName: 'Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh Ninh Thuận',
  campaignTitle: 'Cán bộ, công chức, viên chức tỉnh Ninh Thuận thi đua thực hiện văn hóa công sở',
  achievementPeriod: { from: '2019-06-14', to: '2022-12-31' },
  ruleSetCitation: 'Quy chế Khen thưởng của tổ chức Công đoàn ban hành kèm theo Quyết định số 1689/QĐ-TLĐ ngày 26/12/2019 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam',
  decreeCitation: decreeInForce('2022-12-31'),
  council: { minutesSymbol: '01/BB-HĐTĐKT', minutesDate: '2022-12-20', councilName: 'Hội đồng Thi đua - Khen thưởng Liên đoàn Lao động tỉnh' },
  proposal: { by: 'Ban Tổ chức - Kiểm tra', symbol: '05/TTr-BTC', date: '2022-12-15' },
  nominees: [
    { kind: 'collective', name: 'CĐCS Bệnh viện Đa khoa tỉnh', unitName: 'Công đoàn ngành Y tế tỉnh Ninh Thuận' },
    { kind: 'individual', name: 'Bà Mai Thị Uyên', position: 'Chủ tịch CĐCS', unitName: 'CĐCS Bệnh viện Đa khoa tỉnh' },
  ],
  bonus: { individual: 1, collective: 2, baseSalary: 1_490_000, baseSalaryCitation: 'Nghị định số 38/2019/NĐ-CP' },
  executors: ['Chánh Văn phòng', 'Trưởng Ban Tổ chức - Kiểm tra LĐLĐ tỉnh'],
  signer: { signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Đông' },
};

describe('commendation decision (QĐ 933/QĐ-TLĐ form)', () => {
  it('names the deciding body, cites the laws, the quy chế of the period and the council minutes, centres QUYẾT ĐỊNH:, lists nominees with their units, pays coefficient × base salary, and has an execution article', () => {
    const d = buildCommendationDecision(base);
    const blocks = bodyBlocks(d.body);
    expect(blocks[0]).toEqual({ kind: 'centred', text: 'BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH THUẬN' });
    expect(d.body).toEqual(expect.arrayContaining(['Căn cứ Luật Công đoàn năm 2024;', 'Căn cứ Điều lệ Công đoàn Việt Nam;', 'Căn cứ Luật Thi đua, Khen thưởng năm 2022;']));
    expect(d.body.some((l) => l.includes('Nghị định số 98/2023/NĐ-CP'))).toBe(true); // the decree of the achievement period
    expect(d.body.some((l) => l.includes('1689/QĐ-TLĐ'))).toBe(true);
    expect(d.body).toContain('Căn cứ Biên bản số 01/BB-HĐTĐKT ngày 20/12/2022 của Hội đồng Thi đua - Khen thưởng Liên đoàn Lao động tỉnh;');
    expect(d.body).toContain('Xét đề nghị của Ban Tổ chức - Kiểm tra tại Tờ trình số 05/TTr-BTC ngày 15/12/2022.');
    expect(blocks).toContainEqual({ kind: 'centred', text: 'QUYẾT ĐỊNH:' });
    expect(d.body).toContain('1. CĐCS Bệnh viện Đa khoa tỉnh thuộc Công đoàn ngành Y tế tỉnh Ninh Thuận;');
    expect(d.body).toContain('2. Bà Mai Thị Uyên, Chủ tịch CĐCS, CĐCS Bệnh viện Đa khoa tỉnh;');
    expect(d.body.find((l) => l.startsWith('Điều 1.'))).toBe('Điều 1. Tặng Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh Ninh Thuận cho 1 tập thể và 1 cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Cán bộ, công chức, viên chức tỉnh Ninh Thuận thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2022:');
    expect(d.body.find((l) => l.startsWith('Điều 2.'))).toBe('Điều 2. Kèm theo Bằng khen, mỗi cá nhân 1 lần mức lương cơ sở (1 × 1.490.000 đồng = 1.490.000 đồng); mỗi tập thể 2 lần mức lương cơ sở (2 × 1.490.000 đồng = 2.980.000 đồng), mức lương cơ sở theo Nghị định số 38/2019/NĐ-CP; tiền thưởng trích từ quỹ thi đua, khen thưởng của Liên đoàn Lao động tỉnh Ninh Thuận.');
    expect(d.body.find((l) => l.startsWith('Điều 3.'))).toContain('chịu trách nhiệm thi hành Quyết định này');
    expect(d.recipients[0]).toBe('Như Điều 3');
    expect(d).toMatchObject({ authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerName: 'Trần Văn Đông' });
  });

  it('says nothing of a council when none voted, numbers the execution article after Điều 1 without a bonus, and attaches a list when long', () => {
    const nominees = Array.from({ length: 12 }, (_, i) => ({ kind: 'individual' as const, name: `Người ${i + 1}`, position: 'Đoàn viên', unitName: `CĐCS ${i + 1}` }));
    const d = buildCommendationDecision({ ...base, council: null, bonus: null, nominees, proposal: { by: 'Ban Chấp hành CĐCS Trường THPT Tháp Chàm' } });
    expect(d.body.join('\n')).not.toMatch(/Hội đồng|biểu quyết|Biên bản/);
    expect(d.body.find((l) => l.startsWith('Điều 1.'))).toContain('12 cá nhân (có danh sách kèm theo)');
    expect(d.body.some((l) => l.startsWith('Điều 2.') && l.includes('thi hành'))).toBe(true);
    expect(d.recipients[0]).toBe('Như Điều 2');
    const table = bodyBlocks(d.body).find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows.length : 0).toBe(13);
  });

  it('cites decree 152/2025 from 1 July 2025', () => {
    expect(decreeInForce('2025-07-01')).toContain('152/2025/NĐ-CP');
    expect(decreeInForce('2025-06-30')).toContain('98/2023/NĐ-CP');
  });
});
