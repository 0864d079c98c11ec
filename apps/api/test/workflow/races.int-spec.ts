import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, submittedPlan, type Client } from './workflow-test-kit';

/**
 * One answer to "someone else acted first" (docs/workflow-runtime.md, "Races"): 409 ITEM_CHANGED with the
 * current item, the view the item GET gives the loser, whatever the timing.
 */
describe('the loser of a race: 409 ITEM_CHANGED with the current item', () => {
  let t: TestApp;
  let approvers: Client[];
  beforeAll(async () => {
    t = await startWorkflowApp();
    const names = await createUsers(t, 'duyet', 50, 'supervisor', 'CDN-YT');
    approvers = [];
    // Sign-ins hash on a bounded pool: a few at a time.
    for (let i = 0; i < names.length; i += 5) approvers.push(...(await Promise.all(names.slice(i, i + 5).map((n) => signIn(t.app, n)))));
  });
  afterAll(async () => {
    await t.close();
  });

  it('50 concurrent approvals by eligible supervisors: exactly one 200, 49 × 409 ITEM_CHANGED carrying the item as it now is', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Năm mươi người duyệt');
    const answers = await Promise.all(approvers.map((a) => a.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: 2 })));
    const winners = answers.filter((r) => r.status === 200);
    const losers = answers.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.status)).toEqual(Array(49).fill(409));
    expect(new Set(losers.map((r) => r.body.code))).toEqual(new Set(['ITEM_CHANGED']));
    for (const r of losers) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body.details).toMatchObject({ expectedVersion: 2, currentVersion: 3, item: { id, version: 3, stage: 'approved', status: 'final' } });
    }
    // The item carried is the one the item GET gives that user.
    const loser = approvers[answers.indexOf(losers[0])];
    expect(losers[0].body.details.item).toEqual((await loser.get(`/api/items/${id}`).expect(200)).body);
    const events: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'approve'`, [id]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('sequential: a stale version is ITEM_CHANGED whatever moved (stage, final); out of turn at the current version is not a race', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Tuần tự');
    const [a, b] = approvers;
    // The officer acts at the version they see (2) out of turn: not a race, its own reason.
    const outOfTurn = await officer.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: 2 });
    expect(outOfTurn.status).not.toBe(409);
    expect(outOfTurn.body.code).not.toBe('ITEM_CHANGED');
    // Version 1 was the draft: the item has moved on (submitted).
    const stale = await a.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'ITEM_CHANGED', details: { reason: 'stale_version', expectedVersion: 1, currentVersion: 2, item: { id, version: 2 } } });
    await a.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: 2 }).expect(200);
    // The item is final now: whoever still holds version 2 gets the same code, with the final item.
    const late = await b.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung', expectedVersion: 2 }).expect(409);
    expect(late.body).toMatchObject({ code: 'ITEM_CHANGED', details: { item: { id, status: 'final', version: 3 } } });
    // Without a version the server cannot know what the caller saw: the state's own reason.
    expect((await b.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body.code).toBe('ITEM_FINAL');
  });

  it('bulk: an item that moved past the version the inbox showed is ITEM_CHANGED in its result', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Hàng loạt cũ');
    await approvers[2].post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    const res = await approvers[3].post('/api/items/bulk-actions', { action: 'approve', itemIds: [id], expectedVersions: { [id]: 2 } }).expect(200);
    expect(res.body.results[0]).toMatchObject({ itemId: id, ok: false, error: { code: 'ITEM_CHANGED', details: { item: { id, version: 3 } } } });
  });

  it('a data save on a stale version is ITEM_CHANGED too', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Lưu dữ liệu');
    const res = await officer.patch(`/api/items/${id}/data`, { data: { goals: 'x' }, expectedVersion: 1 }).expect(409);
    expect(res.body).toMatchObject({ code: 'ITEM_CHANGED', details: { item: { id, version: 2 } } });
  });
});
