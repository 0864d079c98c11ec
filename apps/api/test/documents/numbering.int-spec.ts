import request from 'supertest';
import { createDocumentSchema } from '@thidua/contracts';
import { DocumentsService } from '../../src/modules/documents/documents.service';
import { docxParagraphs, readZipEntry } from '../../src/modules/documents/zip-entry';
import { loadDemoHierarchy, principalOf, signIn } from '../campaigns/support/demo-hierarchy';
import { startTestApp, type TestApp } from '../support/test-app';

const draft = (issuerUnitId: string, extra: Record<string, unknown> = {}) => ({
  issuerUnitId,
  docType: 'TB',
  summary: 'Thông báo kết quả kiểm tra',
  body: ['Nội dung thông báo.'],
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Nguyễn Văn An',
  recipients: ['Các CĐCS trực thuộc'],
  archiveDepartments: ['Ban CSPL'],
  ...extra,
});

describe(`document numbering register (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoHierarchy>>;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    ids = await loadDemoHierarchy(t);
  });
  afterAll(async () => t.close());

  it('numbers 30 concurrent signings 01..30, none twice, none skipped, even with a rollback among them', async () => {
    const docs = t.app.get(DocumentsService);
    const officer = await principalOf(t.dataSource, 'tdkt.tinh');
    const province = ids.units['LDLD-NT'];
    const drafts = [];
    for (let i = 0; i < 31; i++) drafts.push(await docs.create(officer, createDocumentSchema.parse(draft(province))));
    const failing = drafts[7].id;
    const results = await Promise.allSettled(
      drafts.map((d) =>
        t.dataSource.transaction(async (m) => {
          const signed = await docs.signIn(m, d.id, { userId: null, signedOn: '2020-01-03' });
          if (d.id === failing) throw new Error('signer cancelled after the number was taken');
          return signed;
        }),
      ),
    );
    const numbers = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ number: number }>).value.number).sort((a, b) => a - b);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const rows: Array<{ symbol: string }> = await t.dataSource.query(`SELECT symbol FROM official_document WHERE status = 'signed' ORDER BY number`);
    expect(rows[0].symbol).toBe('01/TB-LĐLĐ');
    expect(rows[9].symbol).toBe('10/TB-LĐLĐ');
    // The rolled-back one is still a draft and takes the next number when signed again.
    const again = await t.dataSource.transaction((m) => docs.signIn(m, failing, { userId: null, signedOn: '2020-02-01' }));
    expect(again.number).toBe(31);
  });

  it('keeps a series per year and a separate one for the council', async () => {
    const docs = t.app.get(DocumentsService);
    const officer = await principalOf(t.dataSource, 'tdkt.tinh');
    const province = ids.units['LDLD-NT'];
    const a = await docs.create(officer, createDocumentSchema.parse(draft(province, { docType: 'BB', series: 'council', summary: 'Biên bản họp Hội đồng' })));
    const b = await docs.create(officer, createDocumentSchema.parse(draft(province)));
    const sa = await t.dataSource.transaction((m) => docs.signIn(m, a.id, { userId: null, signedOn: '2020-03-01' }));
    const sb = await t.dataSource.transaction((m) => docs.signIn(m, b.id, { userId: null, signedOn: '2021-01-04' }));
    expect(sa.symbol).toBe('01/BB-HĐTĐKT');
    expect(sb.symbol).toBe('01/TB-LĐLĐ');
  });

  it('drafts, signs and exports a plan through the API; a second signing is refused', async () => {
    const http = request(t.app.getHttpServer());
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const created = await http
      .post('/api/documents')
      .set(officer)
      .send(draft(ids.units['LDLD-NT'], { docType: 'KH', summary: 'Phát động phong trào thi đua', place: 'Ninh Thuận', recipients: ['Công đoàn cấp trên trực tiếp cơ sở'] }))
      .expect(201);
    expect(created.body).toMatchObject({ status: 'draft', number: null, symbol: null });
    await http.post(`/api/documents/${created.body.id}/sign`).set(officer).send({}).expect(403);
    const signed = await http.post(`/api/documents/${created.body.id}/sign`).set(chair).send({ signedOn: '2022-01-03' }).expect(201);
    expect(signed.body).toMatchObject({ status: 'signed', number: 1, year: 2022, symbol: '01/KH-LĐLĐ', signedOn: '2022-01-03' });
    const again = await http.post(`/api/documents/${created.body.id}/sign`).set(chair).send({}).expect(409);
    expect(again.body.code).toBe('CONFLICT');
    const file = await http.get(`/api/documents/${created.body.id}/docx`).set(officer).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const text = docxParagraphs(readZipEntry(file.body as Buffer, 'word/document.xml')!);
    expect(text).toEqual(expect.arrayContaining(['Số: 01/KH-LĐLĐ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'KẾ HOẠCH', 'Nơi nhận:', '- Lưu: VT, Ban CSPL.', 'TM. BAN THƯỜNG VỤ']));
    expect(text.some((x) => x.startsWith('Ninh Thuận, ngày 03 tháng 01 năm 2022'))).toBe(true);
  });
});
