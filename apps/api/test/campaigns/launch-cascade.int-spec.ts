import request from 'supertest';
import { createCampaignSchema } from '@thidua/contracts';
import { DefaultDefinitionsSeeder } from '../../src/modules/workflow';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadDemoHierarchy, signIn } from './support/demo-hierarchy';

const PLAN = { goals: 'Xây dựng văn hóa công sở', measures: 'Tuyên truyền, ký cam kết', timeline: 'Quý IV/2019' };

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const campaignBody = (code: string, launchingUnitId: string) =>
  createCampaignSchema.parse({
    code,
    title: 'Cán bộ, công chức, viên chức tỉnh Ninh Thuận thi đua thực hiện văn hóa công sở',
    period: { from: '2019-06-14', to: '2025-09-02' },
    launchingUnitId,
    legalBasis: ['Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ'],
    criteria: ['Kỷ cương, kỷ luật hành chính'],
    indicators: [{ key: 'models_registered', name: 'Số mô hình', type: 'count', rollup: 'sum' }],
    milestones: [{ kind: 'so_ket', label: 'Sơ kết 03 năm', due: '2022-12-31' }],
  });

/** Issue 6 item 2 on the runtime: launch item, numbering, cascade, unit plans, a tree that changes. */
describe(`campaign launch on the workflow runtime (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  let campaignId: string;
  let launchItemId: string;
  const http = () => request(t.app.getHttpServer());
  const items = (sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> => t.dataSource.query(sql, params);
  const planOf = async (unit: string, open = true) =>
    (await items(`SELECT id, parent_item_id AS "parentItemId", status, outcome, stage, campaign_id AS "campaignId" FROM work_item WHERE workflow_key = 'unit_plan' AND campaign_id = $1 AND unit_id = $2 ${open ? "AND status <> 'final'" : ''} ORDER BY created_at`, [campaignId, u[unit]])) as Array<{ id: string; parentItemId: string | null; status: string; outcome: string | null; stage: string; campaignId: string }>;
  const ackOf = async (unit: string) => (await items(`SELECT id, stage FROM work_item WHERE workflow_key = 'launch_ack' AND campaign_id = $1 AND unit_id = $2`, [campaignId, u[unit]]))[0] as { id: string; stage: string };
  const cascadeView = async (id = campaignId) => (await http().get(`/api/campaigns/${id}/cascade`).set(await signIn(t, 'chutich.tinh')).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    ({ units: u } = await loadDemoHierarchy(t));
    await t.app.get(DefaultDefinitionsSeeder).seed();
  });
  afterAll(async () => t.close());

  it('plan submitted as a launch item, returned with a comment, resubmitted, approved: numbered by the one register, fanned out', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    campaignId = (await http().post('/api/campaigns').set(officer).send(campaignBody('VHCS-RT', u['LDLD-NT'])).expect(201)).body.id;
    const submitted = await http().post(`/api/campaigns/${campaignId}/plan`).set(officer).send({ signerName: 'Trần Văn Đông' }).expect(201);
    expect(submitted.body.status).toBe('awaiting_approval');
    launchItemId = submitted.body.launchItemId;
    const [item] = await items(`SELECT workflow_key AS w, stage, campaign_id AS c, unit_id AS unit FROM work_item WHERE id = $1`, [launchItemId]);
    expect(item).toEqual({ w: 'launch', stage: 'approval', c: campaignId, unit: u['LDLD-NT'] });
    // The standing committee finds it in its inbox.
    const inbox = await http().get('/api/inbox').set(chair).expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(launchItemId);
    await http().post(`/api/campaigns/${campaignId}/plan/return`).set(chair).send({}).expect(400);
    const returned = await http().post(`/api/campaigns/${campaignId}/plan/return`).set(chair).send({ comment: 'Bổ sung tiêu chí' }).expect(200);
    expect(returned.body.status).toBe('draft');
    expect((await items(`SELECT stage FROM work_item WHERE id = $1`, [launchItemId]))[0].stage).toBe('draft');
    await http().post(`/api/campaigns/${campaignId}/plan`).set(officer).send({ signerName: 'Trần Văn Đông' }).expect(201);
    // The drafter may not approve their own plan; the chair does.
    await http().post(`/api/campaigns/${campaignId}/launch`).set(officer).send({}).expect(403);
    const launched = await http().post(`/api/campaigns/${campaignId}/launch`).set(chair).send({ signedOn: '2019-11-13' }).expect(200);
    expect(launched.body).toMatchObject({ status: 'launched', launchItemId, planDocument: { symbol: '01/KH-LĐLĐ' } });
    expect((await items(`SELECT stage FROM work_item WHERE id = $1`, [launchItemId]))[0].stage).toBe('cascade');
    // The runtime's documents.allocate_number job finds the plan signed: still ONE number.
    await waitFor(async () => (await items(`SELECT 1 FROM outbox WHERE topic = 'documents.allocate_number' AND payload->>'itemId' = $1 AND dispatched_at IS NOT NULL`, [launchItemId])).length > 0, 'numbering job');
    const docs = await items(`SELECT symbol, source_ref AS ref FROM official_document WHERE campaign_id = $1`, [campaignId]);
    expect(docs).toEqual([{ symbol: '01/KH-LĐLĐ', ref: `work_item:${launchItemId}` }]);
    // Fan-out: every upper union (11), and the two grassroots unions directly under the province.
    const v = await waitFor(async () => {
      const c = await cascadeView();
      return c.launch?.status === 'done' ? c : null;
    }, 'launch fan-out');
    expect(v.launch).toMatchObject({ reached: 11, total: 11 });
    expect(v.upperUnions).toEqual({ total: 11, reached: 11, acknowledged: 0 });
    expect(v.grassroots.reached).toBe(2);
    for (const code of ['CDCS-NT-CQ', 'CDCS-NT-BAO']) expect(await planOf(code)).toEqual([expect.objectContaining({ parentItemId: null, campaignId, stage: 'draft' })]);
  });

  it('an upper union acknowledges with guidance and its grassroots unions get their plans; progress counts them', async () => {
    for (const [code, user] of [['CDN-YT', 'giamsat.yt'], ['CD-VC', 'giamsat.vc']] as const) {
      const ack = await ackOf(code);
      await http().post(`/api/items/${ack.id}/actions`).set(await signIn(t, user)).send({ action: 'acknowledge', data: { guidanceRef: '25/HD-CĐN', guidanceNote: 'Hướng dẫn' } }).expect(200);
    }
    const v = await waitFor(async () => {
      const c = await cascadeView();
      return c.grassroots.reached === 2 + 12 + 16 ? c : null;
    }, 'ack fan-outs');
    expect(v.upperUnions.acknowledged).toBe(2);
    const yt = v.byUnit.find((r: { unit: { code: string } }) => r.unit.code === 'CDN-YT');
    expect(yt).toMatchObject({ grassrootsTotal: 12, plansReached: 12, ackStage: 'cascade' });
    expect(v.unitsReached).toBe(11 + 30);
    // A supervisor below the launching unit sees its own subtree's row only, never a sibling's.
    const mine = (await http().get(`/api/campaigns/${campaignId}/cascade`).set(await signIn(t, 'giamsat.yt')).expect(200)).body;
    expect(mine.byUnit.map((r: { unit: { code: string } }) => r.unit.code)).toEqual(['CDN-YT']);
    expect(mine).toMatchObject({ launch: null, upperUnions: { total: 1, reached: 1, acknowledged: 1 }, unitsReached: 13, unitsTotal: 13 });
    expect(v.unitsTotal).toBe(11 + v.grassroots.total);
  });

  it('a unit plan round trip: inbox, submit, return with a comment, resubmit, approve', async () => {
    const officer = await signIn(t, 'canbo.yt-bvdk');
    const sup = await signIn(t, 'giamsat.yt');
    const [plan] = await planOf('CDCS-YT-BVDK');
    const inbox = await http().get('/api/inbox?workflow=unit_plan').set(officer).expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toEqual([plan.id]);
    await http().post(`/api/items/${plan.id}/actions`).set(officer).send({ action: 'submit', data: { ...PLAN, models: [{ name: 'Đổi mới phong cách phục vụ', field: 'y tế' }] } }).expect(200);
    await http().post(`/api/items/${plan.id}/actions`).set(sup).send({ action: 'return' }).expect(400);
    await http().post(`/api/items/${plan.id}/actions`).set(sup).send({ action: 'return', comment: 'Bổ sung tiến độ từng quý' }).expect(200);
    let v = await cascadeView();
    expect(v.grassroots.returned).toBe(1);
    await http().post(`/api/items/${plan.id}/actions`).set(officer).send({ action: 'submit', data: { timeline: 'Quý IV/2019; Quý I/2020' } }).expect(200);
    const approved = await http().post(`/api/items/${plan.id}/actions`).set(sup).send({ action: 'approve' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'final', outcome: 'approved' });
    await http().get(`/api/items/${plan.id}/history`).set(sup).expect(200);
    const history = (await items(`SELECT event FROM work_item_event WHERE item_id = $1 ORDER BY item_version`, [plan.id])).map((e) => e.event);
    expect(history).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    v = await cascadeView();
    expect(v.grassroots).toMatchObject({ approved: 1, returned: 0 });
    expect(v.byUnit.find((r: { unit: { code: string } }) => r.unit.code === 'CDN-YT')).toMatchObject({ plansSubmitted: 1, plansApproved: 1 });
  });

  it('units moved mid-campaign: the old plan is cancelled, the unit gets its plan where it now belongs (launch_ack movedOut: cancel)', async () => {
    const admin = await signIn(t, 'admin');
    const chair = await signIn(t, 'chutich.tinh');
    const [oldTcyt] = await planOf('CDCS-YT-TCYT');
    const [oldCdc] = await planOf('CDCS-YT-CDC');
    const [oldBao] = await planOf('CDCS-NT-BAO');
    await http().post(`/api/units/${u['CDCS-YT-TCYT']}/move`).set(admin).send({ newParentId: u['CD-VC'] }).expect(200);
    await http().post(`/api/units/${u['CDCS-YT-CDC']}/move`).set(admin).send({ newParentId: u['LDLD-NT'] }).expect(200);
    await http().post(`/api/units/${u['CDCS-NT-BAO']}/move`).set(admin).send({ newParentId: u['CDN-YT'] }).expect(200);
    await http().post(`/api/campaigns/${campaignId}/cascade/reconcile`).set(await signIn(t, 'canbo.yt-bvdk')).send({}).expect(403);
    const r = await http().post(`/api/campaigns/${campaignId}/cascade/reconcile`).set(chair).send({}).expect(200);
    // The moves themselves re-routed the fan-out children (issue 15: on the event, not at the next reconcile): the
    // two plans under upper unions are already cancelled and respawned; the campaign's own direct plans remain.
    expect(r.body).toMatchObject({ cancelled: 0, spawned: 0, directCancelled: 1, directCreated: 1 });
    const ackVc = await ackOf('CD-VC');
    const ackYt = await ackOf('CDN-YT');
    // Moved from an upper union to another one: cancelled there, a new plan under the new one.
    const tcyt = await planOf('CDCS-YT-TCYT', false);
    expect(tcyt).toEqual([expect.objectContaining({ id: oldTcyt.id, status: 'final', outcome: 'cancelled' }), expect.objectContaining({ parentItemId: ackVc.id, status: 'active' })]);
    // Moved to directly under the province: the campaign's own plan.
    const cdc = await planOf('CDCS-YT-CDC', false);
    expect(cdc).toEqual([expect.objectContaining({ id: oldCdc.id, outcome: 'cancelled' }), expect.objectContaining({ parentItemId: null, status: 'active' })]);
    // Moved from directly under the province into an upper union that has acknowledged.
    const bao = await planOf('CDCS-NT-BAO', false);
    expect(bao).toEqual([expect.objectContaining({ id: oldBao.id, outcome: 'cancelled' }), expect.objectContaining({ parentItemId: ackYt.id, status: 'active' })]);
    const cancelled = await items(`SELECT count(*)::int AS n FROM work_item_event WHERE item_id = ANY($1::uuid[]) AND event IN ('cancelled', 'cancel')`, [[oldTcyt.id, oldCdc.id, oldBao.id]]);
    expect(cancelled[0].n).toBe(3);
    // A second reconcile changes nothing; no unit has two live plans.
    const again = await http().post(`/api/campaigns/${campaignId}/cascade/reconcile`).set(chair).send({}).expect(200);
    expect(again.body).toMatchObject({ spawned: 0, cancelled: 0, directCreated: 0, directCancelled: 0 });
    const dup = await items(`SELECT count(*)::int AS n FROM (SELECT unit_id FROM work_item WHERE campaign_id = $1 AND workflow_key = 'unit_plan' AND status <> 'final' GROUP BY unit_id HAVING count(*) > 1) x`, [campaignId]);
    expect(dup[0].n).toBe(0);
  });

  it('evaluation as work items: the collection opens, a unit submits, is returned, resubmits, is accepted; the roll-up pre-fills the report', async () => {
    const chair = await signIn(t, 'chutich.tinh');
    const officer = await signIn(t, 'canbo.yt-bvdk');
    const sup = await signIn(t, 'giamsat.yt');
    const campaign = (await http().get(`/api/campaigns/${campaignId}`).set(chair).expect(200)).body;
    const ms = campaign.milestones[0].id;
    const opened = await http().post(`/api/campaigns/${campaignId}/milestones/${ms}/open`).set(chair).send({}).expect(200);
    expect(opened.body.workflow).toBe('evaluation_vhcs_rt');
    const [{ n }] = await items(`SELECT count(*)::int AS n FROM unit WHERE path LIKE (SELECT path FROM unit WHERE code = 'LDLD-NT') || '%' AND kind = 'grassroots_union' AND status = 'active'`, []);
    expect(opened.body.created).toBe(n);
    expect((await http().post(`/api/campaigns/${campaignId}/milestones/${ms}/open`).set(chair).send({}).expect(200)).body.created).toBe(0);
    const inbox = await http().get('/api/inbox?workflow=evaluation_vhcs_rt').set(officer).expect(200);
    expect(inbox.body.items).toHaveLength(1);
    const itemId = inbox.body.items[0].id;
    expect(inbox.body.items[0].dueAt).not.toBeNull();
    const submitUrl = `/api/campaigns/${campaignId}/milestones/${ms}/submissions`;
    await http().post(submitUrl).set(officer).send({ unitId: u['CDCS-YT-BVDK'], values: { models_registered: 2.5 } }).expect(400);
    const s1 = (await http().post(submitUrl).set(officer).send({ unitId: u['CDCS-YT-BVDK'], values: { models_registered: 2 } }).expect(201)).body;
    expect((await items(`SELECT stage, data->>'models_registered' AS v FROM work_item WHERE id = $1`, [itemId]))[0]).toEqual({ stage: 'review', v: '2' });
    expect((await http().get('/api/inbox?workflow=evaluation_vhcs_rt').set(sup).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(itemId);
    await http().post(`/api/campaigns/submissions/${s1.id}/review`).set(sup).send({ decision: 'return', comment: 'Kiểm tra lại số mô hình' }).expect(200);
    expect((await items(`SELECT stage FROM work_item WHERE id = $1`, [itemId]))[0].stage).toBe('self_assessment');
    await http().post(submitUrl).set(officer).send({ unitId: u['CDCS-YT-BVDK'], values: { models_registered: 3 } }).expect(201);
    const accepted = (await http().post(`/api/campaigns/submissions/${s1.id}/review`).set(sup).send({ decision: 'accept' }).expect(200)).body;
    expect(accepted.status).toBe('accepted');
    expect((await items(`SELECT status, outcome FROM work_item WHERE id = $1`, [itemId]))[0]).toEqual({ status: 'final', outcome: 'completed' });
    // Read by item version: the runtime's GET /history orders by the id as text (see the report), so
    // a create whose id has fewer digits than later events' sorts last.
    const history = (await items(`SELECT event FROM work_item_event WHERE item_id = $1 ORDER BY item_version`, [itemId])).map((e) => e.event);
    expect(history).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    // The supervisor's report is pre-filled from the accepted subtree.
    const report = await http().get(`/api/campaigns/${campaignId}/report`).query({ milestoneId: ms, unitId: u['CDN-YT'] }).set(sup).expect(200);
    expect(report.body.sections.results).toContain('Số mô hình: 3');
  });

  it('an approval through the generic items API is numbered by the runtime job and launches the campaign', async () => {
    const officer = await signIn(t, 'tdkt.tinh');
    const chair = await signIn(t, 'chutich.tinh');
    const id = (await http().post('/api/campaigns').set(officer).send(campaignBody('VHCS-RT2', u['LDLD-NT'])).expect(201)).body.id;
    const sub = await http().post(`/api/campaigns/${id}/plan`).set(officer).send({ signerName: 'Trần Văn Đông' }).expect(201);
    await http().post(`/api/items/${sub.body.launchItemId}/actions`).set(chair).send({ action: 'approve' }).expect(200);
    const c = await waitFor(async () => {
      const view = (await http().get(`/api/campaigns/${id}`).set(chair).expect(200)).body;
      return view.status === 'launched' ? view : null;
    }, 'launch by the numbering job');
    const year = new Date().getFullYear();
    expect(c.planDocument.symbol).toBe(year === 2019 ? '02/KH-LĐLĐ' : '01/KH-LĐLĐ');
    const v = await waitFor(async () => {
      const x = await cascadeView(id);
      return x.launch?.status === 'done' && x.grassroots.reached >= 1 ? x : null;
    }, 'second cascade');
    expect(v.upperUnions.reached).toBe(11);
  });

  it('cancelling the whole campaign cancels every open item of it with one history row each; nothing is left waiting', async () => {
    const chair = await signIn(t, 'chutich.tinh');
    const open = async (): Promise<number> => Number((await items(`SELECT count(*)::int AS n FROM work_item WHERE campaign_id = $1 AND status <> 'final'`, [campaignId]))[0].n);
    const before = await open();
    expect(before).toBeGreaterThan(10);
    // Only the launching unit's supervisors may cancel it; a reason is required.
    await http().post(`/api/campaigns/${campaignId}/cancel`).set(await signIn(t, 'giamsat.yt')).send({ reason: 'x' }).expect(403);
    await http().post(`/api/campaigns/${campaignId}/cancel`).set(chair).send({}).expect(400);
    const res = await http().post(`/api/campaigns/${campaignId}/cancel`).set(chair).send({ reason: 'Dừng phong trào theo chỉ đạo' }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledItems: before });
    expect(await open()).toBe(0);
    const rows = await items(
      `SELECT e.item_id, count(*)::int AS n FROM work_item_event e JOIN work_item w ON w.id = e.item_id
        WHERE w.campaign_id = $1 AND e.event = 'cancelled' AND e.comment = 'Dừng phong trào theo chỉ đạo' GROUP BY e.item_id`,
      [campaignId],
    );
    expect(rows).toHaveLength(before);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await items(`SELECT 1 FROM audit_log WHERE action = 'campaign.cancelled' AND entity_id = $1`, [campaignId])).toHaveLength(1);
    const inbox = await http().get('/api/inbox').set(await signIn(t, 'giamsat.yt')).expect(200);
    expect(inbox.body.items.filter((i: { campaignId?: string }) => i.campaignId === campaignId)).toHaveLength(0);
    await http().post(`/api/campaigns/${campaignId}/cancel`).set(chair).send({ reason: 'again' }).expect(422);
  });
});
