import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('per-IP sign-in throttle from LOGIN_THROTTLE_PER_MINUTE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_THROTTLE_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('refuses the attempt after the configured number with 429 TOO_MANY_ATTEMPTS', async () => {
    expect(t.config.auth.throttlePerMinute).toBe(3);
    const http = () => request(t.app.getHttpServer());
    for (let i = 0; i < 3; i += 1) await http().post('/api/auth/login').send({ username: `nobody${i}`, password: 'x' }).expect(401);
    const res = await http().post('/api/auth/login').send({ username: 'nobody9', password: 'x' }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
