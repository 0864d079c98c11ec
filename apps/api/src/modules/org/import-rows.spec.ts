import { checkUnitRows, checkUserRows, parseRoleList } from './import-rows';
import type { Table } from './tabular-file';

const table = (header: string[], ...rows: string[][]): Table => ({ header, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const UNIT_HEADER = ['code', 'name', 'kind', 'parent_code', 'sector', 'member_count'];

describe('unit import rows', () => {
  it('accepts good rows', () => {
    const r = checkUnitRows(table(UNIT_HEADER, ['CDCS-1', 'CĐCS 1', 'grassroots_union', 'LDLD-NT', 'health', '120'], ['CDBP-1', 'Bộ phận 1', 'sub_union', 'CDCS-1', '', '']));
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({ line: 2, code: 'CDCS-1', memberCount: 120, sector: 'health' });
    expect(r.rows[1]).toMatchObject({ sector: null, memberCount: null, parentCode: 'CDCS-1' });
  });

  it('reports every bad row with its column and reason', () => {
    const r = checkUnitRows(
      table(
        UNIT_HEADER,
        ['', 'no code', 'grassroots_union', 'X', '', ''],
        ['A B', 'bad code', 'grassroots_union', 'X', '', ''],
        ['OK-1', '', 'village', 'X', '', '-3'],
        ['OK-2', 'fine', 'grassroots_union', 'X', '', ''],
        ['OK-2', 'dup', 'grassroots_union', '', '', ''],
      ),
    );
    expect(r.problems).toEqual([
      { row: 2, column: 'code', reason: 'required' },
      { row: 3, column: 'code', reason: 'invalid_format' },
      { row: 4, column: 'name', reason: 'required' },
      { row: 4, column: 'kind', reason: expect.stringContaining('invalid_value') },
      { row: 4, column: 'member_count', reason: expect.stringContaining('invalid_format') },
      { row: 6, column: 'code', reason: 'duplicate_in_file (row 5)' },
      { row: 6, column: 'parent_code', reason: 'required' },
    ]);
    expect(r.rows.map((x) => x.code)).toEqual(['OK-2']);
  });

  it('reports missing columns on the header row', () => {
    expect(checkUnitRows(table(['code', 'name'])).problems).toEqual([
      { row: 1, column: 'kind', reason: 'missing_column' },
      { row: 1, column: 'parent_code', reason: 'missing_column' },
    ]);
  });
});

describe('user import rows', () => {
  const HEADER = ['username', 'full_name', 'email', 'unit_code', 'status', 'roles'];
  it('parses role lists with optional units', () => {
    expect(parseRoleList('officer; supervisor@CDN-YT')).toEqual({ roles: [{ role: 'officer', unitCode: null }, { role: 'supervisor', unitCode: 'CDN-YT' }], bad: [] });
    expect(parseRoleList('boss;officer@').bad).toEqual(['boss', 'officer@']);
  });

  it('checks each row', () => {
    const r = checkUserRows(table(HEADER, ['Nguyen.A', 'Nguyễn A', 'a@x.vn', 'U1', '', 'officer'], ['b', 'B', 'not-mail', '', 'gone', 'boss'], ['nguyen.a', 'dup', '', 'U1', '', '']));
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ username: 'nguyen.a', status: 'active', roles: [{ role: 'officer', unitCode: null }] });
    expect(r.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['3:username', '3:email', '3:unit_code', '3:status', '3:roles', '4:username']);
  });
});
