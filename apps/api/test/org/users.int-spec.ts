import request from 'supertest';
import { bearer, login, seedOrgDemo, unitId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('users and effective-dated role assignments', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
  });
  afterAll(() => t.close());

  it('lets an admin create a user (generated password shown once), assign and end roles, and disable the account', async () => {
    const admin = await login(t, 'admin');
    const unit = await unitId(t, 'CDCS-YT-CDC');
    const created = await http().post('/api/users').set(bearer(admin)).send({ username: 'canbo.yt-cdc', fullName: 'Đinh Văn Mới', email: 'moi@cdc.vn', homeUnitId: unit }).expect(201);
    expect(created.body.user).toMatchObject({ username: 'canbo.yt-cdc', homeUnitCode: 'CDCS-YT-CDC', status: 'active' });
    expect(typeof created.body.temporaryPassword).toBe('string');
    const id = created.body.user.id;
    await http().post('/api/users').set(bearer(admin)).send({ username: 'canbo.yt-cdc', fullName: 'x', homeUnitId: unit }).expect(409);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const officer = await http().post(`/api/users/${id}/roles`).set(bearer(admin)).send({ unitId: unit, role: 'officer' }).expect(201);
    expect(officer.body).toMatchObject({ role: 'officer', unitCode: 'CDCS-YT-CDC', isCurrent: true, validTo: null });
    await http().post(`/api/users/${id}/roles`).set(bearer(admin)).send({ unitId: unit, role: 'officer' }).expect(409);
    const later = await http().post(`/api/users/${id}/roles`).set(bearer(admin)).send({ unitId: unit, role: 'viewer', validFrom: future }).expect(201);
    expect(later.body.isCurrent).toBe(false);

    const session = await login(t, 'canbo.yt-cdc', created.body.temporaryPassword);
    const me = await http().get('/api/auth/me').set(bearer(session)).expect(200);
    expect(me.body.roles.map((r: { role: string }) => r.role)).toEqual(['officer']);

    const ended = await http().post(`/api/role-assignments/${officer.body.id}/end`).set(bearer(admin)).send({}).expect(200);
    expect(ended.body.isCurrent).toBe(false);
    const history = await http().get(`/api/users/${id}/roles`).set(bearer(admin)).expect(200);
    expect(history.body).toHaveLength(2);

    const listed = await http().get('/api/users').query({ q: 'Đinh Văn', limit: 10 }).set(bearer(admin)).expect(200);
    expect(listed.body.items.map((u: { username: string }) => u.username)).toEqual(['canbo.yt-cdc']);

    await http().patch(`/api/users/${id}`).set(bearer(admin)).send({ status: 'disabled' }).expect(200);
    await http().get('/api/auth/me').set(bearer(session)).expect(401);
    await http().post('/api/auth/refresh').set('X-Token-Transport', 'body').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('keeps users of other subtrees out of an admin scope, and non-admins out of user administration', async () => {
    const supervisor = await login(t, 'giamsat.yt');
    await http().get('/api/users').set(bearer(supervisor)).expect(403);
    const admin = await login(t, 'admin');
    const page1 = await http().get('/api/users?limit=5').set(bearer(admin)).expect(200);
    expect(page1.body.items).toHaveLength(5);
    const page2 = await http().get(`/api/users?limit=5&cursor=${page1.body.nextCursor}`).set(bearer(admin)).expect(200);
    expect(page2.body.items[0].username > page1.body.items[4].username).toBe(true);
    await http().get('/api/users?cursor=garbage').set(bearer(admin)).expect(400);
  });
});
