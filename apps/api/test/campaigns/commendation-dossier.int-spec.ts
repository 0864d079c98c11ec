import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { hasPdfsig, makeTestCa, pdfsig, vietnamDate, type TestCa } from '../../src/modules/documents';
import { startCommendationCampaign, type CommendationCampaign } from './support/commendation-campaign';
import { completeDossier, MEETING, REPORT } from './support/dossier';

type Nomination = { id: string; itemId: string; status: string; ruleSet: string; decisionDocumentId: string | null; councilMinutesDocumentId: string | null; confirmation: { byUserId: string; unitId: string; text: string } | null; itemVersion: number };
type Doc = { id: string; symbol: string; status: string; issuerUnitId: string; docType: string; series: string; body: string[] };

const ITEM_DATA = { nomineeType: 'individual', achievementReport: 'Hoàn thành xuất sắc nhiệm vụ', reviewMinutesRef: 'Họp BCH ngày 10/12/2021' };
const day = (offset: number) => vietnamDate(new Date(Date.now() + offset * 86_400_000));

/**
 * The commendation dossier (issue 16, line 4) and the one decision per council batch (line 2), taken as users
 * take them: the items API and the campaign endpoints. Embedded database by default, PostgreSQL with DATABASE_URL.
 */
describe(`the commendation dossier, its checks, the council's minutes and one decision for a batch (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  let users: Record<string, string>;
  let campaignId: string;
  let http: ReturnType<typeof request>;
  let ca: TestCa;
  let who: CommendationCampaign['who'];
  const created = (r: request.Response) => {
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    return r.body as Nomination;
  };
  const nominate = async (body: Record<string, unknown>) =>
    http.post(`/api/campaigns/${campaignId}/nominations`).set(await who('canbo.yt-bvdk')).send({ nominatingUnitId: u['CDCS-YT-BVDK'], nomineeKind: 'individual', achievementSummary: 'Thành tích', reviewMinutes: 'Biên bản', ...body });
  const itemAct = async (user: string, itemId: string, body: Record<string, unknown>) => http.post(`/api/items/${itemId}/actions`).set(await who(user)).send(body);
  const campaignAct = async (user: string, id: string, body: Record<string, unknown>) => http.post(`/api/campaigns/nominations/${id}/actions`).set(await who(user)).send(body);
  const nominationView = async (id: string): Promise<Nomination> => ((await http.get(`/api/campaigns/${campaignId}/nominations`).set(await who('tdkt.tinh')).expect(200)).body as Nomination[]).find((n) => n.id === id)!;
  const doc = async (id: string, user = 'chutich.tinh'): Promise<Doc> => (await http.get(`/api/documents/${id}`).set(await who(user)).expect(200)).body;
  /** To the council's vote: dossier, submit, the upper union's forward with its confirmation, the department's appraisal. */
  const toVote = async (nomineeName: string, awardForm = 'bang_khen_ldld'): Promise<Nomination> => {
    const n = (await nominate({ nomineeName, awardForm })).body as Nomination;
    await completeDossier(http, await who('canbo.yt-bvdk'), n.id);
    await campaignAct('canbo.yt-bvdk', n.id, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    await campaignAct('giamsat.yt', n.id, { action: 'forward', confirmation: 'Thành tích đúng thực tế' }).then((r) => expect(r.status).toBe(200));
    return n;
  };

  beforeAll(async () => {
    ca = makeTestCa();
    ({ t, http, u, users, campaignId, who } = await startCommendationCampaign('DOSSIER-2021', { SIGNING_KEY: Buffer.alloc(32, 7).toString('base64') }));
  });
  afterAll(async () => t.close());

  it('chooses the rule set by the achievement period, not the day of entry', async () => {
    const byCampaign = created(await nominate({ nomineeName: 'Theo kỳ phong trào', awardForm: 'doan_vien_xuat_sac' })) as Nomination;
    expect(byCampaign.ruleSet).toBe('QD-1689-TLD-2019');
    const later = created(await nominate({ nomineeName: 'Kỳ 2024', awardForm: 'doan_vien_xuat_sac', achievementPeriod: { from: '2024-01-01', to: '2024-12-31' } })) as Nomination;
    expect(later.ruleSet).toBe('QD-999-TLD-2024');
    // The catalogue grew: the Law's titles and the union's medal are forms a unit can nominate for.
    const forms = (await http.get('/api/campaigns/award-forms').query({ on: '2021-12-31' }).set(await who('canbo.yt-bvdk')).expect(200)).body as Array<{ code: string; publicPosting: boolean }>;
    expect(forms.map((f) => f.code)).toEqual(expect.arrayContaining(['lao_dong_tien_tien', 'chien_si_thi_dua_co_so', 'chien_si_thi_dua_tinh', 'tap_the_lao_dong_xuat_sac', 'tap_the_lao_dong_tien_tien', 'to_cong_doan_vung_manh', 'ky_niem_chuong']));
  });

  it('refuses to forward an incomplete dossier with a code listing what is missing; the unit fills it on the items path, and the upper union confirms in its own step', async () => {
    const created = await http.post('/api/items').set(await who('canbo.yt-bvdk')).send({ workflow: 'commendation', unitId: u['CDCS-YT-BVDK'], campaignId, title: 'Đề nghị: Hồ Thị Hạnh', data: { ...ITEM_DATA, nomineeName: 'Hồ Thị Hạnh', awardForm: 'bang_khen_ldld', awardLevel: 'bang_khen_province' } });
    expect(created.status).toBe(201);
    const itemId = created.body.id as string;
    const n = ((await http.get(`/api/campaigns/${campaignId}/nominations`).set(await who('tdkt.tinh'))).body as Nomination[]).find((x) => x.itemId === itemId)!;
    const refused = await itemAct('canbo.yt-bvdk', itemId, { action: 'submit' });
    expect([refused.status, refused.body.code]).toEqual([422, 'DOSSIER_INCOMPLETE']);
    expect(refused.body.details.missing).toEqual(['proposal', 'achievement_report', 'meeting', 'meeting_minutes']);
    expect(refused.body.detail).toContain('Hồ sơ đề nghị khen thưởng chưa đủ');

    // The structured report through the items API (PATCH data): a missing section is named.
    const { measures: _omitted, ...partial } = REPORT;
    await http.patch(`/api/items/${itemId}`.concat('/data')).set(await who('canbo.yt-bvdk')).send({ data: { achievement: partial } }).expect(200);
    let dossier = (await http.get(`/api/campaigns/nominations/${n.id}/dossier`).set(await who('canbo.yt-bvdk')).expect(200)).body;
    expect(dossier.missingToSubmit).toEqual(['proposal', 'achievement_report.measures', 'meeting', 'meeting_minutes']);
    expect(dossier.missingToForward).toContain('confirmation');
    // The tờ trình is generated from the report: not before the report is complete.
    expect((await http.post(`/api/campaigns/nominations/${n.id}/dossier/proposal`).set(await who('canbo.yt-bvdk')).send({ signerName: 'Nguyễn Văn Hùng' })).body.code).toBe('DOSSIER_INCOMPLETE');
    // An outsider (another grassroots union) gets the answer of an id that does not exist.
    const outsider = await http.get(`/api/campaigns/nominations/${n.id}/dossier`).set(await who('canbo.gd-thpt02'));
    const random = await http.get(`/api/campaigns/nominations/00000000-0000-4000-8000-000000000000/dossier`).set(await who('canbo.gd-thpt02'));
    expect([outsider.status, outsider.body.code]).toEqual([404, 'NOT_FOUND']);
    expect([random.status, random.body.code]).toEqual([outsider.status, outsider.body.code]);
    expect((await http.post(`/api/campaigns/nominations/${n.id}/dossier/minutes`).set(await who('canbo.gd-thpt02')).send({ signerName: 'x' })).status).toBe(404);

    await http.put(`/api/campaigns/nominations/${n.id}/dossier`).set(await who('canbo.yt-bvdk')).send({ report: REPORT, meeting: MEETING }).expect(200);
    dossier = (await http.post(`/api/campaigns/nominations/${n.id}/dossier/minutes`).set(await who('canbo.yt-bvdk')).send({ signerName: 'Nguyễn Văn Hùng', signerTitle: 'CHỦ TỊCH' }).expect(201)).body;
    expect(dossier.meetingMinutes).toMatchObject({ status: 'signed', issuerUnitId: u['CDCS-YT-BVDK'], docType: 'BB' });
    expect(dossier.meetingMinutes.symbol).toMatch(/^\d{2,}\/BB-/);
    expect(dossier.meetingMinutes.body.join('\n')).toContain('7 | 1 | 0 | 87,5%');
    dossier = (await http.post(`/api/campaigns/nominations/${n.id}/dossier/proposal`).set(await who('canbo.yt-bvdk')).send({ signerName: 'Nguyễn Văn Hùng' }).expect(201)).body;
    expect(dossier.proposal).toMatchObject({ status: 'signed', issuerUnitId: u['CDCS-YT-BVDK'], docType: 'TTr' });
    const proposalText = dossier.proposal.body.join('\n');
    expect(proposalText).toContain(`Biên bản số ${dossier.meetingMinutes.symbol}`);
    expect(proposalText).toContain('# II. THÀNH TÍCH ĐẠT ĐƯỢC');
    expect(proposalText).toContain('“Giảm thời gian chờ”');
    expect(dossier.missingToSubmit).toEqual([]);
    // A signed tờ trình is never rewritten.
    expect((await http.post(`/api/campaigns/nominations/${n.id}/dossier/proposal`).set(await who('canbo.yt-bvdk')).send({ signerName: 'x' })).status).toBe(409);
    for (const kind of ['docx', 'pdf']) await http.get(`/api/documents/${dossier.proposal.id}/${kind}`).set(await who('giamsat.yt')).expect(200);

    await itemAct('canbo.yt-bvdk', itemId, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    // Above the upper union only with its confirmation, given in its own step (the items API's forward with data).
    const noConfirmation = await itemAct('giamsat.yt', itemId, { action: 'forward' });
    expect([noConfirmation.status, noConfirmation.body.code, noConfirmation.body.details.missing]).toEqual([422, 'DOSSIER_INCOMPLETE', ['confirmation']]);
    await itemAct('giamsat.yt', itemId, { action: 'forward', data: { achievementConfirmation: 'Công đoàn ngành Y tế xác nhận thành tích.' } }).then((r) => expect(r.status).toBe(200));
    const after = await nominationView(n.id);
    expect(after).toMatchObject({ status: 'forwarded', confirmation: { byUserId: users['giamsat.yt'], unitId: u['CDN-YT'], text: 'Công đoàn ngành Y tế xác nhận thành tích.' } });
  });

  it('a form that needs public posting cannot be voted on before the posting ends', async () => {
    const n = await toVote('Chế Thị Mỹ', 'chien_si_thi_dua_tinh');
    const appraise = () => campaignAct('tdkt.tinh', n.id, { action: 'appraise', comment: 'Đủ điều kiện' });
    expect((await appraise()).body.code).toBe('POSTING_REQUIRED');
    // Only the unit holding it records the posting.
    expect((await http.put(`/api/campaigns/nominations/${n.id}/posting`).set(await who('canbo.yt-bvdk')).send({ from: day(-2), to: day(3), place: 'Trang thông tin LĐLĐ tỉnh' })).status).toBe(403);
    await http.put(`/api/campaigns/nominations/${n.id}/posting`).set(await who('tdkt.tinh')).send({ from: day(-2), to: day(3), place: 'Trang thông tin LĐLĐ tỉnh' }).expect(200);
    const early = await appraise();
    expect([early.status, early.body.code, early.body.details.endsOn]).toEqual([409, 'POSTING_NOT_ENDED', day(3)]);
    expect((await nominationView(n.id)).status).toBe('forwarded');
    const ended = (await http.put(`/api/campaigns/nominations/${n.id}/posting`).set(await who('tdkt.tinh')).send({ from: day(-10), to: day(-1), place: 'Trang thông tin LĐLĐ tỉnh' }).expect(200)).body;
    expect(ended.posting).toMatchObject({ from: day(-10), to: day(-1), byUserId: users['tdkt.tinh'] });
    expect((await appraise()).body.status).toBe('in_vote');
  });

  it("the council's close of several ballots makes one biên bản in its series; the chair's decision for them is ONE numbered QĐ listing all, in the union's form", async () => {
    const a = await toVote('Lê Thị Ánh');
    const b = await toVote('Đỗ Văn Bảo');
    for (const n of [a, b]) await campaignAct('tdkt.tinh', n.id, { action: 'appraise', comment: 'Trình Hội đồng' }).then((r) => expect(r.body.status).toBe('in_vote'));
    for (const m of ['chutich.tinh', 'phochutich.tinh', 'hoidong1', 'hoidong2', 'hoidong3']) {
      await http.post('/api/campaigns/ballots/votes').set(await who(m)).send({ choices: { [a.itemId]: 'yes', [b.itemId]: 'yes' } }).expect(200);
    }
    await http.post('/api/campaigns/ballots/close').set(await who('tdkt.tinh')).send({ ballotIds: [a.itemId, b.itemId] }).expect(200);
    const [va, vb] = [await nominationView(a.id), await nominationView(b.id)];
    expect(va.status).toBe('passed');
    expect(va.councilMinutesDocumentId).toBeTruthy();
    expect(vb.councilMinutesDocumentId).toBe(va.councilMinutesDocumentId);
    const minutes = await doc(va.councilMinutesDocumentId!);
    expect(minutes).toMatchObject({ status: 'signed', series: 'council', docType: 'BB', issuerUnitId: u['LDLD-NT'] });
    const minutesText = minutes.body.join('\n');
    expect(minutesText).toContain('Lê Thị Ánh');
    expect(minutesText).toContain('Đỗ Văn Bảo');
    expect(minutesText).toContain('| 5 | 5 | 5 | 0 | 0 | Đạt');
    expect(minutesText).not.toMatch(/chutich|hoidong/);

    const decided = (await http.post(`/api/campaigns/${campaignId}/decisions`).set(await who('chutich.tinh')).send({ nominationIds: [a.id, b.id] }).expect(201)).body;
    expect(decided.documents).toHaveLength(1);
    const qd = decided.documents[0] as Doc;
    expect(qd.symbol).toMatch(/^\d{2,}\/QĐ-LĐLĐ$/);
    expect(decided.nominations.map((n: Nomination) => [n.status, n.decisionDocumentId])).toEqual([['awarded', qd.id], ['awarded', qd.id]]);
    const text = qd.body.join('\n');
    expect(qd.body[0]).toMatch(/^\^BAN THƯỜNG VỤ /);
    expect(text).toContain(`Căn cứ Biên bản số ${minutes.symbol}`);
    expect(text).toMatch(/Xét đề nghị của Ban Chấp hành .*Bệnh viện.* tại Tờ trình số \d{2,}\/TTr-/);
    expect(text).toContain('cho 2 cá nhân');
    expect(text).toMatch(/1\. Lê Thị Ánh, .*Bệnh viện/);
    expect(text).toMatch(/2\. Đỗ Văn Bảo, .*Bệnh viện/);
    expect(text).toContain('1689/QĐ-TLĐ');
    expect(text).toMatch(/Điều 3\. .*chịu trách nhiệm thi hành/);
    // The runtime's numbering job for each item finds the one decision signed: no second QĐ, no extra number.
    await new Promise((r) => setTimeout(r, 500));
    const rows = await t.dataSource.query(`SELECT count(DISTINCT d.id)::int AS n FROM official_document d WHERE d.doc_type = 'QĐ' AND (d.source_ref = ANY($1) OR d.id IN (SELECT document_id FROM official_document_source WHERE source_ref = ANY($1)))`, [[`work_item:${a.itemId}`, `work_item:${b.itemId}`]]);
    expect(rows[0].n).toBe(1);
    // The chair signs the decision's PDF with a certificate (PAdES); Debian's pdfsig and the verification endpoint accept it.
    const cred = await http.post('/api/documents/signing-credentials').set(await who('chutich.tinh')).send({ kind: 'pkcs12', label: 'Chứng thư của Chủ tịch', pkcs12Base64: ca.p12Default.toString('base64'), passphrase: ca.passphrase }).expect(201);
    await http.post(`/api/documents/${qd.id}/pdf-signature`).set(await who('chutich.tinh')).send({ credentialId: cred.body.id }).expect((r) => expect([200, 201]).toContain(r.status));
    const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      const stream = res as unknown as NodeJS.ReadableStream;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const pdf = (await http.get(`/api/documents/${qd.id}/pdf`).set(await who('chutich.tinh')).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdfsig()) expect(pdfsig(pdf, ca)).toContain('Signature Validation: Signature is Valid.');
    else if (process.env.CI) throw new Error('pdfsig (poppler-utils) is missing');
    const verified = (await http.post('/api/documents/verify').set(await who('canbo.yt-bvdk')).attach('file', pdf, { filename: 'qd.pdf', contentType: 'application/pdf' })).body;
    expect(verified).toMatchObject({ isRegisteredAndIntact: true, isSignatureValid: true, document: { id: qd.id, symbol: qd.symbol } });
  });

  it('quotas as counts or as shares of the titles below, checked at nomination and at decision', async () => {
    const officer = await who('canbo.yt-bvdk');
    await http.put(`/api/campaigns/${campaignId}/quotas`).set(await who('tdkt.tinh')).send({ unitId: u['CDCS-YT-BVDK'], awardForm: 'lao_dong_tien_tien', maxCount: 3 }).expect(200);
    const ldtt: Nomination[] = [];
    for (const name of ['Lao động A', 'Lao động B', 'Lao động C']) ldtt.push(created(await nominate({ nomineeName: name, awardForm: 'lao_dong_tien_tien' })));
    expect((await nominate({ nomineeName: 'Lao động D', awardForm: 'lao_dong_tien_tien' })).body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { at: 'nomination', limit: 3 } });
    // The quota is lowered after the nominations: the third decision is refused.
    await http.put(`/api/campaigns/${campaignId}/quotas`).set(await who('tdkt.tinh')).send({ unitId: u['CDCS-YT-BVDK'], awardForm: 'lao_dong_tien_tien', maxCount: 2 }).expect(200);
    for (const n of ldtt) await itemAct('canbo.yt-bvdk', n.itemId, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    for (const n of ldtt.slice(0, 2)) await itemAct('chutich.bvdk', n.itemId, { action: 'approve' }).then((r) => expect(r.status).toBe(200));
    const third = await itemAct('chutich.bvdk', ldtt[2].itemId, { action: 'approve' });
    expect([third.status, third.body.code, third.body.details.at]).toEqual([409, 'QUOTA_EXCEEDED', 'decision']);
    expect((await nominationView(ldtt[2].id)).status).toBe('submitted');

    // Chiến sĩ thi đua cơ sở: at most half of the Lao động tiên tiến titles awarded (2 → 1).
    expect((await http.put(`/api/campaigns/${campaignId}/quotas`).set(await who('tdkt.tinh')).send({ unitId: u['CDCS-YT-BVDK'], awardForm: 'chien_si_thi_dua_co_so', share: 0.5 })).status).toBe(400);
    const set = (await http.put(`/api/campaigns/${campaignId}/quotas`).set(await who('tdkt.tinh')).send({ unitId: u['CDCS-YT-BVDK'], awardForm: 'chien_si_thi_dua_co_so', share: 0.5, base: 'titles_below', baseForm: 'lao_dong_tien_tien' }).expect(200)).body;
    expect(set).toMatchObject({ maxCount: null, share: 0.5, base: 'titles_below', baseValue: 2, limit: 1, used: 0 });
    await nominate({ nomineeName: 'Chiến sĩ A', awardForm: 'chien_si_thi_dua_co_so' }).then((r) => expect(r.status).toBe(201));
    expect((await nominate({ nomineeName: 'Chiến sĩ B', awardForm: 'chien_si_thi_dua_co_so' })).body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 1 } });
    const quotas = (await http.get(`/api/campaigns/${campaignId}/quotas`).set(officer).expect(200)).body as Array<{ awardForm: string; limit: number; used: number }>;
    expect(quotas.find((q) => q.awardForm === 'chien_si_thi_dua_co_so')).toMatchObject({ limit: 1, used: 1 });
  });
});
