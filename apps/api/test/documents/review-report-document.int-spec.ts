import request from 'supertest';
import { DemoCampaignSeeder } from '../../src/modules/campaigns';
import { docxParagraphs, readZipEntry } from '../../src/modules/documents/zip-entry';
import { loadDemoHierarchy, signIn } from '../campaigns/support/demo-hierarchy';
import { startTestApp, type TestApp } from '../support/test-app';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Issue 16, line 1: the review report is a document of the register, generated from the campaign's data. */
describe(`review report as a document of the register (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoHierarchy>>;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    ids = await loadDemoHierarchy(t);
    await t.app.get(DemoCampaignSeeder).seed();
  });
  afterAll(async () => t.close());

  it('is drafted from the data, with the seed’s Nơi nhận, edited, then numbered, dated and signed by a named signer; once signed it is not regenerated', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const admin = await signIn(t, 'admin');
    const province = ids.units['LDLD-NT'];
    const [c] = await t.dataSource.query(`SELECT id FROM campaign WHERE code = 'VHCS-2019-2025'`);
    const [ms] = await t.dataSource.query(`SELECT id FROM campaign_milestone WHERE campaign_id = $1 AND kind = 'so_ket'`, [c.id]);

    // The real guidance 25/HD-LĐLĐ of 03/01/2020: the register continues from the paper one.
    await http().put(`/api/documents/registers/${province}`).set(admin).send({ year: 2020, nextNumber: 25, reason: 'Sổ văn bản giấy' }).expect(200);
    const hd = await http()
      .post('/api/documents')
      .set(officer)
      .send({ issuerUnitId: province, docType: 'HD', campaignId: c.id, summary: 'Tổ chức thực hiện Cuộc vận động gắn với Phong trào "CBCCVC thi đua thực hiện văn hóa công sở"', signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Đông' })
      .expect(201);
    expect((await http().post(`/api/documents/${hd.body.id}/sign`).set(chair).send({ signedOn: '2020-01-03' }).expect(201)).body.symbol).toBe('25/HD-LĐLĐ');

    const draft = await http().post(`/api/campaigns/${c.id}/report/document`).set(officer).send({ milestoneId: ms.id, unitId: province }).expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', docType: 'BC', number: null, campaignId: c.id });
    expect(draft.body.recipients).toEqual(['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh', 'Trưởng Khối thi đua MT – ĐT tỉnh', 'Thường trực LĐLĐ tỉnh', 'Công đoàn cấp trên trực tiếp cơ sở', 'Các Ban LĐLĐ tỉnh', 'Website LĐLĐ tỉnh']);
    const body = (draft.body.body as string[]).join('\n');
    expect(body).toContain('ban hành Kế hoạch số 72/KH-LĐLĐ ngày 13/11/2019');
    expect(body).toContain('Hướng dẫn số 25/HD-LĐLĐ ngày 03/01/2020');
    expect(body).toContain('# 3. Đánh giá tác động, hiệu quả của Phong trào thi đua');
    expect(body).toMatch(/\| 2 \| Tỷ lệ đoàn viên, CCVCLĐ tham gia \| \d+,\d{2}% \| Bình quân của các CĐCS, mỗi đơn vị tính theo số đoàn viên/);
    expect(body).toContain('Mô hình “Đổi mới phong cách thái độ phục vụ của nhân viên y tế hướng tới sự hài lòng người bệnh”');
    expect(body).not.toContain('"');

    // Regenerating a draft updates it in place; Nơi nhận is edited on the document.
    const again = await http().post(`/api/campaigns/${c.id}/report/document`).set(officer).send({ milestoneId: ms.id, unitId: province }).expect(201);
    expect(again.body.id).toBe(draft.body.id);
    await http().patch(`/api/documents/${draft.body.id}`).set(officer).send({ recipients: ['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh', 'Trưởng Khối thi đua MT – ĐT tỉnh', 'Thường trực LĐLĐ tỉnh', 'Công đoàn cấp trên trực tiếp cơ sở'] }).expect(200);
    const signed = await http().post(`/api/documents/${draft.body.id}/sign`).set(chair).send({ signedOn: '2022-12-30', signerName: 'Trần Văn Đông' }).expect(201);
    expect(signed.body).toMatchObject({ status: 'signed', year: 2022, authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Đông', signedOn: '2022-12-30' });
    expect(signed.body.symbol).toMatch(/^\d{2}\/BC-LĐLĐ$/);

    const docx = (await http().get(`/api/campaigns/${c.id}/report.docx?milestoneId=${ms.id}&unitId=${province}`).set(officer).buffer(true).parse(binary).expect(200)).body as Buffer;
    const paragraphs = docxParagraphs(readZipEntry(docx, 'word/document.xml')!);
    expect(paragraphs).toEqual(expect.arrayContaining([`Số: ${signed.body.symbol}`, 'Ninh Thuận, ngày 30 tháng 12 năm 2022', 'Trần Văn Đông', '- Sở Nội vụ;', 'TM. BAN THƯỜNG VỤ']));
    expect(paragraphs).not.toContain('- Website LĐLĐ tỉnh;');

    // Signed: regenerating returns the signed document unchanged.
    const after = await http().post(`/api/campaigns/${c.id}/report/document`).set(officer).send({ milestoneId: ms.id, unitId: province }).expect(201);
    expect(after.body).toMatchObject({ id: draft.body.id, status: 'signed', symbol: signed.body.symbol });
    const pdf = (await http().get(`/api/campaigns/${c.id}/report.pdf?milestoneId=${ms.id}&unitId=${province}`).set(officer).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
