import request from 'supertest';
import { AccessService } from '../../src/modules/org/access.service';
import { bearer, login, seedOrgDemo, unitId, userId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('delegation', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
  });
  afterAll(() => t.close());

  it('hands a supervisor role to a colleague for given workflows; the delegate acts on behalf of the delegator until revoked', async () => {
    const supervisor = await login(t, 'giamsat.yt');
    const delegate = await userId(t, 'canbo.yt-bvdk');
    const yt = await unitId(t, 'CDN-YT');
    const created = await http()
      .post('/api/delegations')
      .set(bearer(supervisor))
      .send({ toUserId: delegate, workflows: ['unit_plan'], validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: '2099-12-31', reason: 'Nghỉ phép năm' })
      .expect(201);
    expect(created.body).toMatchObject({ fromUsername: 'giamsat.yt', toUsername: 'canbo.yt-bvdk', workflows: ['unit_plan'], isActive: true });

    const access = t.app.get(AccessService);
    const principal = await access.principalFor(delegate);
    expect(principal.roles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'officer', onBehalfOf: null }),
        expect.objectContaining({ role: 'supervisor', unitId: yt, onBehalfOf: supervisor.userId, workflows: ['unit_plan'] }),
      ]),
    );
    const holders = await access.usersHoldingRole('supervisor', yt);
    expect(holders).toEqual(expect.arrayContaining([{ userId: delegate, onBehalfOf: supervisor.userId, workflows: ['unit_plan'] }]));

    const me = await http().get('/api/auth/me').set(bearer(await login(t, 'canbo.yt-bvdk'))).expect(200);
    expect(me.body.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'supervisor', unitCode: 'CDN-YT', onBehalfOf: expect.objectContaining({ username: 'giamsat.yt' }) })]));

    // Not in force before it starts, nor after revocation.
    expect((await access.principalFor(delegate, new Date(Date.now() - 3600_000))).roles.some((r) => r.onBehalfOf)).toBe(false);
    await http().post(`/api/delegations/${created.body.id}/revoke`).set(bearer(supervisor)).expect(200);
    expect((await access.principalFor(delegate)).roles.some((r) => r.onBehalfOf)).toBe(false);
    const list = await http().get('/api/delegations').set(bearer(supervisor)).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, isActive: false });
  });

  it('records what a delegate does as done by the delegate on behalf of the delegator', async () => {
    const admin = await login(t, 'admin');
    const deputy = await userId(t, 'phochutich.tinh');
    await http()
      .post('/api/delegations')
      .set(bearer(admin))
      .send({ toUserId: deputy, validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: '2099-12-31', reason: 'Công tác' })
      .expect(201);
    const asDeputy = await login(t, 'phochutich.tinh');
    const unit = await unitId(t, 'CDCS-NT-CQ');
    await http().post(`/api/units/${unit}/rename`).set(bearer(asDeputy)).send({ name: 'CĐCS Cơ quan LĐLĐ tỉnh' }).expect(200);
    const audit = await t.dataSource.query(`SELECT actor_user_id AS actor, on_behalf_of_user_id AS "onBehalfOf" FROM audit_log WHERE action = 'unit.renamed' AND entity_id = $1`, [unit]);
    expect(audit).toEqual([{ actor: deputy, onBehalfOf: admin.userId }]);
  });

  it('refuses delegating to someone outside what the delegator can see (404) and to oneself (400)', async () => {
    const supervisor = await login(t, 'giamsat.yt');
    const elsewhere = await userId(t, 'giamsat.gd');
    const body = { validFrom: '2026-01-01', validTo: '2026-02-01', reason: 'x' };
    expect((await http().post('/api/delegations').set(bearer(supervisor)).send({ ...body, toUserId: elsewhere }).expect(404)).body.code).toBe('NOT_FOUND');
    await http().post('/api/delegations').set(bearer(supervisor)).send({ ...body, toUserId: supervisor.userId }).expect(400);
    await http().post('/api/delegations').set(bearer(supervisor)).send({ ...body, validTo: '2025-01-01', toUserId: elsewhere }).expect(400);
  });
});
