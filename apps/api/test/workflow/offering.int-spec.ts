import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from './workflow-test-kit';

/**
 * Early and late offering (issue 15, line 6) through the API. The district (CDN-YT) checks, then reviews; its only
 * supervisors here are ofr1..3 (the demo's are removed). The review is offered early (its people see the item in
 * "upcoming" while it is being checked and may commit) or late (after a delay, or while their queue is short); the
 * checker may not review (distinctFrom).
 */
describe('early and late offering', () => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let sups: Client[];
  let unitId: string;
  let districtId: string;

  async function publish(key: string, offering: Record<string, unknown>): Promise<void> {
    const flow = {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: `Nhận trước ${key}` },
      initialStage: 'draft',
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập hồ sơ' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'check' }] },
        check: { kind: 'task', name: { vi: 'Kiểm tra' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Thẩm định', en: 'Appraisal' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          distinctFrom: ['check'],
          offering,
          transitions: [{ on: 'approve', target: 'done' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow });
    if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }

  /** An item submitted by the officer, now at the check stage. */
  async function atCheck(workflow: string): Promise<string> {
    const id = (await officer.post('/api/items', { workflow, unitId, title: `Hồ sơ ${workflow} ${Math.random().toString(36).slice(2, 7)}` }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    return id;
  }

  const withdraw = (c: Client, id: string, stage?: string) =>
    request(t.app.getHttpServer())
      .delete(`/api/items/${id}/commitments`)
      .query(stage ? { stage } : {})
      .set('Authorization', `Bearer ${c.token}`);
  const upcoming = async (c: Client) => (await c.get('/api/inbox/upcoming').expect(200)).body.items as Array<{ itemId: string; stage: string; stageName: { vi: string; en?: string }; currentStageName: { vi: string }; committedBy: { userId: string; fullName: string } | null; isCommittedByMe: boolean }>;
  const item = async (id: string) => (await admin.get(`/api/items/${id}`).expect(200)).body as { stage: string; assignment: { claimedBy: string | null } | null };
  const audit = async (id: string) => {
    const rows: Array<{ details: { audit?: Array<{ action: string; reason?: string; userId?: string }> } }> = await t.dataSource.query(`SELECT details FROM work_item_event WHERE item_id = $1 AND to_stage = 'review' ORDER BY item_version`, [id]);
    return rows.flatMap((r) => r.details.audit ?? []);
  };
  const inboxIds = async (c: Client, workflow: string) => ((await c.get(`/api/inbox?workflow=${workflow}`).expect(200)).body.items as Array<{ id: string }>).map((i) => i.id);

  beforeAll(async () => {
    t = await startWorkflowApp();
    districtId = await unitIdByCode(t, 'CDN-YT');
    await t.dataSource.query(`DELETE FROM role_assignment WHERE role = 'supervisor' AND unit_id = $1`, [districtId]);
    await createUsers(t, 'ofr', 3, 'supervisor', 'CDN-YT');
    admin = await signIn(t.app, 'admin');
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    sups = await Promise.all([1, 2, 3].map((i) => signIn(t.app, `ofr${i}`)));
    unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    await publish('of_early', { early: {} });
  });
  afterAll(async () => {
    await t.close();
  });

  it('early: the people of the review see it as upcoming (its name), one commits, and gets it allocated when it opens', async () => {
    const id = await atCheck('of_early');
    const [a, b, c] = sups as [Client, Client, Client];
    const seen = (await upcoming(a)).find((u) => u.itemId === id);
    expect(seen).toMatchObject({ stage: 'review', stageName: { vi: 'Thẩm định', en: 'Appraisal' }, currentStageName: { vi: 'Kiểm tra' }, committedBy: null, isCommittedByMe: false });
    // The officer who submitted it would not be offered the review: nothing upcoming for them.
    expect((await upcoming(officer)).some((u) => u.itemId === id)).toBe(false);
    const made = await a.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(201);
    expect(made.body).toMatchObject({ itemId: id, stage: 'review', stageName: { vi: 'Thẩm định' }, userId: a.userId });
    const taken = await b.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'COMMITMENT_TAKEN', details: { stage: 'review', holder: { id: a.userId, username: 'ofr1' } } });
    expect(taken.body.detail).toContain('ofr1');
    expect((await upcoming(b)).find((u) => u.itemId === id)).toMatchObject({ committedBy: { userId: a.userId }, isCommittedByMe: false });
    expect((await upcoming(a)).find((u) => u.itemId === id)).toMatchObject({ isCommittedByMe: true });
    // A stage that is not upcoming cannot be committed to.
    expect((await a.post(`/api/items/${id}/commitments`, { stage: 'done' }).expect(409)).body.code).toBe('NOT_UPCOMING');
    const audits: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'item.commitment%'`, [id]);
    expect(audits.map((r) => r.action)).toEqual(['item.commitment_made']);

    await c.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    const now = await item(id);
    expect(now.stage).toBe('review');
    expect(now.assignment?.claimedBy).toBe(a.userId);
    expect(await audit(id)).toContainEqual(expect.objectContaining({ action: 'offering.commitment_honoured', userId: a.userId }));
    const left: unknown[] = await t.dataSource.query(`SELECT 1 FROM work_item_commitment WHERE item_id = $1 UNION ALL SELECT 1 FROM work_item_upcoming WHERE item_id = $1`, [id]);
    expect(left).toEqual([]);
    const note = await waitFor(async () => ((await a.get('/api/notifications').expect(200)).body.items as Array<{ itemId: string; template: string; title: string }>).find((n) => n.itemId === id && n.template === 'offering.commitment_allocated'), 'the commitment notice');
    expect(note.title).toMatch(/^Hồ sơ “Hồ sơ of_early .+” đã đến bước “Thẩm định” mà bạn đã nhận trước nên được giao cho bạn \(.+\)\.$/);
  });

  it('a step prepared before a commitment loses its save (409 ITEM_CHANGED) instead of opening the stage without it', async () => {
    const id = await atCheck('of_early');
    const [a, , c] = sups as [Client, Client, Client];
    const before = (await c.get(`/api/items/${id}`).expect(200)).body.version as number;
    await a.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(201);
    const lost = await c.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: before }).expect(409);
    expect(lost.body.code).toBe('ITEM_CHANGED');
    expect((await item(id)).stage).toBe('check');
    // Done again on the item as it now is, the approval opens the review for the committed person.
    await c.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    expect((await item(id)).assignment?.claimedBy).toBe(a.userId);
  });

  it('two commitments at once: exactly one wins, the other gets 409 COMMITMENT_TAKEN naming the holder', async () => {
    const id = await atCheck('of_early');
    const [a, b] = sups as [Client, Client];
    const answers = await Promise.all([a.post(`/api/items/${id}/commitments`, { stage: 'review' }), b.post(`/api/items/${id}/commitments`, { stage: 'review' })]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = answers.find((r) => r.status === 201)!.body.userId as string;
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'COMMITMENT_TAKEN', details: { holder: { id: winner } } });
    const rows: Array<{ user_id: string }> = await t.dataSource.query(`SELECT user_id FROM work_item_commitment WHERE item_id = $1`, [id]);
    expect(rows).toEqual([{ user_id: winner }]);
  });

  it('a commitment can be withdrawn (recorded); then someone else may commit', async () => {
    const id = await atCheck('of_early');
    const [a, b] = sups as [Client, Client];
    await a.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(201);
    expect((await withdraw(a, id, 'review').expect(200)).body).toEqual({ itemId: id, stages: ['review'] });
    expect((await withdraw(a, id).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await upcoming(b)).find((u) => u.itemId === id)?.committedBy).toBeNull();
    await b.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(201);
    // Someone without the review's role at its unit gets the answer of a random id.
    expect((await withdraw(officer, id).expect(404)).body.code).toBe('NOT_FOUND');
    const audits: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'item.commitment%' ORDER BY chain_seq`, [id]);
    expect(audits.map((r) => r.action)).toEqual(['item.commitment_made', 'item.commitment_withdrawn', 'item.commitment_made']);
  });

  it('a committed person who can no longer act is skipped with the reason, and the stage is offered', async () => {
    const [a, b, c] = sups as [Client, Client, Client];
    // Separation of duties: the committed person checked the item themselves (the review is distinctFrom the check).
    const first = await atCheck('of_early');
    await a.post(`/api/items/${first}/commitments`, { stage: 'review' }).expect(201);
    await a.post(`/api/items/${first}/actions`, { action: 'approve' }).expect(200);
    expect((await item(first)).assignment?.claimedBy ?? null).toBeNull();
    expect(await audit(first)).toContainEqual(expect.objectContaining({ action: 'offering.commitment_skipped', userId: a.userId, reason: 'distinctFrom' }));
    expect(await inboxIds(b, 'of_early')).toContain(first);
    // Lost the role: the committed person's supervisor role at the district is ended before the stage opens.
    const second = await atCheck('of_early');
    await b.post(`/api/items/${second}/commitments`, { stage: 'review' }).expect(201);
    await t.dataSource.query(`DELETE FROM role_assignment WHERE user_id = $1 AND unit_id = $2`, [b.userId, districtId]);
    await c.post(`/api/items/${second}/actions`, { action: 'approve' }).expect(200);
    expect((await item(second)).assignment?.claimedBy ?? null).toBeNull();
    expect(await audit(second)).toContainEqual(expect.objectContaining({ action: 'offering.commitment_skipped', userId: b.userId, reason: 'no_role' }));
    await t.dataSource.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'supervisor')`, [b.userId, districtId]);
  });

  it('late: the offer is hidden from the inbox (and cannot be claimed) until the delay passes, then shown', async () => {
    // 0.0001 day = 8.64 s of calendar time after the review opens.
    await publish('of_late', { late: { after: { days: 0.0001, calendar: 'calendar' } } });
    // (ofr2's session ended when their role changed in the previous test.)
    const [a, , c] = sups as [Client, Client, Client];
    const id = await atCheck('of_late');
    // A late-only stage is not offered early.
    expect((await upcoming(a)).some((u) => u.itemId === id)).toBe(false);
    await c.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    const opened = Date.now();
    expect(await inboxIds(a, 'of_late')).not.toContain(id);
    const counts = (await a.get('/api/inbox/counts?workflow=of_late').expect(200)).body as { total: number };
    expect(counts.total).toBe(0);
    const early = await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(409);
    expect(early.body.code).toBe('OFFER_NOT_OPEN');
    const row: Array<{ offered_from: Date }> = await t.dataSource.query(`SELECT offered_from FROM work_item WHERE id = $1`, [id]);
    expect(new Date(row[0]!.offered_from).getTime()).toBeGreaterThan(opened);
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(row[0]!.offered_from).getTime() - Date.now() + 200)));
    expect(await inboxIds(a, 'of_late')).toContain(id);
    expect((await a.get('/api/inbox/counts?workflow=of_late').expect(200)).body.total).toBe(1);
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
  }, 60_000);

  it('late: shown only to people holding fewer open items than whenQueueBelow', async () => {
    await publish('of_queue', { late: { whenQueueBelow: 1 } });
    // Two supervisors who hold nothing yet.
    await createUsers(t, 'ofq', 2, 'supervisor', 'CDN-YT');
    const [q1, q2] = await Promise.all([signIn(t.app, 'ofq1'), signIn(t.app, 'ofq2')]);
    const c = sups[2] as Client;
    const x = await atCheck('of_queue');
    await c.post(`/api/items/${x}/actions`, { action: 'approve' }).expect(200);
    expect(await inboxIds(q1, 'of_queue')).toContain(x);
    // q1 takes another item: q1's queue is 1, so the review of x is no longer shown to q1; q2 (queue 0) still sees it.
    const y = await atCheck('of_queue');
    await q1.post(`/api/items/${y}/actions`, { action: 'claim' }).expect(200);
    expect(await inboxIds(q1, 'of_queue')).not.toContain(x);
    expect(await inboxIds(q1, 'of_queue')).toContain(y);
    expect(await inboxIds(q2, 'of_queue')).toContain(x);
    // Nor can q1 take it by its id: the claim checks the same queue (409 OFFER_NOT_OPEN, nothing changed).
    const refused = await q1.post(`/api/items/${x}/actions`, { action: 'claim' }).expect(409);
    expect(refused.body.code).toBe('OFFER_NOT_OPEN');
    const [held] = await t.dataSource.query(`SELECT assigned_user_id FROM work_item WHERE id = $1`, [x]);
    expect(held.assigned_user_id).toBeNull();
    // q1 releases y: the queue is empty again and x is shown, and q1 may take it.
    await q1.post(`/api/items/${y}/actions`, { action: 'release' }).expect(200);
    expect(await inboxIds(q1, 'of_queue')).toContain(x);
    await q1.post(`/api/items/${x}/actions`, { action: 'claim' }).expect(200);
  });
});
