import request from 'supertest';
import { PrincipalCache } from '../../src/modules/auth';
import { bearer, login, seedOrgDemo, unitId, userId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * The auth guard's principal cache (issue 17, line 1): keyed by user and session version, so it is only as safe
 * as the bumps. Every change of what a principal is made of must count on the very next request. The session
 * version cache's TTL is 60 s here, so nothing below passes because an entry merely expired.
 */
describe('principal cache: revoked roles and delegations count on the next request', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const version = async (id: string): Promise<number> =>
    ((await t.dataSource.query(`SELECT session_version AS v FROM app_user WHERE id = $1`, [id])) as Array<{ v: number }>)[0]!.v;
  const adminUnit = async (): Promise<string> =>
    ((await t.dataSource.query(`SELECT ra.unit_id AS id FROM role_assignment ra JOIN app_user a ON a.id = ra.user_id WHERE a.username = 'admin' AND ra.role = 'admin' LIMIT 1`)) as Array<{ id: string }>)[0]!.id;

  beforeAll(async () => {
    t = await startTestApp({ SESSION_CACHE_TTL_MS: '60000', API_DOCS_ENABLED: 'false' });
    await seedOrgDemo(t);
  });
  afterAll(() => t.close());

  it('answers repeated requests from the cache (no principal read)', async () => {
    const s = await login(t, 'giamsat.yt');
    const cache = t.app.get(PrincipalCache);
    await http().get('/api/auth/me').set(bearer(s)).expect(200);
    const before = { ...cache.stats };
    for (let i = 0; i < 3; i++) await http().get('/api/auth/me').set(bearer(s)).expect(200);
    expect(cache.stats.hits - before.hits).toBe(3);
    expect(cache.stats.misses).toBe(before.misses);
  });

  it('a role ended by an administrator: the holder is refused on the next request, and has no such role after signing in again', async () => {
    const admin = await login(t, 'admin');
    const target = await userId(t, 'canbo.nt-cq');
    const assigned = await http().post(`/api/users/${target}/roles`).set(bearer(admin)).send({ unitId: await adminUnit(), role: 'admin' }).expect(201);
    const s = await login(t, 'canbo.nt-cq');
    await http().get('/api/users').set(bearer(s)).expect(200);
    await http().get('/api/users').set(bearer(s)).expect(200); // now cached
    await http().post(`/api/role-assignments/${assigned.body.id}/end`).set(bearer(admin)).send({}).expect(200);
    expect((await http().get('/api/users').set(bearer(s)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await http().get('/api/users').set(bearer(await login(t, 'canbo.nt-cq'))).expect(403);
  });

  it('a delegation revoked: the delegate is refused on the next request, and has no delegated role after signing in again', async () => {
    const admin = await login(t, 'admin');
    const deputy = await userId(t, 'phochutich.tinh');
    const before = await login(t, 'phochutich.tinh');
    await http().get('/api/users').set(bearer(before)).expect(403);
    const d = await http()
      .post('/api/delegations')
      .set(bearer(admin))
      .send({ toUserId: deputy, validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: '2099-12-31', reason: 'Công tác' })
      .expect(201);
    // The delegation itself bumps the delegate: the token cached without it is refused, a new one has the role.
    await http().get('/api/users').set(bearer(before)).expect(401);
    const s = await login(t, 'phochutich.tinh');
    await http().get('/api/users').set(bearer(s)).expect(200);
    await http().get('/api/users').set(bearer(s)).expect(200);
    await http().post(`/api/delegations/${d.body.id}/revoke`).set(bearer(admin)).expect(200);
    await http().get('/api/users').set(bearer(s)).expect(401);
    await http().get('/api/users').set(bearer(await login(t, 'phochutich.tinh'))).expect(403);
  });

  it('a role or delegation that ends by the calendar (no row changes, no bump) is not served from the cache past its end', async () => {
    const admin = await login(t, 'admin');
    const target = await userId(t, 'canbo.nt-cq');
    const deputy = await userId(t, 'phochutich.tinh');
    const ends = new Date(Date.now() + 2500).toISOString();
    await http().post(`/api/users/${target}/roles`).set(bearer(admin)).send({ unitId: await adminUnit(), role: 'admin', validTo: ends }).expect(201);
    await http()
      .post('/api/delegations')
      .set(bearer(admin))
      .send({ toUserId: deputy, validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: ends, reason: 'Một buổi' })
      .expect(201);
    const role = await login(t, 'canbo.nt-cq');
    const delegated = await login(t, 'phochutich.tinh');
    for (const s of [role, delegated]) {
      await http().get('/api/users').set(bearer(s)).expect(200);
      await http().get('/api/users').set(bearer(s)).expect(200);
    }
    const versions = [await version(target), await version(deputy)];
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(ends).getTime() - Date.now()) + 100));
    for (const s of [role, delegated]) await http().get('/api/users').set(bearer(s)).expect(403);
    expect([await version(target), await version(deputy)]).toEqual(versions);
  });

  it('the triggers bump everyone a change concerns: delegates of a disabled delegator or of a changed role, holders at a moved or dissolved unit, a renamed user', async () => {
    const from = await userId(t, 'giamsat.yt');
    const to = await userId(t, 'canbo.yt-bvdk');
    await t.dataSource.query(
      `INSERT INTO delegation (from_user_id, to_user_id, workflows, valid_from, valid_to, reason) VALUES ($1, $2, NULL, now() - interval '1 hour', now() + interval '1 day', 'x')`,
      [from, to],
    );
    let v = await version(to);
    await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [from]);
    expect(await version(to)).toBe(v + 1);
    await t.dataSource.query(`UPDATE app_user SET status = 'active' WHERE id = $1`, [from]);
    v = await version(to);
    await t.dataSource.query(`UPDATE role_assignment SET valid_to = valid_to WHERE user_id = $1`, [from]);
    expect(await version(to)).toBeGreaterThan(v);

    // A unit change that is neither path nor status (a rename) bumps nobody; a status change bumps holders and delegates.
    const yt = await unitId(t, 'CDN-YT');
    const [vFrom, vTo] = [await version(from), await version(to)];
    await t.dataSource.query(`UPDATE unit SET name = name || '' WHERE id = $1`, [yt]);
    expect([await version(from), await version(to)]).toEqual([vFrom, vTo]);
    await t.dataSource.query(`UPDATE unit SET status = status WHERE id = $1`, [yt]);
    expect([await version(from), await version(to)]).toEqual([vFrom, vTo]);
    await t.dataSource.transaction(async (m) => {
      await m.query(`UPDATE unit SET path = path WHERE id = $1`, [yt]);
      await m.query(`UPDATE unit SET status = 'dissolved' WHERE id = $1`, [yt]);
      await m.query(`UPDATE unit SET status = 'active' WHERE id = $1`, [yt]);
    });
    expect([await version(from), await version(to)]).toEqual([vFrom + 2, vTo + 2]);

    const vName = await version(from);
    await t.dataSource.query(`UPDATE app_user SET full_name = full_name || ' ' WHERE id = $1`, [from]);
    expect(await version(from)).toBe(vName + 1);
    await t.dataSource.query(`UPDATE app_user SET failed_login_count = failed_login_count WHERE id = $1`, [from]);
    expect(await version(from)).toBe(vName + 1);
  });
});
