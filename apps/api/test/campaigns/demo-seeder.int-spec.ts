import { CampaignsService } from '../../src/modules/campaigns/campaigns.service';
import { DemoCampaignSeeder } from '../../src/modules/campaigns/demo-campaign.seeder';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadDemoHierarchy, principalOf } from './support/demo-hierarchy';

describe(`demo campaign seeder (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoHierarchy(t);
  });
  afterAll(async () => t.close());

  it('loads the Ninh Thuận campaign in progress through the services, once', async () => {
    const seeder = t.app.get(DemoCampaignSeeder);
    expect((await seeder.seed()).created).toBeGreaterThan(1);
    expect((await seeder.seed()).created).toBe(0);
    const [c] = await t.dataSource.query(`SELECT c.status, d.symbol, d.signed_on::text AS signed FROM campaign c JOIN official_document d ON d.id = c.plan_document_id WHERE c.code = 'VHCS-2019-2025'`);
    expect(c).toEqual({ status: 'launched', symbol: '72/KH-LĐLĐ', signed: '2019-11-13' });
    const rows: Array<{ status: string; n: number }> = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM indicator_submission GROUP BY status ORDER BY status`);
    expect(rows).toEqual([{ status: 'accepted', n: 3 }, { status: 'returned', n: 1 }, { status: 'submitted', n: 1 }]);
    // On the runtime: the launch item, its fan-out done, every upper union and grassroots union reached.
    const [camp] = await t.dataSource.query(`SELECT id, launch_item_id FROM campaign WHERE code = 'VHCS-2019-2025'`);
    const [launch] = await t.dataSource.query(`SELECT workflow_key, stage, campaign_id, cascade->>'status' AS cs FROM work_item WHERE id = $1`, [camp.launch_item_id]);
    // Every upper union acknowledged (join: 80%), so the launch has completed; its children stay open.
    expect(launch).toEqual({ workflow_key: 'launch', stage: 'completed', campaign_id: camp.id, cs: 'done' });
    const view = await t.app.get(CampaignsService).cascade(await principalOf(t.dataSource, 'chutich.tinh'), camp.id);
    expect(view.upperUnions).toEqual({ total: 11, reached: 11, acknowledged: 11 });
    expect(view.grassroots.total).toBeGreaterThan(100);
    expect(view.grassroots.reached).toBe(view.grassroots.total);
    expect(view.unitsReached).toBe(view.unitsTotal);
    expect(view.grassroots).toMatchObject({ submitted: 9, approved: 5, returned: 1 });
    const [noCampaign] = await t.dataSource.query(`SELECT count(*)::int AS n FROM work_item WHERE campaign_id IS NULL`);
    expect(noCampaign.n).toBe(0);
    const [dup] = await t.dataSource.query(`SELECT count(*)::int AS n FROM (SELECT unit_id FROM work_item WHERE workflow_key = 'unit_plan' GROUP BY unit_id HAVING count(*) > 1) x`);
    expect(dup.n).toBe(0);
  });
});
