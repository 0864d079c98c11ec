import { DemoCampaignSeeder } from '../../src/modules/campaigns/demo-campaign.seeder';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadDemoHierarchy } from './support/demo-hierarchy';

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
  });
});
