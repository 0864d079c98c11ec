import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { login, seedOrgDemo } from '../support/org-helpers';
import { resetDatabase, testConfig, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * The application connected as DATABASE_APP_URL's role: migrations ran as the owner, the app role
 * may INSERT and SELECT the history tables and nothing more. Needs a real PostgreSQL server (roles
 * and password logins): skipped on the embedded engine.
 */
const onPostgres = process.env.TEST_DB_KIND === 'postgres';

(onPostgres ? describe : describe.skip)('the application database role (DATABASE_APP_URL)', () => {
  let t: TestApp;
  let appUrl: string;
  let app: Client;
  beforeAll(async () => {
    const owner = new URL(process.env.TEST_DATABASE_URL!);
    const u = new URL(owner.toString());
    u.username = 'thidua_app_test';
    u.password = 'app-role-test-password';
    appUrl = u.toString();
    // Emptied as the owner first: the app role may not TRUNCATE (that is the point).
    const ownerDs = new DataSource({ type: 'postgres', url: owner.toString() });
    await ownerDs.initialize();
    await resetDatabase(ownerDs).catch(() => undefined);
    await ownerDs.destroy();
    const config = testConfig({ DATABASE_APP_URL: appUrl });
    const nest = await createApp(config);
    await nest.init();
    t = { app: nest, config, dataSource: nest.get(DataSource), close: () => nest.close() };
    await seedOrgDemo(t);
    app = new Client({ connectionString: appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  it('runs the application as that role', async () => {
    const rows: Array<{ u: string }> = await t.dataSource.query(`SELECT current_user AS u`);
    expect(rows[0]!.u).toBe('thidua_app_test');
    // The app works: sign-in writes audit rows through the chain trigger.
    await login(t, 'admin');
    await request(t.app.getHttpServer()).get('/api/health').expect(200);
  });

  it('may insert and read audit rows', async () => {
    await app.query(`INSERT INTO audit_log (action, entity_type, entity_id, details) VALUES ('unit.updated', 'unit', 'x', '{}')`);
    const r = await app.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(r.rows[0].n).toBeGreaterThan(0);
  });

  it('may make the history partitions ahead through the owner\'s function, not by itself', async () => {
    const r = await app.query(`SELECT ensure_history_partitions(4) AS made`);
    expect(r.rows[0].made).toBeGreaterThanOrEqual(0);
    const owner = await app.query(`SELECT pg_get_userbyid(c.relowner) AS o FROM pg_class c WHERE c.relname = 'audit_log_default'`);
    expect(owner.rows[0].o).not.toBe('thidua_app_test');
  });

  it.each([
    ['TRUNCATE audit_log', /permission denied/],
    ['TRUNCATE work_item_event', /permission denied/],
    [`UPDATE audit_log SET action = 'x'`, /permission denied/],
    ['DELETE FROM audit_log', /permission denied/],
    [`UPDATE work_item_event SET event = 'x'`, /permission denied/],
    ['DELETE FROM work_item_event', /permission denied/],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', /must be owner/],
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner/],
    ['DROP TRIGGER audit_log_chain ON audit_log', /must be owner/],
    ['SET session_replication_role = replica', /permission denied/],
    ['DELETE FROM schema_migrations', /permission denied/],
    // The month partitions (issue 17): the app role may not touch them directly either.
    ['DELETE FROM audit_log_default', /permission denied/],
    [`UPDATE work_item_event_default SET event = 'x'`, /permission denied/],
    ['ALTER TABLE audit_log DETACH PARTITION audit_log_default', /must be owner/],
    ['DROP TABLE work_item_event_default', /must be owner/],
    ['CREATE TABLE audit_log_p209901 PARTITION OF audit_log FOR VALUES FROM (\'2099-01-01\') TO (\'2099-02-01\')', /must be owner|permission denied/],
    ['UPDATE history_archive SET sha256 = \'x\'', /permission denied/],
  ])('refuses %s', async (sql, message) => {
    await expect(app.query(sql)).rejects.toThrow(message);
  });
});
