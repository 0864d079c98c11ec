import type { TestApp } from '../support/test-app';
import { createUsers, PLAN_DATA, signIn, startWorkflowApp, submittedPlan, unitIdByCode } from './workflow-test-kit';

describe('actions on work items: one transaction, version check, idempotency, claims', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp();
    await createUsers(t, 'gsyt', 8, 'supervisor', 'CDN-YT');
  });
  afterAll(async () => {
    await t.close();
  });

  it('two supervisors approving at once: exactly one succeeds, the other gets 409 with the item as it now is', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK');
    const [a, b] = await Promise.all([signIn(t.app, 'gsyt1'), signIn(t.app, 'gsyt2')]);
    const answers = await Promise.all([a, b].map((s) => s.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: 2 })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409);
    expect(loser?.body.code).toBe('ITEM_CHANGED');
    expect(loser?.body.details.item).toMatchObject({ id, stage: 'approved', version: 3 });
    const events: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'approve'`, [id]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('without expectedVersion a concurrent decision still loses with 409 (the UPDATE checks the version it read)', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK');
    const people = await Promise.all(['gsyt3', 'gsyt4', 'gsyt5'].map((u) => signIn(t.app, u)));
    const answers = await Promise.all(people.map((s) => s.post(`/api/items/${id}/actions`, { action: 'approve' })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) expect(['ITEM_CHANGED', 'ITEM_FINAL']).toContain(r.body.code);
  });

  it('an Idempotency-Key takes effect once; repeating it answers the first answer; a different body with the same key is refused', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const created = await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Idempotent', data: PLAN_DATA }).expect(201);
    const id = created.body.id as string;
    const key = { 'Idempotency-Key': `submit-${id}` };
    const [first, second] = await Promise.all([
      officer.post(`/api/items/${id}/actions`, { action: 'submit' }, key),
      officer.post(`/api/items/${id}/actions`, { action: 'submit' }, key),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    const third = await officer.post(`/api/items/${id}/actions`, { action: 'submit' }, key).expect(200);
    expect(third.body).toEqual(first.body);
    const submits: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'submit'`, [id]);
    expect(Number(submits[0].n)).toBe(1);
    const reused = await officer.post(`/api/items/${id}/actions`, { action: 'withdraw' }, key).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('many concurrent claims of an offered item: exactly one wins, every other is told who has it', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const id = await submittedPlan(t, officer, 'CDCS-YT-TCYT');
    const claimers = await Promise.all(['gsyt1', 'gsyt2', 'gsyt3', 'gsyt4', 'gsyt5', 'gsyt6', 'gsyt7', 'gsyt8'].map((u) => signIn(t.app, u)));
    const answers = await Promise.all(claimers.map((c) => c.post(`/api/items/${id}/actions`, { action: 'claim' })));
    const winners = answers.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const winner = claimers[answers.indexOf(winners[0])];
    for (const r of answers.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ITEM_CLAIMED');
      expect(r.body.detail).toContain(winner.username);
      expect(r.body.details.claimedBy).toMatchObject({ id: winner.userId, username: winner.username });
    }
    const item = await winner.get(`/api/items/${id}`).expect(200);
    expect(item.body.assignment.claimedBy).toBe(winner.userId);
    // Someone else cannot approve while it is claimed.
    const other = claimers.find((c) => c !== winner) as (typeof claimers)[number];
    expect((await other.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body.code).toBe('ITEM_CLAIMED');
  });

  it('a claimed item can be given back (offered again) or handed to a colleague with the draft kept', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const id = await submittedPlan(t, officer, 'CDCS-YT-TCYT', 'Bàn giao');
    const [a, b] = await Promise.all([signIn(t.app, 'gsyt1'), signIn(t.app, 'gsyt2')]);
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    const released = await a.post(`/api/items/${id}/actions`, { action: 'release' }).expect(200);
    expect(released.body.assignment).toMatchObject({ userId: null, claimedBy: null, mode: 'offer' });
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    const handed = await a.post(`/api/items/${id}/actions`, { action: 'handover', toUserId: b.userId, draft: { comment: 'Đã xem phần mục tiêu' } }).expect(200);
    expect(handed.body.assignment.claimedBy).toBe(b.userId);
    expect(handed.body.draft).toEqual({ comment: 'Đã xem phần mục tiêu' });
    expect((await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body.code).toBe('ITEM_CLAIMED');
    await b.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
  });

  it('the history table refuses UPDATE and DELETE in the database itself', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Audit');
    await expect(t.dataSource.query(`UPDATE work_item_event SET comment = 'sửa' WHERE item_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM work_item_event WHERE item_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('a sibling unit never sees an item (404, like a missing one); the supervisor of the subtree does', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Riêng');
    const sibling = await signIn(t.app, 'canbo.yt-tcyt');
    const outsider = await signIn(t.app, 'giamsat.gd');
    expect((await sibling.get(`/api/items/${id}`).expect(404)).body.code).toBe('NOT_FOUND');
    await outsider.get(`/api/items/${id}`).expect(404);
    await outsider.get(`/api/items/${id}/history`).expect(404);
    expect((await outsider.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(404)).body.code).toBe('NOT_FOUND');
    await (await signIn(t.app, 'giamsat.yt')).get(`/api/items/${id}`).expect(200);
    await (await signIn(t.app, 'chutich.tinh')).get(`/api/items/${id}`).expect(200);
    const list = await sibling.get('/api/items?workflow=unit_plan').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('bulk approve: each item succeeds or fails on its own, and a repeat under the key answers the first result', async () => {
    const officer = await signIn(t.app, 'canbo.vc-vpubnd');
    const supervisor = await signIn(t.app, 'giamsat.vc');
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(await submittedPlan(t, officer, 'CDCS-VC-VPUBND', `Bulk ${i}`));
    const foreign = await submittedPlan(t, await signIn(t.app, 'canbo.yt-bvdk'), 'CDCS-YT-BVDK', 'Không thuộc');
    const key = { 'Idempotency-Key': 'bulk-1' };
    const res = await supervisor.post('/api/items/bulk-actions', { action: 'approve', itemIds: [...ids, foreign] }, key).expect(200);
    expect(res.body).toMatchObject({ succeeded: 3, failed: 1 });
    expect(res.body.results.find((r: { itemId: string }) => r.itemId === foreign)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const again = await supervisor.post('/api/items/bulk-actions', { action: 'approve', itemIds: [...ids, foreign] }, key).expect(200);
    expect(again.body.succeeded).toBe(3);
    const approvals: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = ANY($1::uuid[]) AND event = 'approve'`, [ids]);
    expect(Number(approvals[0].n)).toBe(3);
    const returned = await supervisor.post('/api/items/bulk-actions', { action: 'return', itemIds: ids }).expect(200);
    expect(returned.body.results.every((r: { ok: boolean; error?: { code: string } }) => !r.ok && r.error?.code === 'ITEM_FINAL')).toBe(true);
  });
});
