import request from 'supertest';
import { createCampaignSchema, createNominationSchema, openBallotSchema, recordFindingsSchema, scheduleInspectionSchema } from '@thidua/contracts';
import { CampaignsService } from '../../src/modules/campaigns/campaigns.service';
import { CommendationsService } from '../../src/modules/campaigns/commendations.service';
import { EvaluationsService } from '../../src/modules/campaigns/evaluations.service';
import { InspectionEscalationScheduler } from '../../src/modules/campaigns/inspection-escalation.scheduler';
import { InspectionsService } from '../../src/modules/campaigns/inspections.service';
import { docxParagraphs, readZipEntry } from '../../src/modules/documents/zip-entry';
import { ReorganisationService } from '../../src/modules/org/reorganisation.service';
import { ReportsService } from '../../src/modules/reports/reports.service';
import { DefaultDefinitionsSeeder } from '../../src/modules/workflow/definitions/default-definitions.seeder';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser, loadDemoHierarchy, principalOf, signIn } from './support/demo-hierarchy';

const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe(`campaign workflows on the Ninh Thuận hierarchy (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  let campaignId: string;
  let soKet: string;
  const P = (name: string) => principalOf(t.dataSource, name);
  /** The nomination's commendation work item as the runtime stored it. */
  const itemOf = async (nominationId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT i.id, i.workflow_key AS workflow, i.stage, i.status, i.outcome, i.assigned_role AS role, i.assigned_unit_id AS "unitId", i.campaign_id AS "campaignId", i.due_at AS "dueAt"
         FROM nomination n JOIN work_item i ON i.id = n.item_id WHERE n.id = $1`,
      [nominationId],
    );
    return row as { id: string; workflow: string; stage: string; status: string; outcome: string | null; role: string | null; unitId: string | null; campaignId: string; dueAt: Date | null } | undefined;
  };
  type Delivered = { params: Record<string, unknown>; item_id: string | null };
  /** Notifications delivered (jobs run after commit, in process or on Bull): polls until `done` holds, for up to 10 s. */
  const notificationsOf = async (username: string, template: string, done: (rows: Delivered[]) => boolean) => {
    for (let i = 0; ; i++) {
      const rows: Delivered[] = await t.dataSource.query(
        `SELECT n.params, n.item_id FROM notification n JOIN app_user au ON au.id = n.user_id WHERE au.username = $1 AND n.template = $2`,
        [username, template],
      );
      if (done(rows) || i >= 200) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ units: u } = await loadDemoHierarchy(t));
    await t.app.get(DefaultDefinitionsSeeder).seed();
    await addUser(t, 'canbo.yt-bvdk2', u['CDCS-YT-BVDK'], ['officer']);
  });
  afterAll(async () => t.close());

  it('launch: drafts the plan, the standing committee approves, the plan is numbered, the campaign is launched', async () => {
    const http = request(t.app.getHttpServer());
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const body = createCampaignSchema.parse({
      code: 'VHCS-2019-2025',
      title: 'Cán bộ, công chức, viên chức tỉnh Ninh Thuận thi đua thực hiện văn hóa công sở',
      period: { from: '2019-06-14', to: '2025-09-02' },
      launchingUnitId: u['LDLD-NT'],
      legalBasis: ['Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ'],
      indicators: [
        { key: 'propaganda_done', name: 'CĐCS tổ chức tuyên truyền', type: 'boolean', rollup: 'share_of_units' },
        { key: 'member_participation_pct', name: 'Tỷ lệ đoàn viên tham gia', type: 'percent', rollup: 'weighted_by_members' },
        { key: 'citizen_very_satisfied_pct', name: 'Tỷ lệ người dân rất hài lòng', type: 'percent', rollup: 'weighted_by_field', weightField: 'citizen_responses' },
        { key: 'citizen_responses', name: 'Số phiếu khảo sát', type: 'count', rollup: 'sum' },
        { key: 'models_registered', name: 'Số mô hình', type: 'count', rollup: 'sum' },
      ],
      milestones: [{ kind: 'so_ket', label: 'Sơ kết 03 năm', due: '2022-12-31' }],
    });
    const created = await http.post('/api/campaigns').set(officer).send(body).expect(201);
    campaignId = created.body.id;
    soKet = created.body.milestones[0].id;
    await http.post(`/api/campaigns/${campaignId}/plan`).set(officer).send({ signerName: 'Trần Văn Đông' }).expect(201);
    await http.post(`/api/campaigns/${campaignId}/launch`).set(officer).send({}).expect(403);
    const launched = await http.post(`/api/campaigns/${campaignId}/launch`).set(chair).send({ signedOn: '2019-11-13' }).expect(200);
    expect(launched.body).toMatchObject({ status: 'launched', planDocument: { symbol: '01/KH-LĐLĐ' } });
  });

  it('evaluation: values checked by type and range, returned with a comment, resubmitted, accepted, rolled up exactly', async () => {
    const ev = t.app.get(EvaluationsService);
    const reports = t.app.get(ReportsService);
    const bvdk = await P('canbo.yt-bvdk');
    const tcyt = await P('canbo.yt-tcyt');
    const supYt = await P('giamsat.yt');
    await expect(ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-BVDK'], values: { member_participation_pct: 101 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-TCYT'], values: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const s1 = await ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-BVDK'], values: { propaganda_done: true, member_participation_pct: 99, citizen_very_satisfied_pct: 96.5, citizen_responses: 400, models_registered: 2 } });
    await expect(ev.review(supYt, s1.id, { decision: 'return' })).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    await expect(ev.review(bvdk, s1.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ev.review(supYt, s1.id, { decision: 'return', comment: 'Bổ sung số phiếu' })).status).toBe('returned');
    const s1b = await ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-BVDK'], values: { propaganda_done: true, member_participation_pct: 99, citizen_very_satisfied_pct: 96.5, citizen_responses: 400, models_registered: 2 } });
    expect(s1b.version).toBe(3); // submitted, returned, resubmitted
    await ev.review(supYt, s1b.id, { decision: 'accept' });
    const s2 = await ev.submit(tcyt, campaignId, soKet, { unitId: u['CDCS-YT-TCYT'], values: { propaganda_done: false, member_participation_pct: 90, citizen_very_satisfied_pct: 90, citizen_responses: 100, models_registered: 1 } });
    // Not yet accepted: the roll-up ignores it.
    let r = await reports.rollup(supYt, campaignId, soKet, u['CDN-YT']);
    expect(r.figures.find((f) => f.key === 'models_registered')!.display).toBe('2');
    await ev.review(supYt, s2.id, { decision: 'accept' });
    r = await reports.rollup(supYt, campaignId, soKet, u['CDN-YT']);
    const [members] = await t.dataSource.query(`SELECT (SELECT member_count FROM unit WHERE code='CDCS-YT-BVDK') a, (SELECT member_count FROM unit WHERE code='CDCS-YT-TCYT') b`);
    const f = Object.fromEntries(r.figures.map((x) => [x.key, x]));
    expect(f.member_participation_pct.numerator).toBe(`${(99 * members.a + 90 * members.b).toFixed(2)}`);
    expect(f.member_participation_pct.denominator).toBe(String(members.a + members.b));
    expect(f.citizen_very_satisfied_pct).toMatchObject({ numerator: '47600.00', denominator: '500', display: '95,20%' });
    expect(f.propaganda_done).toMatchObject({ numerator: '1', denominator: '2', display: '50,00%' });
    const drill = await reports.breakdown(supYt, campaignId, soKet, u['CDN-YT'], 'citizen_responses');
    expect(drill.children.filter((c) => c.figure.reporting > 0).map((c) => c.unit.code).sort()).toEqual(['CDCS-YT-BVDK', 'CDCS-YT-TCYT']);
    // The province sees the same accepted values in its own roll-up.
    const province = await reports.rollup(await P('chutich.tinh'), campaignId, soKet, u['LDLD-NT']);
    expect(province.figures.find((x) => x.key === 'citizen_responses')!.display).toBe('500');
  });

  it('a unit moved to another parent mid-campaign counts under its new parent from the move on', async () => {
    const reports = t.app.get(ReportsService);
    const chair = await P('chutich.tinh');
    // Move CDCS-YT-TCYT under CD-VC, effective 1/6/2022: the sơ kết (due 31/12/2022) uses the tree of its date.
    await t.app.get(ReorganisationService).move(await P('admin'), u['CDCS-YT-TCYT'], { newParentId: u['CD-VC'], preview: false, effectiveAt: '2022-06-01' });
    const yt = await reports.rollup(chair, campaignId, soKet, u['CDN-YT']);
    const vcr = await reports.rollup(chair, campaignId, soKet, u['CD-VC']);
    expect(yt.tree).toEqual({ asOf: '2022-12-31T00:00:00.000Z', source: 'milestone_due', units: expect.any(Number) });
    expect(yt.figures.find((x) => x.key === 'citizen_responses')!.display).toBe('400');
    expect(vcr.figures.find((x) => x.key === 'citizen_responses')!.display).toBe('100');
    const province = await reports.rollup(chair, campaignId, soKet, u['LDLD-NT']);
    expect(province.figures.find((x) => x.key === 'citizen_responses')!.display).toBe('500');
    // As of a date before the move, the unit still counts under its old parent.
    const ytBefore = await reports.rollup(chair, campaignId, soKet, u['CDN-YT'], '2022-05-31');
    expect(ytBefore.tree).toMatchObject({ asOf: '2022-05-31T00:00:00.000Z', source: 'request' });
    expect(ytBefore.figures.find((x) => x.key === 'citizen_responses')!.display).toBe('500');
  });

  it('commendation: quota, decision within the upper union, forwarding, appraisal, a ballot without quorum, a second ballot, the numbered decision', async () => {
    const cs = t.app.get(CommendationsService);
    const campaigns = t.app.get(CampaignsService);
    const officer = await P('canbo.yt-bvdk');
    const officer2 = await P('canbo.yt-bvdk2');
    const supYt = await P('giamsat.yt');
    const provinceOfficer = await P('tdkt.tinh');
    const chair = await P('chutich.tinh');
    await campaigns.setQuota(provinceOfficer, campaignId, { unitId: u['CDCS-YT-BVDK'], awardForm: 'bang_khen_ldld', maxCount: 1 });
    const nominate = (p: typeof officer, name: string, form: string) =>
      cs.nominate(p, campaignId, createNominationSchema.parse({ nominatingUnitId: u['CDCS-YT-BVDK'], nomineeKind: 'individual', nomineeName: name, awardForm: form, achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ', reviewMinutes: 'Biên bản họp BCH CĐCS ngày 10/11/2022' }));
    const bk = await nominate(officer, 'Nguyễn Thị Hoa', 'bang_khen_ldld');
    expect(bk.itemId).toBeTruthy();
    expect(await itemOf(bk.id)).toMatchObject({ workflow: 'commendation', stage: 'nominate', status: 'active', role: 'officer', unitId: u['CDCS-YT-BVDK'], campaignId });
    await expect(nominate(officer2, 'Trần Văn Minh', 'bang_khen_ldld')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', status: 409, params: { limit: 1 } });
    // The refused nomination left no item behind.
    const [{ n: items }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM work_item WHERE workflow_key = 'commendation' AND campaign_id = $1`, [campaignId]);
    expect(items).toBe(1);
    const gk = await nominate(officer, 'Lê Văn Phúc', 'giay_khen_cd_cap_tren');
    await cs.act(officer, gk.id, { action: 'submit' });
    // Submitted: the upper union's supervisor has it in the inbox, with the appraisal deadline.
    expect(await itemOf(gk.id)).toMatchObject({ stage: 'upper_appraisal', role: 'supervisor', unitId: u['CDN-YT'] });
    expect((await itemOf(gk.id))!.dueAt).toBeTruthy();
    const http = request(t.app.getHttpServer());
    const inbox = await http.get('/api/inbox').query({ workflow: 'commendation', campaignId }).set(await signIn(t, 'giamsat.yt')).expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(gk.itemId);
    const forGk = (rows: Delivered[]) => rows.some((n) => n.item_id === gk.itemId);
    expect(forGk(await notificationsOf('giamsat.yt', 'item.assigned', forGk))).toBe(true);
    const decided = await cs.act(supYt, gk.id, { action: 'decide' });
    expect(decided.status).toBe('awarded');
    expect(await itemOf(gk.id)).toMatchObject({ stage: 'approved_upper', status: 'final', outcome: 'approved' });
    // The QĐ of the upper union is the only document numbered for it (the runtime's numbering job is not asked).
    const [{ n: gkDocs }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM official_document WHERE source_ref = $1`, [`work_item:${gk.itemId}`]);
    expect(gkDocs).toBe(0);
    const [{ n: gkOutbox }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'documents.allocate_number' AND payload->>'itemId' = $1`, [gk.itemId]);
    expect(gkOutbox).toBe(0);
    await cs.act(officer, bk.id, { action: 'submit' });
    await expect(cs.act(supYt, bk.id, { action: 'decide' })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect((await cs.act(supYt, bk.id, { action: 'forward' })).atUnitId).toBe(u['LDLD-NT']);
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'dept_appraisal', role: 'officer', unitId: u['LDLD-NT'] });
    await cs.act(provinceOfficer, bk.id, { action: 'appraise' });
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'council_vote', role: 'council_member', unitId: u['LDLD-NT'] });
    const members = ['chutich.tinh', 'phochutich.tinh', 'hoidong1', 'hoidong2', 'hoidong3'];
    const ballot = await cs.openBallot(provinceOfficer, campaignId, openBallotSchema.parse({ nominationIds: [bk.id], quorum: 2 / 3, passRatio: 0.9, passBasis: 'cast' }));
    expect(ballot.eligibleCount).toBe(5);
    await cs.vote(await P('hoidong1'), ballot.id, { choices: { [bk.id]: 'yes' } });
    await expect(cs.vote(await P('hoidong1'), ballot.id, { choices: { [bk.id]: 'no' } })).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    await expect(cs.vote(officer, ballot.id, { choices: { [bk.id]: 'yes' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const seen = await cs.ballotView(officer, ballot.id);
    expect(seen.votes).toBeNull();
    expect(seen.results[0]).toMatchObject({ yes: 1, no: 0 });
    const closed = await cs.closeBallot(provinceOfficer, ballot.id);
    expect(closed.results[0].outcome).toBe('no_quorum');
    // No quorum: back to the department for a new ballot.
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'dept_appraisal', status: 'active' });
    await expect(cs.vote(await P('hoidong2'), ballot.id, { choices: { [bk.id]: 'yes' } })).rejects.toMatchObject({ code: 'VOTE_CLOSED' });
    const ballot2 = await cs.openBallot(provinceOfficer, campaignId, openBallotSchema.parse({ nominationIds: [bk.id], quorum: 2 / 3, passRatio: 0.9, passBasis: 'cast' }));
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'council_vote' });
    for (const m of members.slice(0, 4)) await cs.vote(await P(m), ballot2.id, { choices: { [bk.id]: 'yes' } });
    expect((await cs.closeBallot(provinceOfficer, ballot2.id)).results[0]).toMatchObject({ yes: 4, outcome: 'passed' });
    // Passed: the standing committee's decision stage; the ballot's tally is what the history shows.
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'decision', role: 'supervisor', unitId: u['LDLD-NT'] });
    const [skip] = await t.dataSource.query(`SELECT event, comment FROM work_item_event WHERE item_id = $1 AND to_stage = 'decision'`, [bk.itemId]);
    expect(skip.comment).toContain('4 tán thành');
    // A closed secret ballot: still only the tally, and no vote counts any more.
    await expect(cs.vote(await P('hoidong3'), ballot2.id, { choices: { [bk.id]: 'no' } })).rejects.toMatchObject({ code: 'VOTE_CLOSED' });
    expect(await cs.ballotView(officer, ballot2.id)).toMatchObject({ votes: null, results: [{ yes: 4, no: 0, outcome: 'passed' }] });
    // The council page's list: members and the secretary see both ballots, others none.
    const mine = await http.get('/api/campaigns/ballots').query({ campaignId }).set(await signIn(t, 'hoidong1')).expect(200);
    expect(mine.body.map((b: { id: string }) => b.id).sort()).toEqual([ballot.id, ballot2.id].sort());
    expect(mine.body[0]).toMatchObject({ councilUnitId: u['LDLD-NT'], votes: null });
    const secretary = await http.get('/api/campaigns/ballots').query({ status: 'closed', campaignId }).set(await signIn(t, 'tdkt.tinh')).expect(200);
    expect(secretary.body).toHaveLength(2);
    await http.get('/api/campaigns/ballots').query({ status: 'open' }).set(await signIn(t, 'hoidong1')).expect(200).expect([]);
    await http.get('/api/campaigns/ballots').set(await signIn(t, 'canbo.yt-bvdk')).expect(200).expect([]);
    await http.get('/api/campaigns/ballots').query({ status: 'pending' }).set(await signIn(t, 'hoidong1')).expect(400);
    const decision = await cs.issueDecision(chair, campaignId, { nominationIds: [bk.id], signerName: 'Nguyễn Văn An', signerTitle: 'CHỦ TỊCH' });
    expect(decision.symbol).toMatch(/^\d{2,}\/QĐ-LĐLĐ$/);
    expect(decision.body.join('\n')).toContain('Nguyễn Thị Hoa');
    expect(await itemOf(bk.id)).toMatchObject({ stage: 'approved', status: 'final', outcome: 'approved' });
    // The unit hears the result: the submitter is told the item is closed.
    const both = (rows: Delivered[]) => [bk.itemId, gk.itemId].every((id) => rows.some((n) => n.item_id === id));
    expect(both(await notificationsOf('canbo.yt-bvdk', 'item.final', both))).toBe(true);
    const [audit] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [bk.id]);
    expect(audit.n).toBeGreaterThanOrEqual(5);
  });

  it('inspection: a seeded sample, negative findings, an overdue correction escalates on a simulated clock, then is verified', async () => {
    const is = t.app.get(InspectionsService);
    const sup = await P('giamsat.yt');
    const sample = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], sampleSize: 2, seed: 7, scheduledFor: '2021-05-10', topic: 'Thực hiện văn hóa công sở' }));
    expect(sample).toHaveLength(2);
    const one = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], unitIds: [u['CDCS-YT-BVDK']], scheduledFor: '2021-05-11', topic: 'Kiểm tra' }));
    const now = new Date('2021-05-11T03:00:00Z');
    const rec = await is.recordFindings(sup, one[0].id, recordFindingsSchema.parse({ minutes: 'Biên bản kiểm tra', findings: [{ text: 'Chưa niêm yết nội quy', severity: 'negative' }], correctiveDueDays: 10 }), now);
    expect(rec.status).toBe('awaiting_correction');
    expect(await is.escalateOverdue(new Date('2021-05-20T00:00:00Z'))).toBe(0);
    expect(await is.escalateOverdue(new Date('2021-05-22T00:00:00Z'))).toBe(1);
    expect(await is.escalateOverdue(new Date('2021-05-23T00:00:00Z'))).toBe(0);
    const officer = await P('canbo.yt-bvdk');
    await is.submitCorrection(officer, one[0].id, { text: 'Đã niêm yết', attachmentIds: [] });
    await expect(is.verify(sup, one[0].id, { accepted: false })).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    expect((await is.verify(sup, one[0].id, { accepted: true })).status).toBe('closed');
  });

  it('commendation items: returned and resubmitted, withdrawn, and rejected by the council', async () => {
    const cs = t.app.get(CommendationsService);
    const officer = await P('canbo.yt-bvdk');
    const supYt = await P('giamsat.yt');
    const provinceOfficer = await P('tdkt.tinh');
    const nominate = (name: string) =>
      cs.nominate(officer, campaignId, createNominationSchema.parse({ nominatingUnitId: u['CDCS-YT-BVDK'], nomineeKind: 'individual', nomineeName: name, awardForm: 'bang_khen_tld', achievementSummary: 'Nhiều năm liền hoàn thành xuất sắc nhiệm vụ', reviewMinutes: 'Biên bản họp BCH CĐCS' }));
    const a = await nominate('Phạm Thị Lan');
    await cs.act(officer, a.id, { action: 'submit' });
    await expect(cs.act(supYt, a.id, { action: 'return' })).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    await cs.act(supYt, a.id, { action: 'return', comment: 'Bổ sung báo cáo thành tích' });
    expect(await itemOf(a.id)).toMatchObject({ stage: 'nominate', role: 'officer', unitId: u['CDCS-YT-BVDK'] });
    await cs.act(officer, a.id, { action: 'submit' });
    await cs.act(supYt, a.id, { action: 'forward' });
    await cs.act(provinceOfficer, a.id, { action: 'appraise', comment: 'Đủ điều kiện' });
    expect(await itemOf(a.id)).toMatchObject({ stage: 'council_vote' });

    const w = await nominate('Võ Văn Tài');
    expect((await cs.act(officer, w.id, { action: 'withdraw' })).status).toBe('withdrawn');
    expect(await itemOf(w.id)).toMatchObject({ status: 'final', outcome: 'rejected' });

    const b = await cs.openBallot(provinceOfficer, campaignId, openBallotSchema.parse({ nominationIds: [a.id], quorum: 0.5, passRatio: 0.5, passBasis: 'cast', secret: false }));
    for (const m of ['hoidong1', 'hoidong2', 'hoidong3']) await cs.vote(await P(m), b.id, { choices: { [a.id]: 'no' } });
    const open = await cs.ballotView(officer, b.id);
    expect(open.votes).toHaveLength(3);
    expect((await cs.closeBallot(provinceOfficer, b.id)).results[0]).toMatchObject({ no: 3, outcome: 'failed' });
    expect(await itemOf(a.id)).toMatchObject({ status: 'final', outcome: 'rejected' });
    const [rejected] = await t.dataSource.query(`SELECT comment FROM work_item_event WHERE item_id = $1 AND event = 'reject'`, [a.itemId]);
    expect(rejected.comment).toContain('3 không');
  });

  it('inspection: the scheduler escalates overdue corrective actions once, on a simulated clock, and tells the supervisor', async () => {
    const is = t.app.get(InspectionsService);
    const scheduler = t.app.get(InspectionEscalationScheduler);
    const sup = await P('giamsat.yt');
    const at = new Date('2023-03-01T02:00:00Z');
    const ids: string[] = [];
    for (const day of ['2023-03-01', '2023-03-02', '2023-03-03']) {
      const [one] = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], unitIds: [u['CDCS-YT-BVDK']], scheduledFor: day, topic: `Kiểm tra ${day}` }));
      await is.recordFindings(sup, one.id, recordFindingsSchema.parse({ minutes: 'Biên bản', findings: [{ text: 'Chưa có sổ theo dõi', severity: 'negative' }], correctiveDueDays: 5 }), at);
      ids.push(one.id);
    }
    expect(await scheduler.tick(new Date('2023-03-05T00:00:00Z'))).toBe(0);
    // Two workers at once: each overdue action is claimed by one of them (SKIP LOCKED), none twice.
    const due = new Date('2023-03-07T00:00:00Z');
    const [x, y] = await Promise.all([is.escalateOverdue(due, 2), is.escalateOverdue(due, 2)]);
    const rest = await scheduler.tick(due);
    expect(x + y + rest).toBe(3);
    expect(await scheduler.tick(new Date('2023-03-08T00:00:00Z'))).toBe(0);
    const audits: Array<{ entity_id: string; n: number }> = await t.dataSource.query(`SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'inspection.escalated' AND entity_id = ANY($1::text[]) GROUP BY entity_id`, [ids]);
    expect(audits.map((r) => r.n)).toEqual([1, 1, 1]);
    const ours = (rows: Delivered[]) => rows.filter((n) => ids.includes(String(n.params.inspectionId)));
    expect(ours(await notificationsOf('giamsat.yt', 'deadline.escalated', (r) => ours(r).length >= 3))).toHaveLength(3);
    expect(ours(await notificationsOf('canbo.yt-bvdk', 'deadline.overdue', (r) => ours(r).length >= 3))).toHaveLength(3);
    expect((await is.list(sup, campaignId)).filter((i) => ids.includes(i.id)).every((i) => i.status === 'escalated')).toBe(true);
  });

  it('review report: pre-filled, edited, exported as .docx in the report structure; indicators as .xlsx', async () => {
    const http = request(t.app.getHttpServer());
    const sup = await signIn(t, 'giamsat.yt');
    const pre = await http.get(`/api/campaigns/${campaignId}/report`).query({ milestoneId: soKet, unitId: u['CDN-YT'] }).set(sup).expect(200);
    expect(pre.body.sections.results).toContain('Số phiếu khảo sát: 400');
    await http.put(`/api/campaigns/${campaignId}/report`).set(sup).send({ milestoneId: soKet, unitId: u['CDN-YT'], sections: { shortcomings: 'Một số đơn vị chưa triển khai đồng bộ.' }, expectedVersion: 0 }).expect(200);
    await http.put(`/api/campaigns/${campaignId}/report`).set(sup).send({ milestoneId: soKet, unitId: u['CDN-YT'], sections: { overall: 'x' }, expectedVersion: 0 }).expect(409);
    const docx = await http.get(`/api/campaigns/${campaignId}/report.docx`).query({ milestoneId: soKet, unitId: u['CDN-YT'] }).set(sup).buffer(true).parse(binary).expect(200);
    const text = docxParagraphs(readZipEntry(docx.body as Buffer, 'word/document.xml')!);
    const order = ['BÁO CÁO', 'I. ĐẶC ĐIỂM, TÌNH HÌNH', '1. Thuận lợi', '2. Khó khăn', 'III. KẾT QUẢ ĐẠT ĐƯỢC', 'Chỉ tiêu', 'IV. ĐÁNH GIÁ CHUNG', '2. Tồn tại, hạn chế, nguyên nhân', 'Một số đơn vị chưa triển khai đồng bộ.', 'Nơi nhận:'];
    let at = -1;
    for (const line of order) {
      const next = text.indexOf(line, at + 1);
      expect({ line, found: next > at }).toEqual({ line, found: true });
      at = next;
    }
    const xlsx = await http.get(`/api/campaigns/${campaignId}/units/${u['CDN-YT']}/indicators.xlsx`).query({ milestoneId: soKet }).set(sup).buffer(true).parse(binary).expect(200);
    expect(readZipEntry(xlsx.body as Buffer, 'xl/workbook.xml')).toContain('Chỉ tiêu');
  });
});
