import ExcelJS from 'exceljs';
import request from 'supertest';
import { bearer, login, seedOrgDemo, unitId, type Session } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');

describe('import and export of units and users', () => {
  let t: TestApp;
  let admin: Session;
  const http = () => request(t.app.getHttpServer());
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    admin = await login(t, 'admin');
  });
  afterAll(() => t.close());

  it('reports every bad row (row, column, reason) and imports nothing', async () => {
    const units = await count('unit');
    const file = csv([
      ['code', 'name', 'kind', 'parent_code', 'sector', 'member_count'],
      ['CDCS-MOI-01', 'CĐCS Mới 01', 'grassroots_union', 'LDLD-NT', 'general', '45'],
      ['CDCS-MOI-02', '', 'grassroots_union', 'LDLD-NT', '', ''],
      ['CDCS-MOI-03', 'CĐCS Mới 03', 'hamlet', 'LDLD-NT', '', 'many'],
      ['CDCS-MOI-04', 'CĐCS Mới 04', 'grassroots_union', 'KHONG-CO', '', ''],
      ['CDCS-MOI-01', 'Trùng', 'grassroots_union', 'LDLD-NT', '', ''],
      ['CDN-YT-X', 'Sai cấp', 'upper_union', 'CDCS-YT-BVDK', '', ''],
    ]);
    const res = await http().post('/api/units/import').set(bearer(admin)).attach('file', file, 'units.csv').expect(422);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.details.rows).toEqual([
      { row: 3, column: 'name', reason: 'required' },
      { row: 4, column: 'kind', reason: expect.stringContaining('invalid_value') },
      { row: 4, column: 'member_count', reason: expect.stringContaining('invalid_format') },
      { row: 6, column: 'code', reason: 'duplicate_in_file (row 2)' },
    ]);
    // Row-level problems first; the database checks run once the rows themselves are sound.
    const second = csv([
      ['code', 'name', 'kind', 'parent_code', 'sector', 'member_count'],
      ['CDCS-MOI-01', 'CĐCS Mới 01', 'grassroots_union', 'LDLD-NT', 'general', '45'],
      ['CDCS-MOI-04', 'CĐCS Mới 04', 'grassroots_union', 'KHONG-CO', '', ''],
      ['CDN-YT-X', 'Sai cấp', 'upper_union', 'CDCS-YT-BVDK', '', ''],
      ['A-1', 'Vòng 1', 'grassroots_union', 'A-2', '', ''],
      ['A-2', 'Vòng 2', 'grassroots_union', 'A-1', '', ''],
      ['CDBP-MOI-04', 'Tổ 1', 'sub_union', 'CDCS-MOI-04', '', ''],
    ]);
    const res2 = await http().post('/api/units/import').set(bearer(admin)).attach('file', second, 'units.csv').expect(422);
    expect(res2.body.details.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`)).toEqual(['3:parent_code', '4:kind', '5:parent_code', '6:parent_code', '7:parent_code']);
    expect(res2.body.detail).toContain('5');
    expect(await count('unit')).toBe(units);
  });

  it('imports a good file in one go (parents later in the file too); importing it again changes nothing', async () => {
    const file = await xlsx([
      ['code', 'name', 'kind', 'parent_code', 'sector', 'member_count'],
      ['CDCS-KCN-MOI', 'CĐCS Công ty Mới', 'grassroots_union', 'CD-KCN-MOI', 'industry', '300'],
      ['CD-KCN-MOI', 'Công đoàn KCN Mới', 'upper_union', 'LDLD-NT', 'industrial_zone', ''],
      ['CDBP-KCN-MOI', 'Tổ công đoàn Phân xưởng 1', 'sub_union', 'CDCS-KCN-MOI', '', '40'],
    ]);
    const first = await http().post('/api/units/import').set(bearer(admin)).attach('file', file, 'units.xlsx').expect(201);
    expect(first.body).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const units = await count('unit');
    const links = await count('unit_parent_link');
    const audits = await count('audit_log');
    const again = await http().post('/api/units/import').set(bearer(admin)).attach('file', file, 'units.xlsx').expect(201);
    expect(again.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    expect([await count('unit'), await count('unit_parent_link'), await count('audit_log')]).toEqual([units, links, audits]);
    const sub: Array<{ path: string }> = await t.dataSource.query(`SELECT path FROM unit WHERE code = 'CDBP-KCN-MOI'`);
    const upper: Array<{ path: string }> = await t.dataSource.query(`SELECT path FROM unit WHERE code = 'CD-KCN-MOI'`);
    expect(sub[0]!.path.startsWith(upper[0]!.path)).toBe(true);
  });

  it('imports users with roles from CSV and XLSX, idempotently; scope applies', async () => {
    const rows = [
      ['username', 'full_name', 'email', 'unit_code', 'status', 'roles'],
      ['canbo.kcn-moi', 'Nguyễn Thị Mới', 'moi@example.vn', 'CDCS-KCN-MOI', 'active', 'officer'],
      ['giamsat.kcn-moi', 'Trần Văn Giám', '', 'CD-KCN-MOI', '', 'supervisor;viewer@CDCS-KCN-MOI'],
    ];
    const first = await http().post('/api/users/import').set(bearer(admin)).attach('file', await xlsx(rows), 'users.xlsx').expect(201);
    expect(first.body).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await http().post('/api/users/import').set(bearer(admin)).attach('file', csv(rows), 'users.csv').expect(201);
    expect(again.body).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    const roles = await t.dataSource.query(
      `SELECT r.role, u.code FROM role_assignment r JOIN unit u ON u.id = r.unit_id JOIN app_user a ON a.id = r.user_id WHERE a.username = 'giamsat.kcn-moi' ORDER BY 1`,
    );
    expect(roles).toEqual([
      { role: 'supervisor', code: 'CD-KCN-MOI' },
      { role: 'viewer', code: 'CDCS-KCN-MOI' },
    ]);
    // An imported account has no usable password until an admin resets it.
    await http().post('/api/auth/login').send({ username: 'canbo.kcn-moi', password: t.config.demoPassword }).expect(401);

    // A supervisor elsewhere is not an admin; an admin elsewhere cannot place users in this subtree.
    const ns = await unitId(t, 'LDLD-NS');
    const created = await http().post('/api/users').set(bearer(admin)).send({ username: 'admin.ns', fullName: 'QT NS', homeUnitId: ns, password: 'Admin-NS-2026' }).expect(201);
    await http().post(`/api/users/${created.body.user.id}/roles`).set(bearer(admin)).send({ unitId: ns, role: 'admin' }).expect(201);
    const nsAdmin = await login(t, 'admin.ns', 'Admin-NS-2026');
    const res = await http().post('/api/users/import').set(bearer(nsAdmin)).attach('file', csv(rows), 'users.csv').expect(422);
    expect(res.body.details.rows).toEqual([
      { row: 2, column: 'unit_code', reason: 'not_found_or_out_of_scope' },
      { row: 2, column: 'username', reason: 'taken' },
      { row: 3, column: 'roles', reason: 'viewer@CDCS-KCN-MOI: not_found_or_out_of_scope' },
      { row: 3, column: 'unit_code', reason: 'not_found_or_out_of_scope' },
      { row: 3, column: 'username', reason: 'taken' },
    ]);
  });

  it('exports units and users to CSV and XLSX in the import format; re-importing an export changes nothing', async () => {
    const yt = await unitId(t, 'CDN-YT');
    const exported = await http().get(`/api/units/export?format=csv&rootId=${yt}`).set(bearer(admin)).buffer(true).expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain('units-CDN-YT.csv');
    const text = exported.text.replace(/^\ufeff/, '');
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).toBe('code,name,kind,parent_code,sector,member_count');
    expect(lines.some((l) => l.startsWith('CDCS-YT-BVDK,'))).toBe(true);
    const reimport = await http().post('/api/units/import').set(bearer(admin)).attach('file', Buffer.from(exported.text), 'back.csv').expect(201);
    expect(reimport.body).toMatchObject({ created: 0, updated: 0, unchanged: lines.length - 1 });

    const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const x = await http().get('/api/users/export?format=xlsx').set(bearer(admin)).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'username', 'full_name', 'email', 'unit_code', 'status', 'roles']);
    const usernames = sheet.getColumn(1).values.slice(2);
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'canbo.yt-bvdk', 'giamsat.kcn-moi']));
    const again = await http().post('/api/users/import').set(bearer(admin)).attach('file', x.body as Buffer, 'users.xlsx').expect(201);
    expect(again.body.created + again.body.updated).toBe(0);

    const viewer = await login(t, 'giamsat.ns');
    await http().get(`/api/units/export?rootId=${yt}`).set(bearer(viewer)).expect(404);
    await http().get('/api/users/export').set(bearer(viewer)).expect(403);
  });
});
