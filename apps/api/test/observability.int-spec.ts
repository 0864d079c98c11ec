import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MAIL_TRANSPORT, type LogMailTransport } from '../src/modules/notifications';
import { OpsServer } from '../src/modules/health';
import type { TestApp } from './support/test-app';
import { createUsers, PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, waitFor } from './workflow/workflow-test-kit';

const TOKEN = 'metrics-token-0123456789';

describe('observability: metrics, the ops listener, request ids into outbox rows, jobs and mails', () => {
  let t: TestApp;
  let adminDir: string;
  beforeAll(async () => {
    adminDir = mkdtempSync(join(tmpdir(), 'thidua-admin-'));
    writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>admin</title>');
    writeFileSync(join(adminDir, 'logo.txt'), 'logo');
    // Never served: the API's paths are not looked up among the admin's files.
    mkdirSync(join(adminDir, 'api'));
    writeFileSync(join(adminDir, 'api', 'health'), 'a file');
    // The whole application (health module included), with the demo hierarchy and workflows loaded.
    const previous = process.env.WF_FULL_APP;
    process.env.WF_FULL_APP = '1';
    try {
      t = await startWorkflowApp({ METRICS_TOKEN: TOKEN, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', ADMIN_DIST_DIR: adminDir });
    } finally {
      process.env.WF_FULL_APP = previous;
    }
    await createUsers(t, 'obsv', 1, 'officer', 'CDCS-YT-CDC');
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves Prometheus metrics at /api/metrics only with the bearer token', async () => {
    const server = t.app.getHttpServer();
    await request(server).get('/api/health').expect(200);
    const missing = await request(server).get('/api/metrics').expect(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    await request(server).get('/api/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    const res = await request(server).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    // Latency by route template, never by concrete path.
    expect(text).toMatch(/thidua_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/);
    expect(text).toMatch(/thidua_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/thidua_queue_jobs\{state="waiting"\} \d+/);
    expect(text).toMatch(/thidua_outbox_pending \d+/);
    expect(text).toMatch(/thidua_outbox_lag_seconds [\d.]+/);
    expect(text).toMatch(/thidua_timers_due \d+/);
    expect(text).toContain('# TYPE thidua_scheduler_passes_total counter');
    expect(text).toContain('# TYPE thidua_job_failures_total counter');
    expect(text).toMatch(/thidua_process_resident_memory_bytes \d+/);
  });

  it('counts a route with parameters under its template', async () => {
    const server = t.app.getHttpServer();
    await request(server).get('/api/items/00000000-0000-4000-8000-000000000000').expect(401);
    const text = (await request(server).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    expect(text).toContain('route="/api/items/:id",status="401"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('answers /metrics and /health on the API port with a 404 problem, not the admin page', async () => {
    const server = t.app.getHttpServer();
    for (const path of ['/metrics', '/health', '/ready']) {
      const res = await request(server).get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const page = await request(server).get('/campaigns').expect(200);
    expect(page.text).toContain('<title>admin</title>');
    expect((await request(server).get('/logo.txt').expect(200)).text).toBe('logo');
    expect((await request(server).get('/api/health').expect(200)).text).not.toBe('a file');
  });

  it('serves metrics, liveness and readiness on the ops listener (METRICS_PORT)', async () => {
    const port = t.app.get(OpsServer, { strict: false }).port();
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('thidua_dependency_up');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', role: 'all' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('carries the request id into the outbox rows, the jobs made from them and the mails they send', async () => {
    const officer = await signIn(t.app, 'obsv1');
    const unitId = await unitIdByCode(t, 'CDCS-YT-CDC');
    const item = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Theo dõi', data: PLAN_DATA }).expect(201)).body;
    // Whoever the submission notifies gets an e-mail too.
    await t.dataSource.query(`UPDATE app_user SET email = username || '@example.test' WHERE email IS NULL`);
    const requestId = `obs-${Date.now()}`;
    await officer.post(`/api/items/${item.id}/actions`, { action: 'submit' }, { 'X-Request-Id': requestId }).expect(200);
    const rows: Array<{ topic: string; payload: Record<string, unknown> }> = await t.dataSource.query(
      `SELECT topic, payload FROM outbox WHERE payload->>'requestId' = $1`,
      [requestId],
    );
    expect(rows.length).toBeGreaterThan(0);
    const mail = t.app.get<LogMailTransport>(MAIL_TRANSPORT, { strict: false });
    const sent = await waitFor(async () => mail.sent.find((m) => m.headers?.['X-Request-Id'] === requestId), 'a mail naming the request');
    expect(sent.to).toContain('@');
  });
});
