import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { bearer, seedOrgDemo } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Sign-in with OpenID Connect against a real provider (`oidc-provider`, started by this suite in its own process):
 * the browser's part (start, the provider's login, the redirect back) is played with fetch and a cookie jar.
 */
const CLIENT_ID = 'thidua-flow';
const CLIENT_SECRET = 'test-client-secret-0123456789abcdef';
const REDIRECT = 'http://127.0.0.1:4501/sign-in';

interface Provider {
  issuer: string;
  proc: ChildProcess;
  control(path: 'login-as' | 'tamper', body: unknown): Promise<void>;
}

async function startProvider(): Promise<Provider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const accounts = {
    'sub-giamsat-yt': { preferred_username: 'GiamSat.YT', email: 'giamsat.yt@example.vn', email_verified: true },
    'sub-giamsat-gd': { preferred_username: 'giamsat.gd', email: 'giamsat.gd@example.vn', email_verified: true },
    'sub-stranger': { preferred_username: 'nguoi.la', email: 'nguoi.la@example.vn', email_verified: true },
    'sub-no-username': { email: 'x@example.vn', email_verified: true },
  };
  const proc = spawn(process.execPath, [join(__dirname, 'support/oidc-test-provider.mjs')], {
    env: { ...process.env, NODE_OPTIONS: '', OIDC_TEST_PROVIDER: JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT, postLogoutRedirectUri: REDIRECT, signingKey, accounts }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test provider did not start: ${stderr}`)), 20_000);
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    proc.once('exit', (code) => reject(new Error(`test provider exited ${code}: ${stderr}`)));
  });
  return {
    issuer,
    proc,
    control: async (path, body) => {
      const res = await fetch(`${issuer}/__test/${path}`, { method: 'POST', body: JSON.stringify(body) });
      if (res.status !== 204) throw new Error(`control ${path}: ${res.status}`);
    },
  };
}

/** Follows the provider's redirects (keeping its cookies) until it sends the browser back to REDIRECT. */
async function signInAtProvider(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')).trim(), pair!.slice(pair!.indexOf('=') + 1).trim()];
      if (value === '' || attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status} at ${url}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT)) return next;
    url = next.href;
  }
  throw new Error('too many redirects at the provider');
}

describe('sign-in with OpenID Connect (oidc-provider as the province)', () => {
  let idp: Provider;
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    idp = await startProvider();
    // The redirect and post-logout URLs default to PUBLIC_URL's sign-in page.
    t = await startTestApp({ OIDC_ISSUER_URL: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, PUBLIC_URL: 'http://127.0.0.1:4501/' });
    await seedOrgDemo(t);
  });
  afterAll(async () => {
    await t?.close();
    idp?.proc.kill('SIGTERM');
  });

  /** start → provider login as `accountId` → back at the sign-in page with code and state. */
  async function runFlow(accountId: string): Promise<{ cookie: string; code: string; state: string; authorizationUrl: URL }> {
    const started = await http().post('/api/auth/oidc/start').expect(200);
    const cookie = (started.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('thidua_oidc='))!.split(';')[0]!;
    const authorizationUrl = new URL(started.body.authorizationUrl as string);
    await idp.control('login-as', { accountId });
    const back = await signInAtProvider(authorizationUrl.href);
    return { cookie, code: back.searchParams.get('code')!, state: back.searchParams.get('state')!, authorizationUrl };
  }

  const callback = (flow: { cookie: string; code: string; state: string }) =>
    http().post('/api/auth/oidc/callback').set('Cookie', flow.cookie).set('X-Token-Transport', 'body').send({ code: flow.code, state: flow.state });

  it('tells the sign-in page that single sign-on is configured', async () => {
    expect((await http().get('/api/auth/oidc/status').expect(200)).body).toEqual({ enabled: true });
  });

  it('runs the whole code flow with PKCE and ends with the product tokens of the linked user, audited', async () => {
    const flow = await runFlow('sub-giamsat-yt');
    expect(flow.authorizationUrl.origin).toBe(idp.issuer);
    expect(flow.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(flow.authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    expect(flow.state).toBe(flow.authorizationUrl.searchParams.get('state'));
    const res = await callback(flow).expect(200);
    // Matched on preferred_username, case-insensitively; the roles are the product's.
    expect(res.body.user.username).toBe('giamsat.yt');
    expect(res.body.user.roles.map((r: { role: string; unitCode: string }) => `${r.role}@${r.unitCode}`).sort()).toEqual(['officer@CDN-YT', 'supervisor@CDN-YT']);
    expect(res.body.expiresIn).toBe(t.config.auth.accessTokenTtlSeconds);
    const setCookies = res.headers['set-cookie'] as unknown as string[];
    expect(setCookies.some((c) => c.startsWith('thidua_refresh='))).toBe(true);
    expect(setCookies.some((c) => /^thidua_oidc=;/.test(c))).toBe(true);
    expect((await http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200)).body.username).toBe('giamsat.yt');
    // The refresh token rotates like a password session's, and sign-out ends it.
    const r1 = await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: res.body.refreshToken }).expect(200);
    await http().post('/api/auth/logout').send({ refreshToken: r1.body.refreshToken }).expect(204);
    await http().get('/api/auth/me').set(bearer(r1.body.accessToken)).expect(401);
    const audit: Array<{ details: Record<string, unknown> }> = await t.dataSource.query(
      `SELECT l.details FROM audit_log l JOIN app_user u ON u.id::text = l.entity_id WHERE l.action = 'user.signed_in' AND u.username = 'giamsat.yt'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ method: 'oidc', issuer: idp.issuer, subject: 'sub-giamsat-yt', linkBy: 'username' });
  });

  it('refuses a state that is not the one this browser started, and a callback without the flow cookie', async () => {
    const flow = await runFlow('sub-giamsat-yt');
    const wrong = await callback({ ...flow, state: 'another-state' }).expect(400);
    expect(wrong.body).toMatchObject({ code: 'OIDC_STATE_INVALID', details: { reason: 'state_mismatch' } });
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const none = await http().post('/api/auth/oidc/callback').send({ code: flow.code, state: flow.state }).expect(400);
    expect(none.body).toMatchObject({ code: 'OIDC_STATE_INVALID', details: { reason: 'no_flow' } });
    const altered = await callback({ ...flow, cookie: `${flow.cookie.slice(0, -4)}AAAA` }).expect(400);
    expect(altered.body.code).toBe('OIDC_STATE_INVALID');
  });

  it('refuses a code used twice (the provider redeems it once)', async () => {
    const flow = await runFlow('sub-giamsat-yt');
    await callback(flow).expect(200);
    const again = await callback(flow).expect(401);
    expect(again.body.code).toBe('OIDC_CODE_REJECTED');
  });

  it.each([
    ['nonce', 'nonce'],
    ['expired', 'expired'],
    ['forged', 'signature'],
    ['audience', 'audience'],
    ['issuer', 'issuer'],
  ])('refuses an ID token with a %s problem (reason %s) and issues nothing', async (mode, reason) => {
    const before: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM refresh_token`);
    const flow = await runFlow('sub-giamsat-yt');
    await idp.control('tamper', { mode });
    const res = await callback(flow).expect(401);
    expect(res.body).toMatchObject({ code: 'OIDC_ID_TOKEN_INVALID', details: { reason } });
    const after: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM refresh_token`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses a provider account that matches no user, or lacks the claim, in Vietnamese and English; nobody is created', async () => {
    const users: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM app_user`);
    const vi = await callback(await runFlow('sub-stranger')).expect(403);
    expect(vi.body).toMatchObject({ code: 'OIDC_ACCOUNT_NOT_LINKED', details: { reason: 'no_match' } });
    expect(vi.body.detail).toContain('chưa được liên kết');
    const flow = await runFlow('sub-stranger');
    const en = await http().post('/api/auth/oidc/callback').set('Cookie', flow.cookie).set('Accept-Language', 'en').send({ code: flow.code, state: flow.state }).expect(403);
    expect(en.body.detail).toBe('This provincial account is not linked to any ThiĐua Flow user. Please contact your administrator.');
    const missing = await callback(await runFlow('sub-no-username')).expect(403);
    expect(missing.body).toMatchObject({ code: 'OIDC_ACCOUNT_NOT_LINKED', details: { reason: 'missing_claim' } });
    expect((await t.dataSource.query(`SELECT count(*) AS n FROM app_user`))[0].n).toBe(users[0]!.n);
  });

  it('refuses the linked user when their account is disabled', async () => {
    await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE username = 'giamsat.gd'`);
    const res = await callback(await runFlow('sub-giamsat-gd')).expect(403);
    expect(res.body.code).toBe('OIDC_ACCOUNT_DISABLED');
    const audit: Array<{ n: string }> = await t.dataSource.query(
      `SELECT count(*) AS n FROM audit_log l JOIN app_user u ON u.id::text = l.entity_id WHERE l.action = 'user.signed_in' AND u.username = 'giamsat.gd'`,
    );
    expect(Number(audit[0]!.n)).toBe(0);
  });

  it("answers the provider's end-session URL for sign-out", async () => {
    const res = await http().get('/api/auth/oidc/end-session').expect(200);
    const url = new URL(res.body.url as string);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(REDIRECT);
    // The provider accepts it (a registered client and post-logout URL): its sign-out page, not an error.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('logout');
  });

  it('keeps password sign-in working beside it', async () => {
    await http().post('/api/auth/login').send({ username: 'giamsat.yt', password: t.config.demoPassword }).expect(200);
  });
});
