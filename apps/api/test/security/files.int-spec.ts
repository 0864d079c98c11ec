import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import request from 'supertest';
import { EICAR, fakeClamd, makeZip } from '../../src/common/testing/security-fixtures';
import { bearer, login, seedOrgDemo, unitId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from '../workflow/workflow-test-kit';

jest.setTimeout(180_000);

/** Raw-deflates `total` zero bytes in 1 MiB writes, never holding them in memory. */
async function deflatedZeros(total: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((r) => z.on('end', r));
  const mib = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < total / mib.length; i += 1) if (!z.write(mib)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  return Buffer.concat(parts);
}

describe('uploaded spreadsheets: limits before inflating, malformed files, formula-safe exports', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  let bomb: Buffer;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    // ≈ 200 MB of zeros in a few hundred KB, as in the probe of issue 13.
    bomb = await deflatedZeros(200 * 1024 * 1024);
  });
  afterAll(() => t.close());

  it('refuses a zip bomb (.xlsx) from its central directory with 413, fast, whatever its directory says', async () => {
    const admin = await login(t, 'admin');
    const honest = makeZip([{ name: 'xl/worksheets/sheet1.xml', packed: bomb, declaredSize: 200 * 1024 * 1024 }]);
    expect(honest.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const a = await http().post('/api/units/import').set(bearer(admin)).attach('file', honest, 'units.xlsx').expect(413);
    expect(a.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 'inflated_bytes' } });
    // The lying directory (declares 1 KB): inflation stops at IMPORT_MAX_INFLATED_BYTES (50 MB by default).
    const liar = makeZip([{ name: 'xl/worksheets/sheet1.xml', packed: bomb, declaredSize: 1024 }]);
    const b = await http().post('/api/units/import').set(bearer(admin)).attach('file', liar, 'units.xlsx').expect(413);
    expect(b.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('answers 400 FILE_MALFORMED for a damaged .xlsx and 400 INVALID_TEXT for a NUL in a CSV cell', async () => {
    const admin = await login(t, 'admin');
    const garbage = await http().post('/api/units/import').set(bearer(admin)).attach('file', Buffer.from('PK\x03\x04 this is not a workbook'), 'units.xlsx').expect(400);
    expect(garbage.body.code).toBe('FILE_MALFORMED');
    const notXlsx = makeZip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]);
    expect((await http().post('/api/units/import').set(bearer(admin)).attach('file', notXlsx, 'units.xlsx').expect(400)).body.code).toBe('FILE_MALFORMED');
    const nul = Buffer.from('code,name,kind,parent_code\nX1,Tên\u0000,sub_union,CDN-YT\n');
    expect((await http().post('/api/units/import').set(bearer(admin)).attach('file', nul, 'units.csv').expect(400)).body.code).toBe('INVALID_TEXT');
  });

  it('exports cells that start with = + - @ neutralised (CSV and XLSX)', async () => {
    const admin = await login(t, 'admin');
    const yt = await unitId(t, 'CDN-YT');
    await t.dataSource.query(`UPDATE unit SET name = '=HYPERLINK("http://evil.example","bấm")' WHERE id = $1`, [yt]);
    const csv = await http().get(`/api/units/export?format=csv&rootId=${yt}`).set(bearer(admin)).buffer(true).expect(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(csv.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('attachments: type sniffed from the content, nosniff downloads, malware scanning hook', () => {
  let t: TestApp;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let uploads: string;
  beforeAll(async () => {
    clamd = await fakeClamd();
    uploads = mkdtempSync(join(tmpdir(), 'hard-uploads-'));
    t = await startWorkflowApp({ UPLOAD_DIR: uploads, CLAMD_HOST: '127.0.0.1', CLAMD_PORT: String(clamd.port) });
  });
  afterAll(async () => {
    await t.close();
    clamd.server.close();
  });

  it('refuses an HTML page sent as image/png; stores a real PNG as image/png and serves it as an attachment with nosniff', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unit = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId: unit, title: 'Tệp', data: PLAN_DATA }).expect(201)).body.id;
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const bad = await officer.upload(`/api/items/${id}/attachments`).attach('file', html, { filename: 'anh.png', contentType: 'image/png' }).expect(415);
    expect(bad.body).toMatchObject({ code: 'FILE_TYPE_MISMATCH', details: { extension: 'png', detected: 'text' } });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b3c8e40000000049454e44ae426082', 'hex');
    // Declared as text/html: the declaration is ignored, the bytes decide.
    const ok = await officer.upload(`/api/items/${id}/attachments`).attach('file', png, { filename: 'anh.png', contentType: 'text/html' }).expect(201);
    expect(ok.body.contentType).toBe('image/png');
    const file = await officer.get(`/api/items/${id}/attachments/${ok.body.id}`).expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('quarantines the EICAR test file (clamd INSTREAM, here a fake daemon) and audits it', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unit = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId: unit, title: 'Virus', data: PLAN_DATA }).expect(201)).body.id;
    const res = await officer.upload(`/api/items/${id}/attachments`).attach('file', Buffer.from(EICAR), { filename: 'eicar.txt', contentType: 'text/plain' }).expect(422);
    expect(res.body).toMatchObject({ code: 'FILE_INFECTED', details: { signature: 'Eicar-Test-Signature' } });
    expect((await officer.get(`/api/items/${id}/attachments`).expect(200)).body).toEqual([]);
    const quarantined = readdirSync(join(uploads, 'quarantine'));
    expect(quarantined.some((f) => f.endsWith('.json'))).toBe(true);
    expect(existsSync(join(uploads, id))).toBe(false);
    const audit: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*)::text AS n FROM audit_log WHERE action = 'upload.quarantined' AND entity_id = $1`, [id]);
    expect(audit[0]!.n).toBe('1');
  });
});
