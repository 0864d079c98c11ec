import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Work-item states and the holder's draft (issue 15, line 5): offered → allocated → started, visible in the inbox
 * and on the item; a reviewer saves a draft of their own stage's fields (no 403), kept with the item and in its
 * history; a stateless hand-over discards the draft and its history row says what was discarded.
 */
describe('work states and drafts of a later stage', () => {
  let t: TestApp;
  let officer: Client;
  let a: Client;
  let b: Client;
  beforeAll(async () => {
    t = await startWorkflowApp();
    await createUsers(t, 'gsws', 2, 'supervisor', 'CDN-YT');
    const admin = await signIn(t.app, 'admin');
    const flow = {
      schemaVersion: 1,
      key: 'ws_review',
      version: 1,
      name: { vi: 'Duyệt có nhận xét' },
      initialStage: 'draft',
      visibility: { supervisor: 'all' },
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Duyệt' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          fields: [{ name: 'reviewNotes', type: 'string', required: true }],
          transitions: [{ on: 'approve', target: 'done' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    [a, b] = await Promise.all([signIn(t.app, 'gsws1'), signIn(t.app, 'gsws2')]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function submitted(title: string): Promise<string> {
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const id = (await officer.post('/api/items', { workflow: 'ws_review', unitId, title, data: {} }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    return id;
  }
  const inboxState = async (c: Client, id: string): Promise<string | undefined> =>
    ((await c.get('/api/inbox?workflow=ws_review&limit=200').expect(200)).body.items as Array<{ id: string; workState: string }>).find((i) => i.id === id)?.workState;

  it('offered → allocated → started, in the inbox and on the item; starting twice is refused', async () => {
    const id = await submitted('Trạng thái');
    expect(await inboxState(a, id)).toBe('offered');
    expect((await a.get(`/api/items/${id}`).expect(200)).body.workState).toBe('offered');
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    expect(await inboxState(a, id)).toBe('allocated');
    expect((await a.get(`/api/items/${id}/allowed-actions`).expect(200)).body.actions.map((x: { action: string }) => x.action)).toContain('start');
    const started = (await a.post(`/api/items/${id}/actions`, { action: 'start' }).expect(200)).body;
    expect(started.workState).toBe('started');
    expect(typeof started.assignment.startedAt).toBe('string');
    expect(await inboxState(a, id)).toBe('started');
    expect((await a.post(`/api/items/${id}/actions`, { action: 'start' }).expect(422)).body.code).toBe('ACTION_NOT_AVAILABLE');
    // A colleague cannot start what someone holds: told who holds it.
    expect((await b.post(`/api/items/${id}/actions`, { action: 'start' }).expect(409)).body.code).toBe('ITEM_CLAIMED');
    const history = (await a.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string }>;
    expect(history.map((e) => e.event)).toEqual(expect.arrayContaining(['claim', 'start']));
  });

  it('the reviewer saves a draft of their own stage’s fields (kept with the item, in its history, the work started); others and other fields are refused', async () => {
    const id = await submitted('Nháp của người duyệt');
    const saved = (await a.patch(`/api/items/${id}/data`, { data: { reviewNotes: 'Đạt yêu cầu, cần bổ sung số liệu' } }).expect(200)).body;
    expect(saved).toMatchObject({ draft: { reviewNotes: 'Đạt yêu cầu, cần bổ sung số liệu' }, workState: 'started', assignment: { claimedBy: a.userId } });
    // Not written into the item's data: it is work in progress.
    expect(saved.data.reviewNotes).toBeUndefined();
    const row = (await t.dataSource.query(`SELECT snapshot #> '{assignment,draft}' AS draft FROM work_item WHERE id = $1`, [id]))[0] as { draft: unknown };
    expect(row.draft).toEqual({ reviewNotes: 'Đạt yêu cầu, cần bổ sung số liệu' });
    const history = (await a.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string; actorUserId?: string }>;
    expect(history.map((e) => e.event)).toContain('save_draft');
    // Another reviewer cannot overwrite it; a field of another stage is still an amendment (refused to the reviewer).
    expect((await b.patch(`/api/items/${id}/data`, { data: { reviewNotes: 'Khác' } }).expect(409)).body.code).toBe('ITEM_CLAIMED');
    await a.patch(`/api/items/${id}/data`, { data: { somethingElse: 'x' } }).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    // The draft survives a stateful hand-over.
    await a.post(`/api/items/${id}/actions`, { action: 'handover', toUserId: b.userId }).expect(200);
    expect((await b.get(`/api/items/${id}`).expect(200)).body).toMatchObject({ draft: { reviewNotes: 'Đạt yêu cầu, cần bổ sung số liệu' }, workState: 'allocated' });
  });

  it('a stateless hand-over discards the draft and its history row records what was discarded', async () => {
    const id = await submitted('Bàn giao không giữ nháp');
    await a.patch(`/api/items/${id}/data`, { data: { reviewNotes: 'Ghi chú dở dang' } }).expect(200);
    const handed = (await a.post(`/api/items/${id}/actions`, { action: 'handover', toUserId: b.userId, keepDraft: false }).expect(200)).body;
    expect(handed.draft).toBeNull();
    expect(handed.workState).toBe('allocated');
    const rows = (await t.dataSource.query(`SELECT details FROM work_item_event WHERE item_id = $1 AND event = 'handover'`, [id])) as Array<{ details: Record<string, unknown> }>;
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ audit: [{ action: 'handover', keepDraft: false, discardedDraft: { reviewNotes: 'Ghi chú dở dang' } }] });
    // The new holder completes the stage with its fields.
    await b.post(`/api/items/${id}/actions`, { action: 'approve', data: { reviewNotes: 'Đạt' } }).expect(200);
    expect((await b.get(`/api/items/${id}`).expect(200)).body.workState).toBe('completed');
  });
});
