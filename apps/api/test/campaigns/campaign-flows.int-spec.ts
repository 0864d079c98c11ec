import request from 'supertest';
import { createCampaignSchema, recordFindingsSchema, scheduleInspectionSchema } from '@thidua/contracts';
import { EvaluationsService } from '../../src/modules/campaigns/evaluations.service';
import { InspectionsService } from '../../src/modules/campaigns/inspections.service';
import { docxParagraphs, readZipEntry } from '../../src/modules/documents';
import { ReorganisationService } from '../../src/modules/org';
import { ReportsService } from '../../src/modules/reports';
import { DefaultDefinitionsSeeder, WorkflowScheduler } from '../../src/modules/workflow';
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
    // A sibling's unit does not exist for this officer (issue 13: the random-id answer).
    await expect(ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-TCYT'], values: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const s1 = await ev.submit(bvdk, campaignId, soKet, { unitId: u['CDCS-YT-BVDK'], values: { propaganda_done: true, member_participation_pct: 99, citizen_very_satisfied_pct: 96.5, citizen_responses: 400, models_registered: 2 } });
    await expect(ev.review(supYt, s1.id, { decision: 'return' })).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    await expect(ev.review(bvdk, s1.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
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

  it('inspection: a seeded sample as work items, negative findings, the corrective deadline escalates on the runtime timers, then is verified', async () => {
    const is = t.app.get(InspectionsService);
    const scheduler = t.app.get(WorkflowScheduler);
    const http = request(t.app.getHttpServer());
    const sup = await P('giamsat.yt');
    const sample = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], sampleSize: 2, seed: 7, scheduledFor: '2021-05-10', topic: 'Thực hiện văn hóa công sở' }));
    expect(sample).toHaveLength(2);
    expect(sample.every((i) => i.status === 'scheduled' && i.supervisingUnitId === u['CDN-YT'])).toBe(true);
    const now = new Date('2021-05-11T03:00:00Z');
    const [one] = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], unitIds: [u['CDCS-YT-BVDK']], scheduledFor: '2021-05-11', topic: 'Kiểm tra' }), now);
    // The inspection IS a work item: in the scheduler's inbox for the findings.
    const [item] = await t.dataSource.query(`SELECT workflow_key AS workflow, unit_id AS "unitId", assigned_user_id AS "assignedUserId", campaign_id AS "campaignId" FROM work_item WHERE id = $1`, [one.id]);
    expect(item).toMatchObject({ workflow: 'inspection', unitId: u['CDCS-YT-BVDK'], assignedUserId: sup.userId, campaignId });
    const rec = await is.recordFindings(sup, one.id, recordFindingsSchema.parse({ minutes: 'Biên bản kiểm tra', findings: [{ text: 'Chưa niêm yết nội quy', severity: 'negative' }], correctiveDueDays: 10 }), now);
    expect(rec).toMatchObject({ status: 'awaiting_correction', minutes: 'Biên bản kiểm tra', findings: [{ text: 'Chưa niêm yết nội quy', severity: 'negative' }], correctiveDueAt: '2021-05-21T03:00:00.000Z', escalatedAt: null });
    // The runtime's timers on a simulated clock: the reminder, then one escalation at the due date.
    await scheduler.fireDue(new Date('2021-05-20T00:00:00Z'));
    expect((await is.view(one.id)).status).toBe('awaiting_correction');
    await scheduler.fireDue(new Date('2021-05-22T00:00:00Z'));
    const escalated = await is.view(one.id);
    expect(escalated.status).toBe('escalated');
    expect(escalated.escalatedAt).toBeTruthy();
    await scheduler.fireDue(new Date('2021-05-23T00:00:00Z'));
    const fired: Array<{ kind: string; n: number }> = await t.dataSource.query(`SELECT details->>'kind' AS kind, count(*)::int AS n FROM work_item_event WHERE item_id = $1 AND event = 'timer.fired' GROUP BY 1 ORDER BY 1`, [one.id]);
    expect(fired).toEqual([{ kind: 'escalation', n: 1 }, { kind: 'reminder', n: 1 }]);
    const forItem = (rows: Delivered[]) => rows.filter((n) => n.item_id === one.id);
    expect(forItem(await notificationsOf('giamsat.yt', 'deadline.escalated', (r) => forItem(r).length >= 1))).toHaveLength(1);
    expect(forItem(await notificationsOf('canbo.yt-bvdk', 'deadline.overdue', (r) => forItem(r).length >= 1))).toHaveLength(1);
    // The unit corrects through the generic items API; the campaign's view follows.
    await http.post(`/api/items/${one.id}/actions`).set(await signIn(t, 'canbo.yt-bvdk')).send({ action: 'submit', data: { correctiveActions: 'Đã niêm yết' } }).expect(200);
    expect(await is.view(one.id)).toMatchObject({ status: 'correction_submitted', correctiveAction: 'Đã niêm yết', correctiveDueAt: null });
    await expect(is.verify(sup, one.id, { accepted: false })).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    expect((await is.verify(sup, one.id, { accepted: false, comment: 'Bổ sung ảnh chụp' })).status).toBe('awaiting_correction');
    await is.submitCorrection(await P('canbo.yt-bvdk'), one.id, { text: 'Đã niêm yết, có ảnh', attachmentIds: [] });
    expect((await is.verify(sup, one.id, { accepted: true })).status).toBe('closed');
    const actors: Array<{ event: string; actor: string | null }> = await t.dataSource.query(`SELECT event, actor_user_id AS actor FROM work_item_event WHERE item_id = $1 AND event <> 'timer.fired' ORDER BY id`, [one.id]);
    expect(actors.every((e) => e.actor !== null)).toBe(true);
    expect((await is.list(sup, campaignId)).map((i) => i.id)).toEqual(expect.arrayContaining([...sample.map((i) => i.id), one.id]));
  });

  it('inspection: two scheduler passes at once escalate each overdue corrective action once, and tell the supervisor', async () => {
    const is = t.app.get(InspectionsService);
    const scheduler = t.app.get(WorkflowScheduler);
    const sup = await P('giamsat.yt');
    const at = new Date('2023-03-01T02:00:00Z');
    const ids: string[] = [];
    for (const day of ['2023-03-01', '2023-03-02', '2023-03-03']) {
      const [one] = await is.schedule(sup, campaignId, scheduleInspectionSchema.parse({ supervisingUnitId: u['CDN-YT'], unitIds: [u['CDCS-YT-BVDK']], scheduledFor: day, topic: `Kiểm tra ${day}` }), at);
      await is.recordFindings(sup, one.id, recordFindingsSchema.parse({ minutes: 'Biên bản', findings: [{ text: 'Chưa có sổ theo dõi', severity: 'negative' }], correctiveDueDays: 5 }), at);
      ids.push(one.id);
    }
    await scheduler.fireDue(new Date('2023-03-05T00:00:00Z'));
    expect((await is.list(sup, campaignId)).filter((i) => ids.includes(i.id)).every((i) => i.status === 'awaiting_correction')).toBe(true);
    const due = new Date('2023-03-07T00:00:00Z');
    await Promise.all([scheduler.fireDue(due, 2), scheduler.fireDue(due, 2)]);
    await scheduler.fireDue(new Date('2023-03-08T00:00:00Z'));
    const counts: Array<{ item_id: string; n: number }> = await t.dataSource.query(`SELECT item_id, count(*)::int AS n FROM work_item_event WHERE event = 'timer.fired' AND details->>'kind' = 'escalation' AND item_id = ANY($1::uuid[]) GROUP BY item_id`, [ids]);
    expect(counts.map((r) => r.n)).toEqual([1, 1, 1]);
    const ours = (rows: Delivered[]) => rows.filter((n) => ids.includes(String(n.item_id)));
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
