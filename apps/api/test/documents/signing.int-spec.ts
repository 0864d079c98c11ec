import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DocumentsService } from '../../src/modules/documents/documents.service';
import { renderOfficialPdf } from '../../src/modules/documents/official-pdf';
import { Pkcs12SigningKey, signPdf } from '../../src/modules/documents/pdf-signing';
import { hasPdfsig, makeTestCa, pdfsig, type TestCa } from '../../src/modules/documents/pdf-test-ca';
import { loadDemoHierarchy, signIn } from '../campaigns/support/demo-hierarchy';
import { startTestApp, type TestApp } from '../support/test-app';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

const draft = (issuerUnitId: string, extra: Record<string, unknown> = {}) => ({
  issuerUnitId,
  docType: 'HD',
  summary: 'Tổ chức thực hiện Cuộc vận động',
  body: ['# 1. Mục đích', 'Các cấp công đoàn triển khai phong trào “CBCCVC thi đua thực hiện văn hóa công sở”.'],
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Trần Văn Đông',
  recipients: ['Công đoàn cấp trên trực tiếp cơ sở'],
  archiveDepartments: ['Ban CTCS'],
  ...extra,
});

/** A stand-in for a USB-token bridge / remote signing service: signs what it is sent with the test key. */
function startSigningService(ca: TestCa): Promise<{ server: Server; url: string; calls: number[] }> {
  const key = new Pkcs12SigningKey(ca.p12Legacy, ca.passphrase);
  const calls: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { keyId: string; data: string };
      calls.push(body.data.length);
      if (body.keyId !== 'token-01') {
        res.writeHead(404).end();
        return;
      }
      const signature = await key.sign(Buffer.from(body.data, 'base64'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ signature: signature.toString('base64') }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sign`, calls })));
}

describe(`signed PDFs and registers (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoHierarchy>>;
  let ca: TestCa;
  let service: Awaited<ReturnType<typeof startSigningService>>;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    ca = makeTestCa();
    service = await startSigningService(ca);
    t = await startTestApp({ SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'), SIGNING_SERVICE_URL: service.url });
    ids = await loadDemoHierarchy(t);
  });
  afterAll(async () => {
    await t.close();
    service.server.close();
  });

  it('stores a PKCS#12 encrypted, signs and numbers in one act; pdfsig and the verification endpoint accept the file, a changed one is refused', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const bad = await http().post('/api/documents/signing-credentials').set(chair).send({ kind: 'pkcs12', label: 'sai', pkcs12Base64: ca.p12Legacy.toString('base64'), passphrase: 'wrong' }).expect(422);
    expect(bad.body.code).toBe('CERTIFICATE_INVALID');
    const cred = await http().post('/api/documents/signing-credentials').set(chair).send({ kind: 'pkcs12', label: 'Chứng thư của Chủ tịch', pkcs12Base64: ca.p12Default.toString('base64'), passphrase: ca.passphrase }).expect(201);
    expect(cred.body).toMatchObject({ kind: 'pkcs12', commonName: 'Trần Văn Đông' });
    expect(JSON.stringify(cred.body)).not.toContain(ca.passphrase);
    const [row] = await t.dataSource.query(`SELECT secret FROM signing_credential WHERE id = $1`, [cred.body.id]);
    const secret = row.secret as Buffer;
    expect(secret.length).toBeGreaterThan(ca.p12Default.length);
    expect(secret.includes(Buffer.from(ca.passphrase))).toBe(false);
    expect(secret.includes(ca.p12Default.subarray(0, 64))).toBe(false);
    // Another user cannot sign with it.
    const other = await signIn(t, 'phochutich.tinh');

    const created = await http().post('/api/documents').set(officer).send(draft(ids.units['LDLD-NT'])).expect(201);
    const refused = await http().post(`/api/documents/${created.body.id}/sign`).set(other).send({ signedOn: '2020-01-03', credentialId: cred.body.id }).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    const still = await http().get(`/api/documents/${created.body.id}`).set(officer).expect(200);
    expect(still.body).toMatchObject({ status: 'draft', number: null }); // the failed signing gave its number back

    const signed = await http().post(`/api/documents/${created.body.id}/sign`).set(chair).send({ signedOn: '2020-01-03', credentialId: cred.body.id, signerName: 'Trần Văn Đông' }).expect(201);
    expect(signed.body).toMatchObject({ status: 'signed', symbol: '01/HD-LĐLĐ', signerName: 'Trần Văn Đông' });
    expect(signed.body.pdfSignature.signedBytesSha256).toMatch(/^[0-9a-f]{64}$/);

    const pdf = (await http().get(`/api/documents/${created.body.id}/pdf`).set(officer).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdfsig()) {
      const report = pdfsig(pdf, ca);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Signature Validation: Signature is Valid.');
    } else if (process.env.CI) throw new Error('pdfsig (poppler-utils) is missing; .ci/run installs it');

    const ok = await http().post('/api/documents/verify').attach('file', pdf, 'van-ban.pdf').expect(200);
    expect(ok.body).toMatchObject({ isRegisteredAndIntact: true, isSignatureValid: true, coversWholeFile: true, problem: null, document: { id: created.body.id, symbol: '01/HD-LĐLĐ' } });

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('Tf', 3000);
    tampered[at + 30] ^= 0x01;
    const t1 = await http().post('/api/documents/verify').attach('file', tampered, 'x.pdf').expect(200);
    expect(t1.body.isRegisteredAndIntact).toBe(false);

    const appended = Buffer.concat([pdf, Buffer.from('\n1 0 obj\n<< >>\nendobj\n')]);
    const t2 = await http().post('/api/documents/verify').attach('file', appended, 'x.pdf').expect(200);
    expect(t2.body).toMatchObject({ isRegisteredAndIntact: false, coversWholeFile: false });

    // Validly signed with the same certificate, but never issued through the register.
    const foreign = await signPdf(
      await renderOfficialPdf({ header: { parentBodyName: '', issuingBodyName: 'X', symbol: '01/HD-LĐLĐ', symbolSuffix: 'HD-LĐLĐ', place: 'Ninh Thuận', date: '2020-01-03', docType: 'HD', summary: 'giả' }, body: ['giả'], recipients: [], archiveDepartments: [], signature: { authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Đông' } }, { lines: ['x'], reason: 'x', name: 'x', location: 'x', signingTime: new Date() }),
      new Pkcs12SigningKey(ca.p12Legacy, ca.passphrase),
    );
    const t3 = await http().post('/api/documents/verify').attach('file', foreign, 'x.pdf').expect(200);
    expect(t3.body).toMatchObject({ isRegisteredAndIntact: false, isSignatureValid: true, problem: 'not_in_register', document: null });

    const unsigned = (await http().get(`/api/documents/${(await http().post('/api/documents').set(officer).send(draft(ids.units['LDLD-NT'])).expect(201)).body.id}/pdf`).set(officer).buffer(true).parse(binary).expect(200)).body as Buffer;
    const t4 = await http().post('/api/documents/verify').attach('file', unsigned, 'x.pdf').expect(200);
    expect(t4.body).toMatchObject({ isSigned: false, isRegisteredAndIntact: false, problem: 'no_signature' });
    await http().post('/api/documents/verify').expect(400);

    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['document.issued', 'document.digitally_signed']);
  });

  it('signs through the signing-service port (USB token / remote signing); a revoked certificate signs nothing', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const chain = `${ca.caPem}`;
    const signerPem = (await import('node:fs')).readFileSync(`${ca.dir}/signer.pem`, 'utf8');
    const cred = await http().post('/api/documents/signing-credentials').set(chair).send({ kind: 'service', label: 'USB token', serviceKeyId: 'token-01', certificatesPem: `${signerPem}\n${chain}` }).expect(201);
    const created = await http().post('/api/documents').set(officer).send(draft(ids.units['LDLD-NT'], { docType: 'TB' })).expect(201);
    await http().post(`/api/documents/${created.body.id}/sign`).set(chair).send({ signedOn: '2020-01-04' }).expect(201);
    const before = service.calls.length;
    const signed = await http().post(`/api/documents/${created.body.id}/pdf-signature`).set(chair).send({ credentialId: cred.body.id }).expect(201);
    expect(service.calls.length).toBe(before + 1);
    expect(signed.body.pdfSignature).not.toBeNull();
    const pdf = (await http().get(`/api/documents/${created.body.id}/pdf`).set(officer).buffer(true).parse(binary).expect(200)).body as Buffer;
    const ok = await http().post('/api/documents/verify').attach('file', pdf, 'x.pdf').expect(200);
    expect(ok.body).toMatchObject({ isRegisteredAndIntact: true, document: { symbol: '02/TB-LĐLĐ' } });
    if (hasPdfsig()) expect(pdfsig(pdf, ca)).toContain('Signature Validation: Signature is Valid.');
    await http().post(`/api/documents/${created.body.id}/pdf-signature`).set(chair).send({ credentialId: cred.body.id }).expect(409);

    await http().delete(`/api/documents/signing-credentials/${cred.body.id}`).set(chair).expect(200);
    const next = await http().post('/api/documents').set(officer).send(draft(ids.units['LDLD-NT'])).expect(201);
    const revoked = await http().post(`/api/documents/${next.body.id}/sign`).set(chair).send({ signedOn: '2020-01-05', credentialId: cred.body.id }).expect(422);
    expect(revoked.body.code).toBe('CERTIFICATE_INVALID');
    expect((await http().get(`/api/documents/${next.body.id}`).set(officer).expect(200)).body.status).toBe('draft');
  });

  it('an administrator sets the next number (audited, never at or below an issued one); numbers follow dates and years', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const admin = await signIn(t, 'admin');
    const province = ids.units['LDLD-NT'];
    const sign = async (signedOn: string, expectStatus = 201) => {
      const d = await http().post('/api/documents').set(officer).send(draft(province)).expect(201);
      return (await http().post(`/api/documents/${d.body.id}/sign`).set(chair).send({ signedOn }).expect(expectStatus)).body;
    };
    // 2020 already has 01..02 here (the tests above) up to 2020-01-04; the real register had reached 25/HD-LĐLĐ.
    await http().put(`/api/documents/registers/${province}`).set(chair).send({ year: 2020, nextNumber: 26 }).expect(403);
    const low = await http().put(`/api/documents/registers/${province}`).set(admin).send({ year: 2020, nextNumber: 2 }).expect(409);
    expect(low.body).toMatchObject({ code: 'REGISTER_NUMBER_TOO_LOW', details: { highestIssued: 2 } });
    const set = await http().put(`/api/documents/registers/${province}`).set(admin).send({ year: 2020, nextNumber: 26, reason: 'Sổ đăng ký văn bản giấy đến 25/HD-LĐLĐ' }).expect(200);
    expect(set.body).toMatchObject({ year: 2020, series: 'main', lastNumber: 25, nextNumber: 26, highestIssued: 2 });
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'document.register_set'`);
    expect(audit.details).toMatchObject({ from: 3, to: 26 });

    expect((await sign('2020-01-06')).symbol).toBe('26/HD-LĐLĐ');
    // Back-dating before the latest numbered document is refused; the same day is fine.
    const back = await sign('2020-01-05', 409);
    expect(back).toMatchObject({ code: 'DOCUMENT_DATE_OUT_OF_ORDER', details: { latestSignedOn: '2020-01-06' } });
    expect((await sign('2020-01-06')).symbol).toBe('27/HD-LĐLĐ');
    expect((await sign('2020-12-31')).symbol).toBe('28/HD-LĐLĐ');
    // A new year starts at 01, and the old year's date order does not bind it.
    expect((await sign('2021-01-01')).symbol).toBe('01/HD-LĐLĐ');
    // A late 2020 document still goes into 2020's register, in order there.
    expect((await sign('2020-12-31')).symbol).toBe('29/HD-LĐLĐ');
    const future = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
    expect((await sign(future, 409)).code).toBe('DOCUMENT_DATE_OUT_OF_ORDER');
    const reg = await http().get(`/api/documents/registers/${province}?year=2020`).set(officer).expect(200);
    expect(reg.body).toMatchObject({ lastNumber: 29, nextNumber: 30, highestIssued: 29, latestSignedOn: '2020-12-31' });
  });

  it('edits a draft’s Nơi nhận from the offered recipients, and the signer is named at signing', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const province = ids.units['LDLD-NT'];
    const options = await http().get(`/api/documents/recipients/${province}`).set(officer).expect(200);
    expect(options.body).toEqual(expect.arrayContaining(['Sở Nội vụ', 'UBMTTQVN tỉnh', 'Trưởng Khối thi đua MT – ĐT tỉnh']));
    const d = await http().post('/api/documents').set(officer).send(draft(province, { docType: 'BC', signerName: 'x' })).expect(201);
    const patched = await http().patch(`/api/documents/${d.body.id}`).set(officer).send({ recipients: ['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh'] }).expect(200);
    expect(patched.body.recipients).toEqual(['TLĐ LĐVN', 'Sở Nội vụ', 'UBMTTQVN tỉnh']);
    const s = await http().post(`/api/documents/${d.body.id}/sign`).set(chair).send({ signedOn: '2021-01-02', authority: 'KT', authorityBody: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Lê Thị Bình' }).expect(201);
    expect(s.body).toMatchObject({ symbol: '02/BC-LĐLĐ', authority: 'KT', authorityBody: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Lê Thị Bình' });
    await http().patch(`/api/documents/${d.body.id}`).set(officer).send({ recipients: [] }).expect(409);
  });

  it('drafts commendation decisions in the union’s form: the upper union’s own symbol and award, no council wording unless a council voted', async () => {
    const docs = t.app.get(DocumentsService);
    const yt = ids.units['CDN-YT'];
    const bvdk = ids.units['CDCS-YT-BVDK'];
    const upper = await t.dataSource.transaction(async (m) => {
      const d = await docs.draftCommendationDecision(
        m,
        { issuerUnitId: yt, awardFormName: 'Giấy khen của Ban Chấp hành Công đoàn cấp trên trực tiếp cơ sở', nominees: [{ kind: 'individual', name: 'Bà Mai Thị Uyên', position: 'Chủ tịch CĐCS', unitId: bvdk }], ruleSetCitation: 'Quyết định số 1689/QĐ-TLĐ năm 2019 của Tổng Liên đoàn Lao động Việt Nam ban hành Quy chế khen thưởng của tổ chức Công đoàn', councilVoted: false, campaignTitle: 'Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở', signer: { signerName: 'Trần Thị Lan', signerTitle: 'CHỦ TỊCH' }, decidedOn: '2022-12-20' },
        null,
        'test:upper-decision',
      );
      return docs.signIn(m, d.id, { userId: null, signedOn: '2022-12-20' });
    });
    expect(upper.symbol).toBe('01/QĐ-CĐYT');
    expect(upper.body[0]).toBe('^BAN THƯỜNG VỤ CÔNG ĐOÀN NGÀNH Y TẾ TỈNH NINH THUẬN');
    expect(upper.body.join('\n')).not.toMatch(/Hội đồng|bỏ phiếu|biểu quyết/);
    expect(upper.body.find((l) => l.startsWith('1. '))).toMatch(/^1\. Bà Mai Thị Uyên, Chủ tịch CĐCS, .*Bệnh viện.*;$/);
    expect(upper.body.find((l) => l.startsWith('Điều 1.'))).toContain('Tặng Giấy khen của Ban Chấp hành Công đoàn ngành Y tế tỉnh Ninh Thuận cho 1 cá nhân');
    expect(upper.body.find((l) => l.startsWith('Điều 2.'))).toContain('0,3 × 2.340.000 đồng = 702.000 đồng');
    expect(upper.body.find((l) => l.startsWith('Điều 3.'))).toContain('chịu trách nhiệm thi hành Quyết định này');
    expect(upper.recipients[0]).toBe('Như Điều 3');
    expect(upper.body).toContain('^QUYẾT ĐỊNH:');

    const province = await t.dataSource.transaction(async (m) => {
      const d = await docs.draftCommendationDecision(
        m,
        { issuerUnitId: ids.units['LDLD-NT'], awardFormName: 'Bằng khen của Ban Chấp hành LĐLĐ tỉnh', nominees: [{ kind: 'collective', name: 'CĐCS Bệnh viện Đa khoa tỉnh', position: null, unitId: yt }], ruleSetCitation: 'Quyết định số 999/QĐ-TLĐ năm 2024', councilVoted: true, signer: { signerName: 'Trần Văn Đông', signerTitle: 'CHỦ TỊCH' }, decidedOn: '2025-08-01' },
        null,
        'test:province-decision',
      );
      return d;
    });
    const text = province.body.join('\n');
    expect(text).toContain('Căn cứ kết quả bỏ phiếu ngày 01/08/2025 của Hội đồng Thi đua - Khen thưởng');
    expect(text).toContain('Nghị định số 152/2025/NĐ-CP');
    expect(text).toContain('Căn cứ Quyết định số 999/QĐ-TLĐ năm 2024;');
    expect(text).toContain('2 × 2.340.000 đồng = 4.680.000 đồng');
  });
});
