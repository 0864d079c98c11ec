import request from 'supertest';
import { createCampaignSchema } from '@thidua/contracts';
import { CampaignProjections } from '../../src/modules/campaigns/campaign-projections.service';
import { launchData } from '../../src/modules/campaigns/campaign-launch.service';
import { DefaultDefinitionsSeeder } from '../../src/modules/workflow';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadDemoHierarchy, signIn } from './support/demo-hierarchy';

// Many steps on a loaded machine; each step is awaited, so a slow run never overlaps the next test.
jest.setTimeout(300_000);

const PLAN = { goals: 'Xây dựng văn hóa công sở', measures: 'Tuyên truyền, ký cam kết', timeline: 'Quý IV/2019' };

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Issue 11 (lines 1, 2, 6): launch, unit plan and evaluation driven through the GENERIC items API
 * (`POST /api/items/:id/actions`), the campaign's own views checked after each step, the campaign endpoints
 * giving the same result, and the rebuilt projections equal to the live ones.
 */
describe(`campaign workflows through the generic items API (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  let users: Record<string, string>;
  let campaignId: string;
  let milestoneId: string;
  const http = () => request(t.app.getHttpServer());
  const sql = (q: string, p: unknown[] = []): Promise<Array<Record<string, unknown>>> => t.dataSource.query(q, p);
  const as = async (who: string) => signIn(t, who);
  const act = async (who: string, itemId: string, body: Record<string, unknown>, status = 200) => (await http().post(`/api/items/${itemId}/actions`).set(await as(who)).send(body).expect(status)).body;
  const campaign = async () => (await http().get(`/api/campaigns/${campaignId}`).set(await as('chutich.tinh')).expect(200)).body;
  const cascade = async () => (await http().get(`/api/campaigns/${campaignId}/cascade`).set(await as('chutich.tinh')).expect(200)).body;
  const submissions = async (unit = 'LDLD-NT') => (await http().get(`/api/campaigns/${campaignId}/milestones/${milestoneId}/submissions?unitId=${u[unit]}`).set(await as('chutich.tinh')).expect(200)).body as Array<Record<string, unknown>>;
  const rollup = async () => (await http().get(`/api/campaigns/${campaignId}/units/${u['LDLD-NT']}/rollup?milestoneId=${milestoneId}`).set(await as('chutich.tinh')).expect(200)).body;
  const itemOf = async (workflow: string, unit: string) => (await sql(`SELECT id, stage, version FROM work_item WHERE campaign_id = $1 AND workflow_key LIKE $2 AND unit_id = $3 AND status <> 'final' ORDER BY created_at DESC LIMIT 1`, [campaignId, workflow, u[unit]]))[0] as { id: string; stage: string; version: number } | undefined;
  const historyActors = async (itemId: string) => (await http().get(`/api/items/${itemId}/history`).set(await as('chutich.tinh')).expect(200)).body
      // The cascade's own bookkeeping (children.progress) is the runtime's, not a person's action.
      .filter((e: { event: string }) => e.event !== 'children.progress')
      .map((e: { event: string; actorUserId: string | null }) => `${e.event}:${e.actorUserId ?? 'system'}`);

  beforeAll(async () => {
    t = await startTestApp();
    ({ units: u, users } = await loadDemoHierarchy(t));
    await t.app.get(DefaultDefinitionsSeeder).seed();
  });
  afterAll(async () => t.close());

  it('launch: created, submitted, returned on the item; resubmitted on the campaign endpoint; approved on the item', async () => {
    const officer = await as('tdkt.tinh');
    const body = createCampaignSchema.parse({
      code: 'GEN-1',
      title: 'Thi đua thực hiện văn hóa công sở (đường chung)',
      period: { from: '2019-06-14', to: '2025-09-02' },
      launchingUnitId: u['LDLD-NT'],
      legalBasis: [],
      criteria: ['Kỷ cương, kỷ luật hành chính'],
      indicators: [{ key: 'models_registered', name: 'Số mô hình', type: 'count', rollup: 'sum' }],
      milestones: [{ kind: 'so_ket', label: 'Sơ kết', due: '2022-12-31' }],
    });
    const created = (await http().post('/api/campaigns').set(officer).send(body).expect(201)).body;
    campaignId = created.id;
    milestoneId = created.milestones[0].id;
    const data = launchData({ title: created.title, criteria: created.criteria, periodFrom: created.period.from, periodTo: created.period.to } as never);
    const item = (await http().post('/api/items').set(officer).send({ workflow: 'launch', unitId: u['LDLD-NT'], title: 'Phát động', data, campaignId }).expect(201)).body;
    expect(await campaign()).toMatchObject({ status: 'draft', launchItemId: item.id });

    await act('tdkt.tinh', item.id, { action: 'submit' });
    const submitted = await campaign();
    expect(submitted).toMatchObject({ status: 'awaiting_approval', planDocument: { symbol: null } });

    // Out of turn: the drafter approving their own plan is refused by the engine, nothing written.
    const refused = await act('tdkt.tinh', item.id, { action: 'approve' }, 403);
    expect(refused.code).toBe('ROLE_REQUIRED');
    expect((await itemOf('launch', 'LDLD-NT'))?.version).toBe(2);

    await act('chutich.tinh', item.id, { action: 'return', comment: 'Bổ sung tiêu chí' });
    expect((await campaign()).status).toBe('draft');
    // The campaign endpoint now accepts the resubmission (the campaign and the item agree).
    const again = await http().post(`/api/campaigns/${campaignId}/plan`).set(officer).send({ signerName: 'Trần Văn Đông' }).expect(201);
    expect(again.body.status).toBe('awaiting_approval');

    await act('chutich.tinh', item.id, { action: 'approve' });
    const launched = await campaign();
    expect(launched).toMatchObject({ status: 'launched', planDocument: { symbol: '01/KH-LĐLĐ' } });
    // The engine's numbering job runs too and finds the plan signed: one number.
    await waitFor(async () => (await sql(`SELECT 1 FROM outbox WHERE topic = 'documents.allocate_number' AND payload->>'itemId' = $1 AND dispatched_at IS NOT NULL`, [item.id])).length > 0, 'numbering job');
    expect(await sql(`SELECT symbol FROM official_document WHERE campaign_id = $1`, [campaignId])).toEqual([{ symbol: '01/KH-LĐLĐ' }]);
    // The history names the people who acted, not "system".
    expect(await historyActors(item.id)).toEqual([`create:${users['tdkt.tinh']}`, `submit:${users['tdkt.tinh']}`, `return:${users['chutich.tinh']}`, `submit:${users['tdkt.tinh']}`, `approve:${users['chutich.tinh']}`]);
    const view = await waitFor(async () => {
      const c = await cascade();
      return c.upperUnions.reached === c.upperUnions.total && c.upperUnions.total > 0 ? c : null;
    }, 'acknowledgement items');
    expect(view.launchStage).toBe('cascade');
  });

  it('unit plan with models: acknowledged, submitted and approved on the items; cascade and models follow', async () => {
    const ack = await itemOf('launch_ack', 'CDN-YT');
    await act('giamsat.yt', ack!.id, { action: 'acknowledge' });
    const row = await waitFor(async () => {
      const c = await cascade();
      const r = c.byUnit.find((x: { unit: { code: string } }) => x.unit.code === 'CDN-YT');
      return r && r.plansReached > 0 ? r : null;
    }, 'unit plans of CĐN Y tế');
    expect(row).toMatchObject({ acknowledged: true, plansSubmitted: 0, plansApproved: 0 });
    const plan = await itemOf('unit_plan', 'CDCS-YT-BVDK');
    const models = [{ name: 'Đổi mới phong cách phục vụ người bệnh', field: 'y tế' }];
    await act('canbo.yt-bvdk', plan!.id, { action: 'submit', data: { ...PLAN, models } });
    const afterSubmit = (await cascade()).byUnit.find((x: { unit: { code: string } }) => x.unit.code === 'CDN-YT');
    expect(afterSubmit).toMatchObject({ plansSubmitted: 1, plansApproved: 0 });
    const listModels = async () => (await http().get(`/api/campaigns/${campaignId}/models`).set(await as('chutich.tinh')).expect(200)).body.map((m: { name: string; unitId: string }) => `${m.unitId}:${m.name}`);
    expect(await listModels()).toEqual([]);
    await act('giamsat.yt', plan!.id, { action: 'approve' });
    expect((await cascade()).byUnit.find((x: { unit: { code: string } }) => x.unit.code === 'CDN-YT')).toMatchObject({ plansSubmitted: 1, plansApproved: 1 });
    expect(await listModels()).toEqual([`${u['CDCS-YT-BVDK']}:Đổi mới phong cách phục vụ người bệnh`]);
    // Issue 16 line 5: the upper union registers a model for a grassroots union below it.
    await http().post(`/api/campaigns/${campaignId}/models`).set(await as('giamsat.yt')).send({ unitId: u['CDCS-YT-TCYT'], name: 'Tổ chức y tế thân thiện', description: '', field: 'y tế' }).expect(201);
    await http().post(`/api/campaigns/${campaignId}/models`).set(await as('canbo.yt-bvdk')).send({ unitId: u['CDCS-YT-TCYT'], name: 'Không được', description: '', field: 'y tế' }).expect(404);
    expect(await listModels()).toHaveLength(2);
  });

  it('evaluation figures: entered on the item page reach the submissions, the roll-up and the report; both paths give the same result', async () => {
    await http().post(`/api/campaigns/${campaignId}/milestones/${milestoneId}/open`).set(await as('tdkt.tinh')).send({}).expect(200);
    const bvdk = await itemOf('evaluation_%', 'CDCS-YT-BVDK');
    // Figures entered on the item page: the engine checks the type; the campaign's hook checks decimals.
    await act('canbo.yt-bvdk', bvdk!.id, { action: 'submit', data: { models_registered: 2.5 } }, 400);
    expect(await submissions()).toEqual([]);
    await act('canbo.yt-bvdk', bvdk!.id, { action: 'submit', data: { models_registered: 2 } });
    expect(await submissions()).toEqual([expect.objectContaining({ unitId: u['CDCS-YT-BVDK'], status: 'submitted', values: { models_registered: 2 } })]);
    expect((await rollup()).figures[0]).toMatchObject({ key: 'models_registered', reporting: 0 });
    // Acting out of turn: the unit's officer cannot accept its own figures; nothing is written.
    expect((await act('canbo.yt-bvdk', bvdk!.id, { action: 'approve' }, 403)).code).toBe('ROLE_REQUIRED');
    await act('giamsat.yt', bvdk!.id, { action: 'return', comment: 'Kiểm tra lại số mô hình' });
    expect(await submissions()).toEqual([expect.objectContaining({ status: 'returned', reviewComment: 'Kiểm tra lại số mô hình' })]);
    // Resubmitted on the campaign endpoint, accepted on the item.
    const resubmitted = await http().post(`/api/campaigns/${campaignId}/milestones/${milestoneId}/submissions`).set(await as('canbo.yt-bvdk')).send({ unitId: u['CDCS-YT-BVDK'], values: { models_registered: 3 } }).expect(201);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', values: { models_registered: 3 } });
    await act('giamsat.yt', bvdk!.id, { action: 'approve' });
    const [accepted] = await submissions();
    expect(accepted).toMatchObject({ status: 'accepted', values: { models_registered: 3 } });
    const figure = (await rollup()).figures[0];
    expect(figure).toMatchObject({ numerator: '3', reporting: 1 });
    const report = (await http().get(`/api/campaigns/${campaignId}/report?milestoneId=${milestoneId}&unitId=${u['LDLD-NT']}`).set(await as('chutich.tinh')).expect(200)).body;
    expect(report.figures.find((f: { key: string }) => f.key === 'models_registered')).toMatchObject({ numerator: '3', reporting: 1 });

    // The other unit goes through the campaign endpoints only: the same rows and the same item state.
    const tcyt = await itemOf('evaluation_%', 'CDCS-YT-TCYT');
    const sub = (await http().post(`/api/campaigns/${campaignId}/milestones/${milestoneId}/submissions`).set(await as('canbo.yt-tcyt')).send({ unitId: u['CDCS-YT-TCYT'], values: { models_registered: 1 } }).expect(201)).body;
    await http().post(`/api/campaigns/submissions/${sub.id}/review`).set(await as('giamsat.yt')).send({ decision: 'accept' }).expect(200);
    const rows = await submissions();
    const a = rows.find((r) => r.unitId === u['CDCS-YT-BVDK'])!;
    const b = rows.find((r) => r.unitId === u['CDCS-YT-TCYT'])!;
    expect({ status: b.status, reviewComment: b.reviewComment }).toEqual({ status: a.status, reviewComment: null });
    expect((await sql(`SELECT status, outcome, stage FROM work_item WHERE id = ANY($1::uuid[]) ORDER BY id`, [[bvdk!.id, tcyt!.id]])).map((r) => `${r.status}/${r.outcome}/${r.stage}`)).toEqual(['final/completed/done', 'final/completed/done']);
    expect(await historyActors(tcyt!.id)).toEqual(['create:system', `submit:${users['canbo.yt-tcyt']}`, `approve:${users['giamsat.yt']}`]);
    expect((await rollup()).figures[0]).toMatchObject({ numerator: '4', reporting: 2 });
  });

  it('rebuilds every projection from item history: the rebuilt records equal the live ones', async () => {
    const projections = t.app.get(CampaignProjections);
    const live = await projections.snapshot();
    expect(live.submissions.length).toBe(2);
    expect(await projections.rebuildAll()).toMatchObject({ campaignsChanged: 0, submissions: 2, submissionsRemoved: 0 });
    expect(await projections.snapshot()).toEqual(live);
    // Lose the projections entirely, then rebuild them.
    await t.dataSource.query(`DELETE FROM indicator_submission`);
    await t.dataSource.query(`UPDATE campaign SET status = 'draft'`);
    // Rows no item implies: a unit whose item was never submitted, and a unit without an item at all.
    for (const unit of ['CDCS-GD-THPT01', 'CDN-YT']) {
      await t.dataSource.query(`INSERT INTO indicator_submission (campaign_id, milestone_id, unit_id, values, scaled, status, submitted_at) VALUES ($1, $2, $3, '{}', '{}', 'accepted', now())`, [campaignId, milestoneId, u[unit]]);
    }
    expect(await projections.rebuildAll()).toMatchObject({ campaignsChanged: 1, submissions: 2, submissionsRemoved: 2 });
    const rebuilt = await projections.snapshot();
    expect(rebuilt).toEqual(live);
  });
});
