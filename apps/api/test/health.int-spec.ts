import request from 'supertest';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { startTestApp, type TestApp } from './support/test-app';
import { createApp } from '../src/app.factory';
import { testConfig } from './support/test-app';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /api/health while the process is alive', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(typeof res.body.uptimeSeconds).toBe('number');
  });

  it('answers /api/ready with each check when database and queue are reachable', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, queue: { ok: true } } });
  });

  it('answers an unknown route with a stable code, a request id and the caller language', async () => {
    const vi = await request(t.app.getHttpServer()).get('/api/khong-co').expect(404);
    expect(vi.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(vi.body).toMatchObject({
      type: 'urn:thidua:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'Không tìm thấy đường dẫn.',
      instance: '/api/khong-co',
      code: 'NOT_FOUND',
    });
    expect(vi.body.requestId).toEqual(vi.headers['x-request-id']);
    const en = await request(t.app.getHttpServer()).get('/api/nope').set('Accept-Language', 'en-US,en;q=0.9').expect(404);
    expect(en.body.detail).toBe('Route not found.');
    expect(JSON.stringify(en.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('readiness with the database down', () => {
  it('answers 503 naming the database while /api/health stays 200', async () => {
    const db = await startEmbeddedPostgres('memory://');
    const app = await createApp(testConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '2' }));
    await app.init();
    try {
      await request(app.getHttpServer()).get('/api/ready').expect(200);
      await db.stop();
      const res = await request(app.getHttpServer()).get('/api/ready').expect(503);
      expect(res.body.status).toBe('not_ready');
      expect(res.body.checks.database.ok).toBe(false);
      expect(typeof res.body.checks.database.reason).toBe('string');
      await request(app.getHttpServer()).get('/api/health').expect(200);
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
