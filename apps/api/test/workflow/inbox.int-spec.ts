import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, submittedPlan, unitIdByCode } from './workflow-test-kit';

const UNITS = ['CDCS-YT-BVDK', 'CDCS-YT-TCYT', 'CDCS-YT-CDC', 'CDCS-YT-YHCT'];

describe('inbox: what waits for me, through roles, subtree scope and delegations', () => {
  let t: TestApp;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await startWorkflowApp();
    // Items of several units under CDN-YT, submitted by a test officer holding the role at each unit. The roles
    // are given before signing in: a role change ends the user's sessions (session version).
    const [{ id: officerId }]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'canbo.yt-bvdk'`);
    for (const code of UNITS) {
      await t.dataSource.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'officer') ON CONFLICT DO NOTHING`, [officerId, await unitIdByCode(t, code)]);
    }
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    for (const [i, code] of UNITS.entries()) for (let k = 0; k < 2; k += 1) ids.push(await submittedPlan(t, officer, code, `Kế hoạch ${code} #${k + i}`));
    // Different deadlines, one overdue.
    for (const [i, id] of ids.entries()) await t.dataSource.query(`UPDATE work_item SET due_at = now() + make_interval(days => $2) WHERE id = $1`, [id, i === 0 ? -1 : i]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the supervisor’s waiting items by deadline, keyset-paginated without gaps or repeats', async () => {
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await supervisor.get(`/api/inbox?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(ids);
    const first = await supervisor.get('/api/inbox?limit=1').expect(200);
    expect(first.body.items[0]).toMatchObject({ id: ids[0], isOverdue: true, stage: 'review', assignedRole: 'supervisor' });
  });

  it('filters by workflow, stage, unit and overdue; counts per stage and per unit', async () => {
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const bvdk = await unitIdByCode(t, 'CDCS-YT-BVDK');
    expect((await supervisor.get('/api/inbox?overdue=true').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect((await supervisor.get(`/api/inbox?unitId=${bvdk}`).expect(200)).body.items).toHaveLength(2);
    expect((await supervisor.get('/api/inbox?workflow=launch').expect(200)).body.items).toHaveLength(0);
    expect((await supervisor.get('/api/inbox?stage=review').expect(200)).body.items).toHaveLength(8);
    const plain = await supervisor.get('/api/inbox/counts').expect(200);
    expect(plain.body).toEqual({ total: 8, overdue: 1, byStage: [{ workflow: 'unit_plan', stage: 'review', count: 8 }] });
    const counts = await supervisor.get('/api/inbox/counts?byUnit=true').expect(200);
    expect(counts.body).toMatchObject({ total: 8, overdue: 1, byStage: [{ workflow: 'unit_plan', stage: 'review', count: 8 }], nextUnitOffset: null });
    expect(counts.body.byUnit).toHaveLength(4);
    // Per unit, paged: a page of three units and one of one hold the same four units, once each.
    const p1 = (await supervisor.get('/api/inbox/counts?byUnit=true&unitLimit=3').expect(200)).body;
    expect(p1).toMatchObject({ nextUnitOffset: 3 });
    const p2 = (await supervisor.get('/api/inbox/counts?byUnit=true&unitLimit=3&unitOffset=3').expect(200)).body;
    expect(p2).toMatchObject({ nextUnitOffset: null });
    expect([...p1.byUnit, ...p2.byUnit].map((u: { unitId: string }) => u.unitId).sort()).toEqual(counts.body.byUnit.map((u: { unitId: string }) => u.unitId).sort());
    expect(counts.body.byUnit.find((u: { unitId: string }) => u.unitId === bvdk).count).toBe(2);
  });

  it('names the unit of every item and of every unit count (joined in the query, no lookup per unit)', async () => {
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const units: Array<{ id: string; code: string; name: string }> = await t.dataSource.query(`SELECT id, code, name FROM unit WHERE code = ANY($1::text[])`, [UNITS]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const items = (await supervisor.get('/api/inbox?limit=50').expect(200)).body.items as Array<{ unitId: string; unitName: string; unitCode: string }>;
    expect(items).toHaveLength(8);
    for (const i of items) expect({ unitName: i.unitName, unitCode: i.unitCode }).toEqual({ unitName: byId.get(i.unitId)?.name, unitCode: byId.get(i.unitId)?.code });
    const counts = (await supervisor.get('/api/inbox/counts?byUnit=true').expect(200)).body.byUnit as Array<{ unitId: string; unitName: string; unitCode: string; count: number }>;
    for (const u of counts) expect(u).toEqual({ unitId: u.unitId, unitName: byId.get(u.unitId)?.name, unitCode: byId.get(u.unitId)?.code, count: 2 });
  });

  it('the province supervisor sees the subtree; a supervisor of another sector and the officers do not', async () => {
    const province = await signIn(t.app, 'chutich.tinh');
    expect((await province.get('/api/inbox?limit=50').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
    expect((await (await signIn(t.app, 'giamsat.gd')).get('/api/inbox').expect(200)).body.items).toHaveLength(0);
    expect((await (await signIn(t.app, 'canbo.yt-tcyt')).get('/api/inbox').expect(200)).body.items).toHaveLength(0);
  });

  it('an item claimed by one supervisor leaves the others’ inboxes; the claimant keeps it', async () => {
    const province = await signIn(t.app, 'chutich.tinh');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    await province.post(`/api/items/${ids[1]}/actions`, { action: 'claim' }).expect(200);
    expect((await supervisor.get('/api/inbox?limit=50').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(ids[1]);
    expect((await province.get('/api/inbox?limit=50').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(ids[1]);
    await province.post(`/api/items/${ids[1]}/actions`, { action: 'release' }).expect(200);
  });

  it('a delegate sees the delegator’s items (limited to the delegated workflows) and acts on their behalf', async () => {
    const supervisor = await signIn(t.app, 'giamsat.yt');
    let delegate = await signIn(t.app, 'canbo.yt-tcyt');
    // Through the API, as users create one: the change counts on the delegate's next request (principal cache).
    await supervisor
      .post('/api/delegations', { toUserId: delegate.userId, workflows: ['unit_plan'], validFrom: new Date(Date.now() - 3_600_000).toISOString(), validTo: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'Nghỉ phép' })
      .expect(201);
    // The delegation moved the delegate's session version: the old access token ends at once (401), and a new
    // one (the admin renews with the refresh cookie) carries the delegated role.
    await delegate.get('/api/inbox?limit=50').expect(401);
    delegate = await signIn(t.app, 'canbo.yt-tcyt');
    const inbox = await delegate.get('/api/inbox?limit=50').expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids.filter((id) => id !== ids[2])));
    // Not the officer's own unit item (separation of duties does not apply here: the delegate did not submit it).
    const target = ids[6];
    await delegate.post(`/api/items/${target}/actions`, { action: 'approve' }).expect(200);
    const history = await supervisor.get(`/api/items/${target}/history`).expect(200);
    const approve = history.body.find((e: { event: string }) => e.event === 'approve');
    expect(approve).toMatchObject({ actorUserId: delegate.userId, onBehalfOfUserId: supervisor.userId });
    const names: Array<{ username: string; fullName: string }> = await t.dataSource.query(`SELECT username, full_name AS "fullName" FROM app_user WHERE id = ANY($1::uuid[])`, [[delegate.userId, supervisor.userId]]);
    const nameOf = (u: string) => names.find((n) => n.username === u)?.fullName;
    expect(approve).toMatchObject({ actorName: nameOf('canbo.yt-tcyt'), onBehalfOfName: nameOf('giamsat.yt') });
  });

  it('an officer’s inbox holds their own unit’s drafts only', async () => {
    const officer = await signIn(t.app, 'canbo.vc-vpubnd');
    const unitId = await unitIdByCode(t, 'CDCS-VC-VPUBND');
    const mine = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Nháp', data: PLAN_DATA }).expect(201)).body.id;
    const res = await officer.get('/api/inbox').expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([mine]);
  });

  it('a suspended item is paused, not waiting: out of the default list and counts, listed with status=suspended, never overdue', async () => {
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const list = async (q = '') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string; status: string; isOverdue: boolean }>; nextCursor: string | null } } = await supervisor
          .get(`/api/inbox?limit=2${q}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        for (const i of res.body.items) seen.push(i.id);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const before = await list();
    const countsBefore = (await supervisor.get('/api/inbox/counts').expect(200)).body;
    // ids[0] is the overdue one; ids[6] was approved above.
    const paused = [ids[0], ids[3]];
    for (const id of paused) await supervisor.post(`/api/items/${id}/actions`, { action: 'suspend', reason: 'Chờ sáp nhập đơn vị' }).expect(200);

    // Pages of two read past the suspended items without gaps or repeats.
    expect(await list()).toEqual(before.filter((id) => !paused.includes(id)));
    const suspended = await supervisor.get('/api/inbox?status=suspended&limit=50').expect(200);
    expect(suspended.body.items.map((i: { id: string }) => i.id)).toEqual(paused);
    expect(suspended.body.items.every((i: { status: string; isOverdue: boolean }) => i.status === 'suspended' && !i.isOverdue)).toBe(true);
    expect((await supervisor.get('/api/inbox?overdue=true').expect(200)).body.items).toHaveLength(0);
    const counts = (await supervisor.get('/api/inbox/counts').expect(200)).body;
    expect(counts).toMatchObject({ total: countsBefore.total - 2, overdue: 0 });
    expect((await supervisor.get('/api/inbox/counts?status=suspended').expect(200)).body).toMatchObject({ total: 2, overdue: 0 });

    for (const id of paused) await supervisor.post(`/api/items/${id}/actions`, { action: 'resume' }).expect(200);
    // Resuming moves the deadlines by the time spent suspended: the same items, perhaps in another order.
    expect((await list()).sort()).toEqual([...before].sort());
  });
});
