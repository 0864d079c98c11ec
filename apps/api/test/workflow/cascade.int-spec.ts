import { CascadeService } from '../../src/modules/workflow/cascade/cascade.service';
import { WorkflowScheduler } from '../../src/modules/workflow/timers/workflow-scheduler';
import type { TestApp } from '../support/test-app';
import { signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from './workflow-test-kit';

interface ItemRow {
  id: string;
  unitId: string;
  status: string;
  outcome: string | null;
  stage: string;
}

const LAUNCH_DATA = { title: 'Thi đua thực hiện văn hóa công sở', goals: 'Xây dựng văn hóa công sở', criteria: 'Theo QĐ 1847', startDate: '2019-11-13', endDate: '2025-09-02' };

/** Issue 8, item 5 and the cascade half of issue 6: fan-out on a tree that changes. */
describe('cascades: batches, progress, resume, a changing tree, close, withdraw, cancel', () => {
  let t: TestApp;
  let cascades: CascadeService;
  let province: Client;
  let admin: Client;
  let launchId: string;
  let ackYt: string;

  const children = (parentId: string): Promise<ItemRow[]> =>
    t.dataSource.query(`SELECT id, unit_id AS "unitId", status, outcome, stage FROM work_item WHERE parent_item_id = $1 ORDER BY unit_id`, [parentId]);
  const cascadeOf = async (id: string): Promise<{ status: string; reached: number; total: number; submitted: number; settled: number }> =>
    (await province.get(`/api/items/${id}/cascade`).expect(200)).body;
  const done = (id: string): Promise<unknown> => waitFor(async () => (await cascadeOf(id))?.status === 'done', `cascade of ${id}`);

  beforeAll(async () => {
    t = await startWorkflowApp();
    cascades = t.app.get(CascadeService, { strict: false });
    province = await signIn(t.app, 'chutich.tinh');
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('launch: approved plan fans out to every upper union; progress shows units reached of total', async () => {
    const drafter = await signIn(t.app, 'tdkt.tinh');
    const created = await drafter.post('/api/items', { workflow: 'launch', unitId: await unitIdByCode(t, 'LDLD-NT'), title: 'Phát động 2019', data: LAUNCH_DATA }).expect(201);
    launchId = created.body.id;
    await drafter.post(`/api/items/${launchId}/actions`, { action: 'submit' }).expect(200);
    const approved = await province.post(`/api/items/${launchId}/actions`, { action: 'approve' }).expect(200);
    expect(approved.body.stage).toBe('cascade');
    await done(launchId);
    const kids = await children(launchId);
    expect(kids).toHaveLength(11);
    expect(new Set(kids.map((k) => k.unitId)).size).toBe(11);
    expect(await cascadeOf(launchId)).toMatchObject({ status: 'done', reached: 11, total: 11, submitted: 0 });
    const allocation: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE topic = 'documents.allocate_number' AND payload->>'itemId' = $1`, [launchId]);
    expect(Number(allocation[0].n)).toBe(1);
  });

  it('scheduler passes on a collecting launch leave its version and history unchanged (issue 11, line 7)', async () => {
    const state = async (): Promise<{ version: number; events: number; progress: number }> => {
      const [item] = await t.dataSource.query(`SELECT version FROM work_item WHERE id = $1`, [launchId]);
      const [ev] = await t.dataSource.query(`SELECT count(*) AS n, count(*) FILTER (WHERE event = 'children.progress') AS p FROM work_item_event WHERE item_id = $1`, [launchId]);
      return { version: Number(item.version), events: Number(ev.n), progress: Number(ev.p) };
    };
    const before = await state();
    const scheduler = t.app.get(WorkflowScheduler, { strict: false });
    // Seven ticks: the reconcile pass (every 6th tick) runs at least once; then the progress job itself, twice.
    for (let i = 0; i < 7; i += 1) await scheduler.tick();
    await cascades.reconcileAll();
    await cascades.refreshProgress(launchId);
    await cascades.refreshProgress(launchId);
    expect(await state()).toEqual(before);
    expect((await cascadeOf(launchId)).status).toBe('done');
  });

  it('a batch repeated after a crash (cursor lost) creates no duplicate child', async () => {
    await t.dataSource.query(`UPDATE work_item SET cascade = jsonb_set(jsonb_set(cascade, '{afterUnitId}', 'null'), '{status}', '"running"') WHERE id = $1`, [launchId]);
    await cascades.runFanout(launchId, { batchSize: 4 });
    expect(await children(launchId)).toHaveLength(11);
    expect((await cascadeOf(launchId)).status).toBe('done');
  });

  it('an upper union acknowledges and cascades unit plans to its grassroots unions, in resumable batches', async () => {
    const giamsat = await signIn(t.app, 'giamsat.yt');
    ackYt = (await children(launchId)).find(async () => true)?.id as string;
    const ytUnit = await unitIdByCode(t, 'CDN-YT');
    ackYt = (await t.dataSource.query(`SELECT id FROM work_item WHERE parent_item_id = $1 AND unit_id = $2`, [launchId, ytUnit]))[0].id;
    const inbox = await giamsat.get('/api/inbox').expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(ackYt);
    await giamsat.post(`/api/items/${ackYt}/actions`, { action: 'acknowledge', data: { guidanceRef: '25/HD-CĐN' } }).expect(200);
    await done(ackYt);
    expect(await children(ackYt)).toHaveLength(12);
    // The launch counts the acknowledgement.
    await waitFor(async () => (await cascadeOf(launchId)).submitted === 1, 'launch progress');
  });

  it('officers find their unit plan; amendments after submission are accepted while the collection is open', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const plan = (await officer.get('/api/inbox?workflow=unit_plan').expect(200)).body.items[0];
    expect(plan).toBeDefined();
    await officer.post(`/api/items/${plan.id}/actions`, { action: 'submit', data: { goals: 'A', measures: 'B', timeline: 'C' } }).expect(200);
    const amended = await officer.patch(`/api/items/${plan.id}/data`, { data: { timeline: 'Quý I/2020' } }).expect(200);
    expect(amended.body).toMatchObject({ stage: 'review', data: { timeline: 'Quý I/2020' } });
    const history = (await officer.get(`/api/items/${plan.id}/history`).expect(200)).body;
    expect(history[history.length - 1]).toMatchObject({ event: 'amend', changes: { timeline: { from: 'C', to: 'Quý I/2020' } } });
    await waitFor(async () => (await cascadeOf(ackYt)).submitted === 1, 'ack progress');
  });

  it('a unit created under, or moved into, the subtree while open joins; one moved out has its child cancelled; the join counts the subtree as it is now', async () => {
    const ytUnit = await unitIdByCode(t, 'CDN-YT');
    const gdUnit = await unitIdByCode(t, 'CDN-GD');
    const created = await admin.post('/api/units', { code: 'CDCS-YT-MOI', name: 'CĐCS Bệnh viện mới', kind: 'grassroots_union', parentId: ytUnit }).expect(201);
    const movedIn = await unitIdByCode(t, 'CDCS-GD-THPT01');
    await admin.post(`/api/units/${movedIn}/move`, { newParentId: ytUnit }).expect(200);
    const movedOut = await unitIdByCode(t, 'CDCS-YT-TCYT');
    await admin.post(`/api/units/${movedOut}/move`, { newParentId: gdUnit }).expect(200);
    // The fan-out followed each change when it committed (issue 15): the reconcile pass finds nothing left to do.
    const r = await cascades.reconcile(ackYt);
    expect(r).toEqual({ spawned: 0, cancelled: 0, carriedOver: 0 });
    const kids = await children(ackYt);
    const byUnit = new Map(kids.map((k) => [k.unitId, k]));
    expect(byUnit.get(created.body.id)?.status).toBe('active');
    expect(byUnit.get(movedIn)?.status).toBe('active');
    expect(byUnit.get(movedOut)).toMatchObject({ status: 'final', outcome: 'cancelled' });
    expect(kids.filter((k) => k.status !== 'final')).toHaveLength(13);
    // Reconciling again changes nothing.
    expect(await cascades.reconcile(ackYt)).toEqual({ spawned: 0, cancelled: 0, carriedOver: 0 });
    const progress = await cascadeOf(ackYt);
    expect(progress.submitted).toBe(1);
  });

  it('a unit moved while the cascade is running still ends with exactly one child per unit in the subtree', async () => {
    const giamsat = await signIn(t.app, 'giamsat.gd');
    const ackGd = (await t.dataSource.query(`SELECT id FROM work_item WHERE parent_item_id = $1 AND unit_id = $2`, [launchId, await unitIdByCode(t, 'CDN-GD')]))[0].id;
    const vc = await unitIdByCode(t, 'CD-VC');
    const mover = await unitIdByCode(t, 'CDCS-GD-THPT07');
    await Promise.all([
      giamsat.post(`/api/items/${ackGd}/actions`, { action: 'acknowledge' }).expect(200),
      cascades.runFanout(ackGd, { batchSize: 2 }),
      admin.post(`/api/units/${mover}/move`, { newParentId: vc }).expect(200),
    ]);
    await done(ackGd);
    await cascades.reconcile(ackGd);
    const expected: Array<{ id: string }> = await t.dataSource.query(`SELECT u.id FROM unit u WHERE u.parent_id = $1 AND u.kind = 'grassroots_union' AND u.status = 'active'`, [await unitIdByCode(t, 'CDN-GD')]);
    const open = (await children(ackGd)).filter((k) => k.status !== 'final');
    expect(open.map((k) => k.unitId).sort()).toEqual(expected.map((e) => e.id).sort());
    const all = await children(ackGd);
    expect(new Set(all.map((k) => k.unitId)).size).toBe(all.length);
  });

  it('closing a collection early closes the remaining children as not submitted, with the reason; amendments are then refused', async () => {
    const giamsat = await signIn(t.app, 'giamsat.yt');
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const submittedPlanId = (await t.dataSource.query(`SELECT id FROM work_item WHERE parent_item_id = $1 AND unit_id = $2`, [ackYt, await unitIdByCode(t, 'CDCS-YT-BVDK')]))[0].id;
    await giamsat.post(`/api/items/${ackYt}/actions`, { action: 'close', comment: 'Hết hạn nộp kế hoạch' }).expect(200);
    await waitFor(async () => (await children(ackYt)).filter((k) => k.status !== 'final' && k.id !== submittedPlanId).length === 0, 'children closed');
    const closed = (await children(ackYt)).filter((k) => k.outcome === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(12);
    const ev: Array<{ comment: string; details: { reason: string } }> = await t.dataSource.query(`SELECT comment, details FROM work_item_event WHERE item_id = $1 AND event = 'closed'`, [closed[0].id]);
    expect(ev).toEqual([expect.objectContaining({ comment: 'Hết hạn nộp kế hoạch' })]);
    expect((await officer.patch(`/api/items/${submittedPlanId}/data`, { data: { timeline: 'muộn' } }).expect(409)).body.code).toBe('COLLECTION_CLOSED');
  });

  it('the province withdraws the cascade of one subtree: its open children are cancelled, one history row each', async () => {
    const kcn = await unitIdByCode(t, 'CD-KCN');
    const before = (await children(launchId)).find((k) => k.unitId === kcn) as ItemRow;
    expect(before.status).toBe('active');
    const outsider = await signIn(t.app, 'giamsat.gd');
    await outsider.post(`/api/items/${launchId}/cascade/withdraw`, { unitId: kcn, reason: 'x' }).expect(404);
    await province.post(`/api/items/${launchId}/cascade/withdraw`, { unitId: kcn, reason: 'Khu công nghiệp tổ chức riêng' }).expect(200);
    const after = (await children(launchId)).find((k) => k.unitId === kcn) as ItemRow;
    expect(after).toMatchObject({ status: 'final', outcome: 'withdrawn' });
    const events: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'cancelled'`, [after.id]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('cancelling the campaign cancels every open item below with one audit row each, and nothing is left waiting', async () => {
    await province.post(`/api/items/${launchId}/actions`, { action: 'cancel', comment: 'Dừng phong trào' }).expect(200);
    const openBelow = async (): Promise<number> =>
      Number(
        (
          await t.dataSource.query(
            `WITH RECURSIVE tree AS (SELECT id FROM work_item WHERE parent_item_id = $1 UNION ALL SELECT w.id FROM work_item w JOIN tree ON w.parent_item_id = tree.id)
             SELECT count(*) AS n FROM work_item WHERE id IN (SELECT id FROM tree) AND status <> 'final'`,
            [launchId],
          )
        )[0].n,
      );
    await waitFor(async () => (await openBelow()) === 0, 'everything below cancelled');
    const dup: Array<{ item_id: string; n: string }> = await t.dataSource.query(
      `SELECT item_id, count(*) AS n FROM work_item_event WHERE event IN ('cancelled', 'closed') GROUP BY item_id HAVING count(*) > 1`,
    );
    expect(dup).toEqual([]);
    const inbox = await (await signIn(t.app, 'giamsat.gd')).get('/api/inbox').expect(200);
    expect(inbox.body.items).toHaveLength(0);
  });
});
