import { defaultAbbreviation, documentSymbol, formatDocumentNumber, symbolSuffix, vietnamDate } from './document-symbol';

describe('document numbers and symbols', () => {
  it('puts a leading zero below 10 only', () => {
    expect(formatDocumentNumber(1)).toBe('01');
    expect(formatDocumentNumber(9)).toBe('09');
    expect(formatDocumentNumber(10)).toBe('10');
    expect(formatDocumentNumber(4173)).toBe('4173');
    expect(() => formatDocumentNumber(0)).toThrow();
  });

  it('writes number/type-issuer, and issuer-department for a công văn', () => {
    expect(documentSymbol(72, 'KH', 'LĐLĐ')).toBe('72/KH-LĐLĐ');
    expect(documentSymbol(5, 'QĐ', 'HĐTĐKT')).toBe('05/QĐ-HĐTĐKT');
    expect(documentSymbol(4173, null, 'TLĐ', 'ToC')).toBe('4173/TLĐ-ToC');
    expect(symbolSuffix('HD', 'LĐLĐ')).toBe('HD-LĐLĐ');
  });

  it('dates a signing in Vietnam time, so the year turns at midnight in Hà Nội', () => {
    expect(vietnamDate(new Date('2019-12-31T16:59:59Z'))).toBe('2019-12-31');
    expect(vietnamDate(new Date('2019-12-31T17:00:00Z'))).toBe('2020-01-01');
  });

  it('derives an abbreviation from the unit kind', () => {
    expect(defaultAbbreviation('province_federation', 'LDLD-NT')).toBe('LĐLĐ');
    expect(defaultAbbreviation('confederation', 'TLD')).toBe('TLĐ');
  });
  it('derives an abbreviation that names the issuer', () => {
    expect(defaultAbbreviation('upper_union', 'CDN-YT', 'Công đoàn ngành Y tế tỉnh Ninh Thuận')).toBe('CĐYT');
    expect(defaultAbbreviation('upper_union', 'CD-VC', 'Công đoàn Viên chức tỉnh Ninh Thuận')).toBe('CĐVC');
    expect(defaultAbbreviation('upper_union', 'CD-KCN', 'Công đoàn các Khu công nghiệp tỉnh Ninh Thuận')).toBe('CĐKCN');
    expect(defaultAbbreviation('upper_union', 'CDN-GD', 'Công đoàn ngành Giáo dục tỉnh Ninh Thuận')).toBe('CĐGD');
    expect(defaultAbbreviation('upper_union', 'LDLD-NS', 'Liên đoàn Lao động huyện Ninh Sơn')).toBe('LĐLĐ');
  });
});
