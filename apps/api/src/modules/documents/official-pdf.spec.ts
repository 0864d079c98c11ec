import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOfficialPdf, type OfficialPdfInput } from './official-pdf';
import { checkPdfSignature, Pkcs12SigningKey, signPdf } from './pdf-signing';
import { hasPdfsig, makeTestCa, pdfsig } from './pdf-test-ca';

const input: OfficialPdfInput = {
  header: {
    parentBodyName: 'TỔNG LĐLĐ VIỆT NAM',
    issuingBodyName: 'LĐLĐ TỈNH NINH THUẬN',
    symbol: '72/KH-LĐLĐ',
    symbolSuffix: 'KH-LĐLĐ',
    place: 'Ninh Thuận',
    date: '2019-11-13',
    docType: 'KH',
    summary: 'Phát động Cuộc vận động',
    title: 'Phát động Cuộc vận động\n“Cán bộ, công chức, viên chức nói không với tiêu cực”',
  },
  body: ['# I. MỤC ĐÍCH, YÊU CẦU', 'Đoàn viên, CCVC thi đua thực hiện văn hóa công sở; 100% CĐCS tuyên truyền.', '| TT | Chỉ tiêu | Kết quả', '| 1 | Tỷ lệ đoàn viên tham gia | 98,4%'],
  recipients: ['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh'],
  archiveDepartments: ['Ban CTCS'],
  signature: { authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Đông' },
};

/** The text of a PDF as poppler reads it (pdftotext ships with pdfsig in poppler-utils). */
function pdfText(pdf: Buffer, dir: string): string | null {
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status !== 0) return null;
  const f = join(dir, 'text.pdf');
  writeFileSync(f, pdf);
  return spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).stdout;
}

describe('official PDF', () => {
  const ca = makeTestCa();

  it('lays out the official header, body, Nơi nhận and signer with Vietnamese glyphs, fonts embedded, PDF/A-2b identified', async () => {
    const pdf = await renderOfficialPdf(input);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('/FontFile2'); // TrueType embedded
    expect(raw).toContain('pdfaid:part>2<');
    expect(raw).toContain('/OutputIntents');
    const text = pdfText(pdf, ca.dir);
    if (text === null) {
      if (process.env.CI) throw new Error('pdftotext (poppler-utils) is missing; .ci/run installs it');
      return;
    }
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 72/KH-LĐLĐ', 'Ninh Thuận, ngày 13 tháng 11 năm 2019', 'KẾ HOẠCH', 'Nơi nhận:', '- Sở Nội vụ;', '- Lưu: VT, Ban CTCS.', 'TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'Trần Văn Đông', 'Tỷ lệ đoàn viên tham gia', '“Cán bộ, công chức, viên chức nói không với tiêu cực”']) {
      expect(text).toContain(s);
    }
  });

  it('signs with a PKCS#12 certificate as PAdES (ETSI.CAdES.detached) with a visible field; pdfsig and our check accept it, a changed byte breaks it', async () => {
    const signingTime = new Date('2019-11-13T03:00:00Z');
    const unsigned = await renderOfficialPdf(input, { lines: ['Ký số bởi: Trần Văn Đông', 'Thời gian ký: 13/11/2019 10:00'], reason: 'Ban hành 72/KH-LĐLĐ', name: 'Trần Văn Đông', location: 'Ninh Thuận', signingTime });
    for (const p12 of [ca.p12Legacy, ca.p12Default]) {
      const signed = await signPdf(unsigned, new Pkcs12SigningKey(p12, ca.passphrase));
      const check = checkPdfSignature(signed);
      expect(check).toMatchObject({ isSigned: true, coversWholeFile: true, isCryptographicallyValid: true, problem: null });
      expect(check.signerSubject).toContain('Trần Văn Đông');
      expect(signed.toString('latin1')).toMatch(/\/Rect \[[\d.]+ [\d.]+ [\d.]+ [\d.]+\]/);
      expect(signed.toString('latin1')).not.toContain('/Rect [0 0 0 0]');

      const tampered = Buffer.from(signed);
      const at = tampered.indexOf('Trần'.slice(0, 1), 2000);
      tampered[at > 0 ? at : 3000] ^= 1;
      expect(checkPdfSignature(tampered).isCryptographicallyValid).toBe(false);
      const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n1 0 obj\n<<>>\nendobj\n')]);
      expect(checkPdfSignature(appended)).toMatchObject({ coversWholeFile: false, problem: 'changed_after_signing' });

      if (!hasPdfsig()) {
        if (process.env.CI) throw new Error('pdfsig (poppler-utils) is missing; .ci/run installs it');
        continue;
      }
      const report = pdfsig(signed, ca);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Signer Certificate Common Name: Trần Văn Đông');
      expect(report).toMatch(/Signature Field Name: Signature1/);
      const bad = pdfsig(tampered, ca);
      expect(bad).not.toContain('Signature Validation: Signature is Valid.');
    }
  });
});
