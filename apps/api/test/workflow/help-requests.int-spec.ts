import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from './workflow-test-kit';

/**
 * Issue 15, line 6: the holder asks named colleagues to help or co-sign, and the stage waits for them where
 * configured. The district (CDN-YT) reviews a grassroots officer's file; `giamsat.yt` claims it and asks the two
 * district colleagues `gshelp1`/`gshelp2` (who read the district's held items: `visibility.supervisor: all`).
 */
describe('help and co-sign requests', () => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let holder: Client;
  let h1: Client;
  let h2: Client;
  let sibling: Client;
  let unitId: string;

  async function publish(key: string, help: Record<string, unknown>): Promise<void> {
    const flow = {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: `Nhờ hỗ trợ ${key}` },
      initialStage: 'draft',
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập hồ sơ', en: 'Draft' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Thẩm định', en: 'Appraisal' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          visibility: { supervisor: 'all' },
          help,
          transitions: [{ on: 'approve', target: 'done' }, { on: 'return', target: 'draft' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow });
    if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }

  /** A new item of `workflow`, submitted, claimed by the holder. */
  async function claimed(workflow: string, title = `Hồ sơ ${workflow}`): Promise<string> {
    const id = (await officer.post('/api/items', { workflow, unitId, title, data: {} }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await holder.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    return id;
  }
  const allowed = async (c: Client, id: string): Promise<string[]> => ((await c.get(`/api/items/${id}/allowed-actions`).expect(200)).body.actions as Array<{ action: string }>).map((a) => a.action);
  const history = async (id: string): Promise<string[]> => ((await t.dataSource.query(`SELECT event FROM work_item_event WHERE item_id = $1 ORDER BY occurred_at, id`, [id])) as Array<{ event: string }>).map((r) => r.event);
  const notified = (c: Client, template: string, itemId: string) =>
    waitFor(async () => {
      const page = (await c.get('/api/notifications').expect(200)).body as { items: Array<{ template: string; itemId: string; title: string; kind: string }> };
      const mine = page.items.filter((n) => n.template === template && n.itemId === itemId);
      return mine.length > 0 ? mine : undefined;
    }, `${template} for ${c.username}`);

  beforeAll(async () => {
    t = await startWorkflowApp();
    await createUsers(t, 'gshelp', 2, 'supervisor', 'CDN-YT');
    admin = await signIn(t.app, 'admin');
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    holder = await signIn(t.app, 'giamsat.yt');
    h1 = await signIn(t.app, 'gshelp1');
    h2 = await signIn(t.app, 'gshelp2');
    sibling = await signIn(t.app, 'canbo.yt-tcyt');
    unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    await publish('help_only', { allowed: true });
    await publish('cosign_wait', { allowed: true, coSign: { required: true, minimum: 1, waitForAll: true } });
  });
  afterAll(async () => t.close());

  it('asks for help by username; the colleague sees it in "Được nhờ hỗ trợ" with the title and stage name, replies; history, audit and one notification each way', async () => {
    const id = await claimed('help_only', 'Kế hoạch cần góp ý');
    const asked = await holder.post(`/api/items/${id}/help-requests`, { kind: 'help', usernames: ['GSHELP1'], message: 'Anh xem giúp phần chỉ tiêu' }).expect(201);
    expect(asked.body).toHaveLength(1);
    expect(asked.body[0]).toMatchObject({ kind: 'help', status: 'open', stage: 'review', stageName: { vi: 'Thẩm định', en: 'Appraisal' }, to: { username: 'gshelp1' }, from: { username: 'giamsat.yt' } });
    const inbox = (await h1.get('/api/help-requests').expect(200)).body as Array<{ id: string; itemTitle: string; stageName: { vi: string } }>;
    expect(inbox.map((r) => [r.id, r.itemTitle, r.stageName.vi])).toEqual([[asked.body[0].id, 'Kế hoạch cần góp ý', 'Thẩm định']]);
    expect((await h2.get('/api/help-requests').expect(200)).body).toEqual([]);
    const [note] = await notified(h1, 'help.requested', id);
    expect(note!.kind).toBe('help');
    expect(note!.title).toMatch(/nhờ bạn hỗ trợ hồ sơ “Kế hoạch cần góp ý” ở bước Thẩm định: “Anh xem giúp phần chỉ tiêu”\.$/);

    // A help request does not hold the decision.
    expect(await allowed(holder, id)).toContain('approve');
    // Signing a help request is not an answer it takes.
    expect((await h1.post(`/api/help-requests/${asked.body[0].id}/sign`, {}).expect(422)).body.code).toBe('HELP_ANSWER_INVALID');
    const replied = await h1.post(`/api/help-requests/${asked.body[0].id}/reply`, { text: 'Chỉ tiêu 2 nên tăng lên 95%' }).expect(200);
    expect(replied.body).toMatchObject({ status: 'replied', answer: 'Chỉ tiêu 2 nên tăng lên 95%' });
    const [back] = await notified(holder, 'help.replied', id);
    expect(back!.title).toContain('Chỉ tiêu 2 nên tăng lên 95%');
    expect((await h1.get('/api/help-requests').expect(200)).body).toEqual([]);
    expect((await h1.get('/api/help-requests?status=all').expect(200)).body).toHaveLength(1);
    expect(await history(id)).toEqual(expect.arrayContaining(['help.requested', 'help.replied']));
    const audit: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'item.help.%' ORDER BY occurred_at`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['item.help.requested', 'item.help.replied']);
    // Co-signing is not configured on this stage.
    expect((await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [h2.userId], message: 'Đồng ký giúp' }).expect(422)).body.code).toBe('HELP_NOT_ALLOWED');
    await holder.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
  });

  it('the co-sign wait: approve is left out and refused with COSIGN_PENDING until signed; waitForAll waits for the decline too', async () => {
    const id = await claimed('cosign_wait', 'Hồ sơ cần đồng ký');
    expect(await allowed(holder, id)).not.toContain('approve');
    expect(await allowed(holder, id)).toContain('return');
    const early = await holder.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409);
    expect(early.body.code).toBe('COSIGN_PENDING');
    const view0 = (await holder.get(`/api/items/${id}/help-requests`).expect(200)).body;
    expect(view0).toMatchObject({ kinds: ['help', 'cosign'], canAsk: true, coSign: { required: true, needed: 1, signed: 0, open: 0, waits: true } });

    const asked = await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [h1.userId, h2.userId], message: 'Đề nghị đồng ký tờ trình' }).expect(201);
    const r1 = asked.body.find((r: { to: { username: string } }) => r.to.username === 'gshelp1').id as string;
    const r2 = asked.body.find((r: { to: { username: string } }) => r.to.username === 'gshelp2').id as string;
    await notified(h2, 'cosign.requested', id);
    const stale = (await holder.get(`/api/items/${id}`).expect(200)).body.version as number;
    await h1.post(`/api/help-requests/${r1}/sign`, {}).expect(200);
    await notified(holder, 'cosign.signed', id);
    // One signature, one request unanswered: waitForAll still holds the decision.
    expect(await allowed(holder, id)).not.toContain('approve');
    expect((await holder.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body).toMatchObject({ code: 'COSIGN_PENDING' });
    // Declining needs a reason.
    await h2.post(`/api/help-requests/${r2}/decline`, { reason: '' }).expect(400);
    const declined = await h2.post(`/api/help-requests/${r2}/decline`, { reason: 'Chưa đủ căn cứ' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', answer: 'Chưa đủ căn cứ' });
    const [told] = await notified(holder, 'cosign.declined', id);
    expect(told!.title).toContain('Chưa đủ căn cứ');
    expect((await holder.get(`/api/items/${id}/help-requests`).expect(200)).body.coSign).toMatchObject({ signed: 1, open: 0, waits: false });
    expect(await allowed(holder, id)).toContain('approve');
    // A decision computed on the version from before the co-signatures lost its race.
    expect((await holder.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: stale }).expect(409)).body.code).toBe('ITEM_CHANGED');
    await holder.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    expect(await history(id)).toEqual(expect.arrayContaining(['cosign.requested', 'cosign.signed', 'cosign.declined', 'approve']));
  });

  it('the holder cancels; an answer after it is refused; a request lapses when the item moves on', async () => {
    const id = await claimed('cosign_wait');
    const [req] = (await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', usernames: ['gshelp1'], message: 'Đồng ký giúp' }).expect(201)).body as Array<{ id: string }>;
    // Asked twice while open: refused.
    expect((await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', usernames: ['gshelp1'], message: 'Lần nữa' }).expect(409)).body.code).toBe('HELP_ALREADY_ASKED');
    // The person asked cannot cancel; nor sign what was cancelled.
    expect((await h1.post(`/api/help-requests/${req!.id}/cancel`, {}).expect(404)).body.code).toBe('NOT_FOUND');
    const cancelled = await holder.post(`/api/help-requests/${req!.id}/cancel`, { reason: 'Đã đủ người ký' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await notified(h1, 'cosign.cancelled', id);
    expect((await h1.post(`/api/help-requests/${req!.id}/sign`, {}).expect(409)).body.code).toBe('HELP_REQUEST_CLOSED');
    expect((await h1.get('/api/help-requests').expect(200)).body.filter((r: { itemId: string }) => r.itemId === id)).toEqual([]);

    const [help] = (await holder.post(`/api/items/${id}/help-requests`, { kind: 'help', usernames: ['gshelp2'], message: 'Góp ý giúp' }).expect(201)).body as Array<{ id: string }>;
    await holder.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung' }).expect(200);
    expect((await h2.get('/api/help-requests').expect(200)).body.filter((r: { itemId: string }) => r.itemId === id)).toEqual([]);
    const all = (await holder.get(`/api/items/${id}/help-requests`).expect(200)).body;
    expect(all.requests.find((r: { id: string }) => r.id === help!.id).status).toBe('lapsed');
    expect(all.canAsk).toBe(false);
    expect((await h2.post(`/api/help-requests/${help!.id}/reply`, { text: 'Muộn' }).expect(409)).body.code).toBe('HELP_REQUEST_CLOSED');
  });

  it('refuses whom one may not ask (422 with a code, nothing written) and answers strangers as for a random id', async () => {
    const id = await claimed('cosign_wait');
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM work_item_help_request WHERE item_id = $1`, [id]))[0].n);
    const cannot = await holder.post(`/api/items/${id}/help-requests`, { kind: 'help', usernames: ['canbo.yt-tcyt'], message: 'Nhờ xem' }).expect(422);
    expect(cannot.body).toMatchObject({ code: 'HELP_RECIPIENT_CANNOT_READ', details: { refused: [expect.stringContaining('canbo.yt-tcyt')] } });
    const unknown = await holder.post(`/api/items/${id}/help-requests`, { kind: 'help', usernames: ['khong.ton.tai'], message: 'Nhờ xem' }).expect(422);
    expect(unknown.body.code).toBe('HELP_RECIPIENT_CANNOT_READ');
    expect((await holder.post(`/api/items/${id}/help-requests`, { kind: 'help', userIds: [holder.userId], message: 'Tự nhờ' }).expect(422)).body.code).toBe('HELP_RECIPIENT_SELF');
    // Separation of duties: the submitter reads the item but may not co-sign its appraisal.
    const sod = await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [officer.userId], message: 'Đồng ký' }).expect(403);
    expect(sod.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { userIds: [officer.userId] } });
    // Only the holder asks; someone who cannot read the item gets the random-id answer.
    expect((await h1.post(`/api/items/${id}/help-requests`, { kind: 'help', userIds: [h2.userId], message: 'Nhờ' }).expect(403)).body.code).toBe('HELP_NOT_HOLDER');
    expect((await sibling.post(`/api/items/${id}/help-requests`, { kind: 'help', userIds: [h2.userId], message: 'Nhờ' }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await sibling.get(`/api/items/${id}/help-requests`).expect(404)).body.code).toBe('NOT_FOUND');
    expect(await count()).toBe(0);

    const [req] = (await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [h1.userId], message: 'Đồng ký giúp' }).expect(201)).body as Array<{ id: string }>;
    // Someone else answering another's request: the answer of a random id.
    for (const path of ['sign', 'decline', 'cancel']) {
      const other = await h2.post(`/api/help-requests/${req!.id}/${path}`, { reason: 'Không' }).expect(404);
      const ghost = await h2.post(`/api/help-requests/${randomUUID()}/${path}`, { reason: 'Không' }).expect(404);
      expect({ ...other.body, requestId: undefined, instance: undefined }).toEqual({ ...ghost.body, requestId: undefined, instance: undefined });
      await sibling.post(`/api/help-requests/${req!.id}/${path}`, { reason: 'Không' }).expect(404);
    }
    expect((await t.dataSource.query(`SELECT status FROM work_item_help_request WHERE id = $1`, [req!.id]))[0].status).toBe('open');
  });

  it('races: two answers to one request, and a cancel against an answer — one wins, the other is told the request is closed', async () => {
    const id = await claimed('cosign_wait');
    const [a] = (await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [h1.userId], message: 'Ký giúp' }).expect(201)).body as Array<{ id: string }>;
    const both = await Promise.all([h1.post(`/api/help-requests/${a!.id}/sign`, {}), h1.post(`/api/help-requests/${a!.id}/decline`, { reason: 'Đổi ý' })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('HELP_REQUEST_CLOSED');
    const [b] = (await holder.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [h2.userId], message: 'Ký giúp' }).expect(201)).body as Array<{ id: string }>;
    const race = await Promise.all([holder.post(`/api/help-requests/${b!.id}/cancel`, {}), h2.post(`/api/help-requests/${b!.id}/sign`, {})]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows: Array<{ status: string }> = await t.dataSource.query(`SELECT status FROM work_item_help_request WHERE item_id = $1 ORDER BY created_at`, [id]);
    expect(rows.every((r) => r.status !== 'open')).toBe(true);
    // Exactly one history row per request closed.
    const closes = (await history(id)).filter((e) => e === 'cosign.signed' || e === 'cosign.declined' || e === 'cosign.cancelled');
    expect(closes).toHaveLength(2);
  });
});
