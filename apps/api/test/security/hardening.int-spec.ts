import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { verifyAuditChain } from '../../src/common/audit/audit-chain';
import { AuditService } from '../../src/common/audit/audit.service';
import { SessionVersionService } from '../../src/modules/auth';
import { bearer, login, seedOrgDemo } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/** Cookies of a response as name → full Set-Cookie line. */
function cookiesOf(res: request.Response): Record<string, string> {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return Object.fromEntries((raw ?? []).map((c) => [c.split('=')[0]!, c]));
}
function cookieValue(line: string): string {
  return line.split(';')[0]!.split('=').slice(1).join('=');
}

describe('security hardening (issue 13): headers, input, sessions, passwords, audit chain', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp({ SESSION_CACHE_TTL_MS: '60000', API_DOCS_ENABLED: 'false' });
    await seedOrgDemo(t);
  });
  afterAll(() => t.close());

  it('sends helmet headers with a CSP forbidding framing, nosniff, a referrer policy, and no X-Powered-By', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('does not serve the API docs UI when API_DOCS_ENABLED=false', async () => {
    await http().get('/api/docs').expect(404);
  });

  describe('invalid text is refused with 400 INVALID_TEXT before any handler', () => {
    it('a NUL byte in the sign-in user name (JSON body)', async () => {
      const res = await http().post('/api/auth/login').send({ username: 'ad\u0000min', password: 'x' }).expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_TEXT', fields: [{ path: 'body.username', reason: 'invalid_text' }] });
      expect(res.body.detail).toMatch(/không hợp lệ/);
    });

    it('a lone surrogate sent as a JSON escape, in a key or a value', async () => {
      const body = '{"username":"\\ud800abc","password":"x"}';
      const res = await http().post('/api/auth/login').set('Content-Type', 'application/json').send(body).expect(400);
      expect(res.body.code).toBe('INVALID_TEXT');
      const key = '{"\\udfff":"1","username":"a","password":"x"}';
      expect((await http().post('/api/auth/login').set('Content-Type', 'application/json').send(key).expect(400)).body.code).toBe('INVALID_TEXT');
    });

    it('NUL, broken UTF-8 and lone surrogates in the query string and the path', async () => {
      const s = await login(t, 'admin');
      for (const url of ['/api/units?q=%00', '/api/units?q=%ED%A0%80', '/api/units?q=%FF', '/api/units/%00', '/api/units/%ED%A0%80x']) {
        const res = await http().get(url).set(bearer(s));
        expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 400, code: 'INVALID_TEXT' });
      }
      // Ordinary Vietnamese text passes.
      await http().get(`/api/units?q=${encodeURIComponent('Ninh Thuận')}`).set(bearer(s)).expect(200);
    });
  });

  describe('sessions', () => {
    it('puts the refresh token in an httpOnly SameSite=Strict cookie scoped to /api/auth, never in the body', async () => {
      const res = await http().post('/api/auth/login').send({ username: 'hoidong1', password: t.config.demoPassword }).expect(200);
      expect(res.body.refreshToken).toBeUndefined();
      expect(res.body.accessToken).toEqual(expect.any(String));
      const c = cookiesOf(res);
      expect(c.thidua_refresh).toMatch(/HttpOnly/);
      expect(c.thidua_refresh).toMatch(/SameSite=Strict/);
      expect(c.thidua_refresh).toMatch(/Path=\/api\/auth/);
      expect(c.thidua_refresh).not.toMatch(/Secure/); // plain http here; https (req.secure) adds Secure
      expect(c.thidua_csrf).toMatch(/SameSite=Strict/);
      expect(c.thidua_csrf).not.toMatch(/HttpOnly/);
    });

    it('refreshes from the cookie only with the CSRF header matching the CSRF cookie', async () => {
      const res = await http().post('/api/auth/login').send({ username: 'hoidong1', password: t.config.demoPassword }).expect(200);
      const c = cookiesOf(res);
      const jar = `thidua_refresh=${cookieValue(c.thidua_refresh!)}; thidua_csrf=${cookieValue(c.thidua_csrf!)}`;
      expect((await http().post('/api/auth/refresh').set('Cookie', jar).send({}).expect(403)).body.code).toBe('CSRF_REJECTED');
      expect((await http().post('/api/auth/refresh').set('Cookie', jar).set('X-CSRF-Token', 'forged').send({}).expect(403)).body.code).toBe('CSRF_REJECTED');
      const ok = await http().post('/api/auth/refresh').set('Cookie', jar).set('X-CSRF-Token', cookieValue(c.thidua_csrf!)).send({}).expect(200);
      expect(ok.body.refreshToken).toBeUndefined();
      expect(cookieValue(cookiesOf(ok).thidua_refresh!)).not.toBe(cookieValue(c.thidua_refresh!));
    });

    it('ends access tokens at once at sign-out (the 15-minute token is refused on the next request)', async () => {
      const s = await login(t, 'giamsat.yt');
      await http().get('/api/auth/me').set(bearer(s)).expect(200);
      await http().post('/api/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      expect((await http().get('/api/auth/me').set(bearer(s)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    });

    it('ends access tokens at once after a password change', async () => {
      const s = await login(t, 'canbo.nt-cq');
      await http().post('/api/auth/password').set(bearer(s)).send({ currentPassword: t.config.demoPassword, newPassword: 'Ngọn-đèn-xanh-bên-sông-2026' }).expect(204);
      await http().get('/api/auth/me').set(bearer(s)).expect(401);
      await login(t, 'canbo.nt-cq', 'Ngọn-đèn-xanh-bên-sông-2026');
    });

    it('ends access tokens after disabling the user or changing their roles (database triggers bump the version)', async () => {
      const s = await login(t, 'giamsat.gd');
      await http().get('/api/auth/me').set(bearer(s)).expect(200);
      const before: Array<{ v: number }> = await t.dataSource.query(`SELECT session_version AS v FROM app_user WHERE id = $1`, [s.userId]);
      await t.dataSource.query(`UPDATE role_assignment SET valid_to = valid_to WHERE user_id = $1`, [s.userId]);
      const after: Array<{ v: number }> = await t.dataSource.query(`SELECT session_version AS v FROM app_user WHERE id = $1`, [s.userId]);
      expect(after[0]!.v).toBeGreaterThan(before[0]!.v);
      // Another process's cache would see it within SESSION_CACHE_TTL_MS; this test's TTL is 60 s, so drop it as that bound would.
      t.app.get(SessionVersionService).invalidate(s.userId);
      await http().get('/api/auth/me').set(bearer(s)).expect(401);

      const d = await login(t, 'giamsat.gd');
      await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [d.userId]);
      t.app.get(SessionVersionService).invalidate(d.userId);
      await http().get('/api/auth/me').set(bearer(d)).expect(401);
      await t.dataSource.query(`UPDATE app_user SET status = 'active' WHERE id = $1`, [d.userId]);
    });
  });

  describe('passwords', () => {
    it.each([
      ['aaaaaaaaaaaa', 'password_weak'],
      ['password12', 'password_too_short'],
      ['password1234', 'password_common'],
      ['qwertyuiop12', 'password_common'],
      ['ThiDua@2027', 'password_too_short'],
      ['matkhau12345', 'password_weak'],
      ['congdoan2026', 'password_weak'],
    ])('refuses %s (%s) with WEAK_PASSWORD and a Vietnamese reason', async (pw, reason) => {
      const s = await login(t, 'canbo.tb-vp');
      const res = await http().post('/api/auth/password').set(bearer(s)).send({ currentPassword: t.config.demoPassword, newPassword: pw }).expect(400);
      expect(res.body).toMatchObject({ code: 'WEAK_PASSWORD', fields: [{ path: 'body.newPassword', reason }] });
      expect(res.body.fields[0].message).toMatch(/Mật khẩu/);
      const en = await http().post('/api/auth/password').set(bearer(s)).set('Accept-Language', 'en').send({ currentPassword: t.config.demoPassword, newPassword: pw }).expect(400);
      expect(en.body.fields[0].message).toMatch(/password/i);
    });

    it('rehashes at sign-in a hash made with other argon2 parameters (OWASP m=7 MiB, t=5, p=1), the previous m=19 MiB t=2 included', async () => {
      const old = await argon2.hash(t.config.demoPassword, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 4 });
      await t.dataSource.query(`UPDATE app_user SET password_hash = $1 WHERE username = 'tdkt.tinh'`, [old]);
      const s = await login(t, 'tdkt.tinh');
      const rows: Array<{ h: string }> = await t.dataSource.query(`SELECT password_hash AS h FROM app_user WHERE username = 'tdkt.tinh'`);
      expect(rows[0]!.h).toMatch(/^\$argon2id\$v=19\$m=7168,p=1,t=5\$/);
      // Same password, so the session is not ended by the rehash.
      await http().get('/api/auth/me').set(bearer(s)).expect(200);
      await login(t, 'tdkt.tinh');
      // A hash of the previous setting (m=19456 t=2) is upgraded too.
      const previous = await argon2.hash(t.config.demoPassword, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
      await t.dataSource.query(`UPDATE app_user SET password_hash = $1 WHERE username = 'tdkt.tinh'`, [previous]);
      await login(t, 'tdkt.tinh');
      const again: Array<{ h: string }> = await t.dataSource.query(`SELECT password_hash AS h FROM app_user WHERE username = 'tdkt.tinh'`);
      expect(again[0]!.h).toMatch(/^\$argon2id\$v=19\$m=7168,p=1,t=5\$/);
    });
  });

  describe('audit chain', () => {
    it('chains every row to the previous one, also under concurrent writers, and names the first tampered row', async () => {
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          t.dataSource.transaction((m) => audit.record(m, { action: 'unit.updated', entityType: 'unit', entityId: `concurrent-${i}`, details: { i } })),
        ),
      );
      const intact = await verifyAuditChain(t.dataSource, 7);
      expect(intact.ok).toBe(true);
      expect(intact.rows).toBeGreaterThan(24);

      // The owner (who may bypass the append-only trigger) rewrites one row: the chain says where.
      const victim: Array<{ id: string; seq: string }> = await t.dataSource.query(
        `SELECT id::text AS id, chain_seq::text AS seq FROM audit_log WHERE entity_id = 'concurrent-5'`,
      );
      await t.dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      try {
        await t.dataSource.query(`UPDATE audit_log SET details = '{"i": 99}' WHERE id = $1`, [victim[0]!.id]);
        const broken = await verifyAuditChain(t.dataSource);
        expect(broken).toMatchObject({ ok: false, firstBroken: { id: victim[0]!.id, chainSeq: victim[0]!.seq, reason: 'hash_mismatch' } });
        await t.dataSource.query(`UPDATE audit_log SET details = '{"i": 5}' WHERE id = $1`, [victim[0]!.id]);
        expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
        // A deleted row breaks the link of the next one.
        const last: Array<{ seq: string }> = await t.dataSource.query(`SELECT max(chain_seq)::text AS seq FROM audit_log`);
        await t.dataSource.query(`DELETE FROM audit_log WHERE chain_seq = $1::bigint - 1`, [last[0]!.seq]);
        expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: false, firstBroken: { chainSeq: last[0]!.seq, reason: 'sequence_gap' } });
      } finally {
        await t.dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
      }
    });
  });
});

describe('rate limits', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '15', LOGIN_THROTTLE_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After past the global limit, across routes; probes are not counted', async () => {
    for (let i = 0; i < 30; i += 1) await http().get('/api/health').expect(200);
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 20; i += 1) {
      const res = await http().get(i % 2 ? '/api/auth/me' : '/api/units');
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(15);
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits sign-in attempts per address with 429 TOO_MANY_ATTEMPTS and Retry-After', async () => {
    const t2 = await startTestApp({ LOGIN_THROTTLE_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i += 1) await request(t2.app.getHttpServer()).post('/api/auth/login').send({ username: `nobody${i}`, password: 'x' }).expect(401);
      const res = await request(t2.app.getHttpServer()).post('/api/auth/login').send({ username: 'nobody9', password: 'x' }).expect(429);
      expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t2.close();
    }
  });

  (process.env.REDIS_URL ? it : it.skip)('shares the counters between processes through Redis (REDIS_URL)', async () => {
    const prefix = `test-shared:${randomUUID()}:`;
    const a = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_KEY_PREFIX: prefix });
    const b = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_KEY_PREFIX: prefix });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 14; i += 1) statuses.push((await request((i % 2 ? a : b).app.getHttpServer()).get('/api/auth/me')).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
