import { renderOfficialDocx, placeAndDate } from './official-docx';
import { docxParagraphs, readZipEntry } from './zip-entry';

describe('official .docx layout', () => {
  it('writes place and date the decree-30 way', () => {
    expect(placeAndDate('Ninh Thuận', '2020-01-03')).toBe('Ninh Thuận, ngày 03 tháng 01 năm 2020');
    expect(placeAndDate('Ninh Thuận', '2019-11-13')).toBe('Ninh Thuận, ngày 13 tháng 11 năm 2019');
    expect(placeAndDate('Ninh Thuận', '2022-05-09')).toBe('Ninh Thuận, ngày 09 tháng 5 năm 2022');
  });

  it('has header, motto, number, place and date, title, body, signature block and Nơi nhận, in that order', async () => {
    const buf = await renderOfficialDocx({
      header: {
        parentBodyName: 'Tổng LĐLĐ Việt Nam',
        issuingBodyName: 'LĐLĐ tỉnh Ninh Thuận',
        symbol: '25/HD-LĐLĐ',
        symbolSuffix: 'HD-LĐLĐ',
        place: 'Ninh Thuận',
        date: '2020-01-03',
        docType: 'HD',
        summary: 'Tổ chức thực hiện Cuộc vận động',
      },
      body: ['# I. MỤC ĐÍCH, YÊU CẦU', 'Triển khai sâu rộng đến các cấp công đoàn.'],
      recipients: ['CĐ cấp trên trực tiếp cơ sở', 'Các Ban LĐLĐ tỉnh'],
      archiveDepartments: ['Ban CTCS'],
      signature: { authority: 'TM', authorityBody: 'Ban Thường vụ', signerTitle: 'Chủ tịch', signerName: 'Trần Văn Đông' },
    });
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const xml = readZipEntry(buf, 'word/document.xml')!;
    const text = docxParagraphs(xml);
    const order = [
      'TỔNG LĐLĐ VIỆT NAM',
      'LĐLĐ TỈNH NINH THUẬN',
      'Số: 25/HD-LĐLĐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Ninh Thuận, ngày 03 tháng 01 năm 2020',
      'HƯỚNG DẪN',
      'Tổ chức thực hiện Cuộc vận động',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Triển khai sâu rộng đến các cấp công đoàn.',
      'Nơi nhận:',
      '- CĐ cấp trên trực tiếp cơ sở;',
      '- Lưu: VT, Ban CTCS.',
      'TM. BAN THƯỜNG VỤ',
      'CHỦ TỊCH',
      'Trần Văn Đông',
    ];
    let at = -1;
    for (const line of order) {
      const next = text.indexOf(line, at + 1);
      expect({ line, found: next > at }).toEqual({ line, found: true });
      at = next;
    }
    expect(xml).toContain('Times New Roman');
  });

  it('prints a draft without a number and a công văn with its V/v line', async () => {
    const buf = await renderOfficialDocx({
      header: { parentBodyName: '', issuingBodyName: 'LĐLĐ tỉnh Ninh Thuận', symbol: null, symbolSuffix: 'LĐLĐ-VP', place: 'Ninh Thuận', date: null, docType: null, summary: 'triển khai phong trào' },
      body: ['Kính gửi: các Công đoàn cấp trên trực tiếp cơ sở.'],
      recipients: [],
      archiveDepartments: [],
      signature: { authority: 'KT', authorityBody: 'Chủ tịch', signerTitle: 'Phó Chủ tịch', signerName: 'Lê Thị Bình' },
    });
    const text = docxParagraphs(readZipEntry(buf, 'word/document.xml')!);
    expect(text.some((t) => /^Số: +\/LĐLĐ-VP$/.test(t))).toBe(true);
    expect(text).toContain('V/v triển khai phong trào');
    expect(text).toContain('KT. CHỦ TỊCH');
    expect(text).toContain('PHÓ CHỦ TỊCH');
    expect(text).toContain('- Lưu: VT.');
  });
});
