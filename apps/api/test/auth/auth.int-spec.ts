import request from 'supertest';
import { signAccessToken } from '../../src/modules/auth/jwt';
import { bearer, login, seedOrgDemo } from '../support/org-helpers';
import { loadConfig } from '../../src/config/app-config';
import { startTestApp, type TestApp } from '../support/test-app';

describe('sign-in, tokens, lockout', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    // The product's default sign-in limit (30 a minute): the other suites raise it, this one tests it.
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', LOGIN_THROTTLE_PER_MINUTE: String(loadConfig({}).auth.throttlePerMinute) });
    await seedOrgDemo(t);
  });
  afterAll(() => t.close());

  it('signs in with argon2id and answers /auth/me with own roles', async () => {
    const res = await http().post('/api/auth/login').send({ username: 'giamsat.yt', password: t.config.demoPassword }).expect(200);
    expect(res.body).toMatchObject({ expiresIn: t.config.auth.accessTokenTtlSeconds, user: { username: 'giamsat.yt', homeUnit: { code: 'CDN-YT' } } });
    expect(res.body.user.roles.map((r: { role: string; unitCode: string }) => `${r.role}@${r.unitCode}`).sort()).toEqual(['officer@CDN-YT', 'supervisor@CDN-YT']);
    const hash: Array<{ h: string }> = await t.dataSource.query(`SELECT password_hash AS h FROM app_user WHERE username = 'giamsat.yt'`);
    expect(hash[0]!.h).toMatch(/^\$argon2id\$/);
    const me = await http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.username).toBe('giamsat.yt');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const a = await http().post('/api/auth/login').send({ username: 'hoidong1', password: 'wrong-password' }).expect(401);
    const b = await http().post('/api/auth/login').send({ username: 'khong-ton-tai', password: 'wrong-password' }).expect(401);
    expect(a.body.code).toBe('INVALID_CREDENTIALS');
    expect(b.body.code).toBe('INVALID_CREDENTIALS');
    expect(a.body.detail).toBe(b.body.detail);
    await login(t, 'hoidong1'); // a success resets the failure count
  });

  it('rotates refresh tokens; reuse of a rotated token revokes the whole family', async () => {
    const s = await login(t, 'giamsat.gd');
    const r1 = await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: s.refreshToken }).expect(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    await http().get('/api/auth/me').set(bearer(r1.body.accessToken)).expect(200);
    const r2 = await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: r1.body.refreshToken }).expect(200);
    // The first token again: theft assumed, the family (including r2's token) ends.
    const reuse = await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: s.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('UNAUTHENTICATED');
    await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: r2.body.refreshToken }).expect(401);
    const rows: Array<{ n: string }> = await t.dataSource.query(
      `SELECT count(*) AS n FROM refresh_token t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'giamsat.gd' AND t.revoked_at IS NULL`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('revokes the refresh token at logout', async () => {
    const s = await login(t, 'giamsat.vc');
    const r1 = await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: s.refreshToken }).expect(200);
    await http().post('/api/auth/logout').send({ refreshToken: r1.body.refreshToken }).expect(204);
    await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: r1.body.refreshToken }).expect(401);
    await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: 'not-a-token-at-all' }).expect(401);
  });

  it('answers TOKEN_EXPIRED for an expired access token and UNAUTHENTICATED for a forged one', async () => {
    const s = await login(t, 'giamsat.kcn');
    const expired = signAccessToken(s.userId, t.config.auth.jwtSecret, 60, new Date(Date.now() - 3600_000));
    expect((await http().get('/api/auth/me').set(bearer(expired)).expect(401)).body.code).toBe('TOKEN_EXPIRED');
    const forged = signAccessToken(s.userId, 'another-secret-another-secret-another-secret', 60);
    expect((await http().get('/api/auth/me').set(bearer(forged)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/api/auth/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('locks the account after LOGIN_MAX_FAILURES failures, even for the right password, and audits it', async () => {
    for (let i = 0; i < 2; i += 1) await http().post('/api/auth/login').send({ username: 'canbo.tb-vp', password: 'wrong-password' }).expect(401);
    const third = await http().post('/api/auth/login').send({ username: 'canbo.tb-vp', password: 'wrong-password' }).expect(423);
    expect(third.body.code).toBe('ACCOUNT_LOCKED');
    expect(third.body.detail).toContain('15');
    const right = await http().post('/api/auth/login').send({ username: 'canbo.tb-vp', password: t.config.demoPassword }).expect(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    const audit: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'user.locked'`);
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it('lets users change their own password (current one required) and ends their sessions', async () => {
    const s = await login(t, 'canbo.nt-cq');
    await http().post('/api/auth/password').set(bearer(s)).send({ currentPassword: 'wrong-wrong', newPassword: 'Mat-khau-moi-2026' }).expect(400);
    await http().post('/api/auth/password').set(bearer(s)).send({ currentPassword: t.config.demoPassword, newPassword: 'Mat-khau-moi-2026' }).expect(204);
    await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: s.refreshToken }).expect(401);
    await http().post('/api/auth/login').send({ username: 'canbo.nt-cq', password: t.config.demoPassword }).expect(401);
    await login(t, 'canbo.nt-cq', 'Mat-khau-moi-2026');
  });

  it('lets an admin reset a password: the account unlocks and the new password works', async () => {
    const admin = await login(t, 'admin');
    const target: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'canbo.tb-vp'`);
    const res = await http().post(`/api/users/${target[0]!.id}/password-reset`).set(bearer(admin)).expect(200);
    await login(t, 'canbo.tb-vp', res.body.temporaryPassword);
  });

  // Each refused unknown user still costs an argon2id verification: 30 of them take seconds on a busy machine.
  it('throttles sign-in attempts per address (429), 30 a minute by default', async () => {
    expect(t.config.auth.throttlePerMinute).toBe(30);
    let last = 0;
    for (let i = 0; i < t.config.auth.throttlePerMinute + 2 && last !== 429; i += 1) {
      last = (await http().post('/api/auth/login').send({ username: `nobody${i}`, password: 'x' })).status;
    }
    expect(last).toBe(429);
    const res = await http().post('/api/auth/login').send({ username: 'admin', password: t.config.demoPassword }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
  }, 30_000);
});
