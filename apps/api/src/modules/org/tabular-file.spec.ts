import { formatOf, parseCsv, readTable, toCsv, toXlsx } from './tabular-file';

describe('tabular files', () => {
  it('parses CSV with quotes, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['last', ''],
    ]);
  });

  it('round-trips CSV and XLSX with Vietnamese text and keeps file row numbers', async () => {
    const header = ['code', 'name'];
    const rows = [
      ['CDCS-01', 'Công đoàn cơ sở "Bệnh viện", tỉnh'],
      ['CDCS-02', 'Trường THPT Chu Văn An'],
    ];
    for (const [format, buf] of [
      ['csv', toCsv(header, rows)],
      ['xlsx', await toXlsx('data', header, rows)],
    ] as const) {
      const t = await readTable(buf, format);
      expect(t.header).toEqual(header);
      expect(t.rows).toEqual([
        { line: 2, cells: rows[0] },
        { line: 3, cells: rows[1] },
      ]);
    }
  });

  it('skips blank lines without renumbering the others', async () => {
    const t = await readTable(Buffer.from('code\n\nA\n,\nB\n'), 'csv');
    expect(t.rows).toEqual([
      { line: 3, cells: ['A'] },
      { line: 5, cells: ['B'] },
    ]);
  });

  it('tells the format from the name or the explicit choice', () => {
    expect(formatOf('units.XLSX')).toBe('xlsx');
    expect(formatOf('u.txt', 'csv')).toBe('csv');
    expect(formatOf('u.txt')).toBeNull();
  });
});
