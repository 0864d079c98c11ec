import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { WorkflowScheduler } from '../../src/modules/workflow/timers/workflow-scheduler';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Early and late offering, help and co-sign requests (issue 15, line 6): a commitment made while the item is still
 * at the draft becomes the allocation when the review opens (withdrawable, barred persons refused); a delayed
 * offer reaches the inbox only when its durable timer fires; under `helpers: {wait: true}` the holder's decision is
 * refused with COSIGN_PENDING until every co-sign request is answered.
 */
describe('early / late offering and help requests', () => {
  let t: TestApp;
  let officer: Client;
  let a: Client;
  let b: Client;
  let c: Client;
  let scheduler: WorkflowScheduler;
  const flow = (key: string, review: Record<string, unknown>) => ({
    schemaVersion: 1,
    key,
    version: 1,
    name: { vi: 'Duyệt' },
    initialStage: 'draft',
    visibility: { supervisor: 'all' },
    stages: {
      draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
      review: { kind: 'task', name: { vi: 'Duyệt' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'done' }, { on: 'return', target: 'draft' }], ...review },
      done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
    },
  });
  beforeAll(async () => {
    t = await startWorkflowApp();
    scheduler = t.app.get(WorkflowScheduler, { strict: false });
    await createUsers(t, 'gsof', 3, 'supervisor', 'CDN-YT');
    const admin = await signIn(t.app, 'admin');
    for (const [key, review] of [
      ['of_early', { offering: { early: true } }],
      ['of_delay', { offering: { delay: { hours: 4 } } }],
      ['of_cosign', { helpers: { wait: true } }],
    ] as const) {
      const draft = await admin.post('/api/workflows', { definition: flow(key, review) }).expect(201);
      await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
    }
    // Publishing validates: bad keys and values are refused with their paths.
    const bad = await admin.post('/api/workflows', { definition: flow('of_bad', { offering: { delay: { hours: -1 }, eraly: true }, helpers: { wait: 'yes' } }) }).expect(201);
    const refusedPublish = await admin.post(`/api/workflows/${bad.body.id}/publish`);
    expect(refusedPublish.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(refusedPublish.body)).toEqual(expect.stringContaining('stages.review.offering.delay.hours'));
    expect(JSON.stringify(refusedPublish.body)).toEqual(expect.stringContaining('stages.review.offering.eraly'));
    expect(JSON.stringify(refusedPublish.body)).toEqual(expect.stringContaining('stages.review.helpers.wait'));
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    [a, b, c] = await Promise.all([signIn(t.app, 'gsof1'), signIn(t.app, 'gsof2'), signIn(t.app, 'gsof3')]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function created(workflow: string, title: string): Promise<string> {
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    return (await officer.post('/api/items', { workflow, unitId, title, data: {} }).expect(201)).body.id as string;
  }
  const inboxIds = async (cl: Client, workflow: string): Promise<string[]> => ((await cl.get(`/api/inbox?workflow=${workflow}&limit=200`).expect(200)).body.items as Array<{ id: string }>).map((i) => i.id);

  it('early offering: upcoming in the inbox, commit (and withdraw), the commitment becomes the allocation at stage open', async () => {
    const id = await created('of_early', 'Sắp tới');
    const upcoming = (await a.get('/api/inbox/upcoming').expect(200)).body.items as Array<{ id: string; upcomingStage: string; committedByMe: boolean }>;
    expect(upcoming.find((i) => i.id === id)).toMatchObject({ upcomingStage: 'review', committedByMe: false });
    // Not offered yet: the draft is the officer's.
    expect(await inboxIds(a, 'of_early')).not.toContain(id);
    // Separation of duties: the submitter may not commit to the review of their own item.
    expect((await officer.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(403)).body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await a.post(`/api/items/${id}/commitments`, { stage: 'done' }).expect(409)).body.code).toBe('COMMITMENT_REFUSED');
    const view = (await b.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(200)).body;
    expect(view.upcoming[0]).toMatchObject({ stage: 'review', canCommit: true, committedByMe: true });
    await request(t.app.getHttpServer()).delete(`/api/items/${id}/commitments/review`).set('Authorization', `Bearer ${b.token}`).expect(200);
    await a.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(200);
    await b.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(200);
    expect((await a.post(`/api/items/${id}/commitments`, { stage: 'review' }).expect(409)).body.details.reason).toBe('already_committed');
    const item = (await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200)).body;
    // The first active commitment (a's; b withdrew and committed again later) is the allocation.
    expect(item.assignment).toMatchObject({ claimedBy: a.userId });
    expect(item.workState).toBe('allocated');
    const rows = (await t.dataSource.query(`SELECT user_id AS "userId", status FROM work_item_commitment WHERE item_id = $1 ORDER BY created_at`, [id])) as Array<{ userId: string; status: string }>;
    expect(rows.map((r) => `${r.userId === a.userId ? 'a' : 'b'}:${r.status}`)).toEqual(['b:withdrawn', 'a:allocated', 'b:lapsed']);
    const history = ((await a.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string }>).map((e) => e.event);
    expect(history).toEqual(expect.arrayContaining(['offer.committed', 'offer.withdrawn', 'submit']));
    expect((await a.get('/api/inbox/upcoming').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('late offering: the delayed offer reaches the inbox (and may be claimed) only when its durable timer fires', async () => {
    const id = await created('of_delay', 'Trễ');
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    const timer = (await t.dataSource.query(`SELECT kind, fire_at AS "fireAt" FROM workflow_timer WHERE item_id = $1 AND status = 'pending'`, [id])) as Array<{ kind: string; fireAt: Date }>;
    expect(timer.map((x) => x.kind)).toEqual(['offer']);
    expect(await inboxIds(a, 'of_delay')).not.toContain(id);
    expect((await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(409)).body.code).toBe('OFFER_NOT_OPEN');
    const fireAt = new Date(timer[0].fireAt).getTime();
    await scheduler.fireDue(new Date(fireAt - 60_000));
    expect(await inboxIds(a, 'of_delay')).not.toContain(id);
    expect((await scheduler.fireDue(new Date(fireAt + 60_000))).fired).toBeGreaterThanOrEqual(1);
    expect(await inboxIds(a, 'of_delay')).toContain(id);
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
  });

  it('co-sign: the holder asks colleagues; deciding is refused with COSIGN_PENDING until every co-sign is answered', async () => {
    const id = await created('of_cosign', 'Đồng ký');
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    // Only the holder of started work may ask.
    expect((await a.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [b.userId], message: 'Xin đồng ký' }).expect(422)).body.details.reason).toBe('not_holder');
    await a.post(`/api/items/${id}/actions`, { action: 'start' }).expect(200);
    const asked = (await a.post(`/api/items/${id}/help-requests`, { kind: 'cosign', userIds: [b.userId, c.userId], message: 'Xin đồng ký' }).expect(200)).body;
    expect(asked).toMatchObject({ pendingCosigns: 2, waits: true });
    const mine = (await b.get('/api/inbox/help-requests').expect(200)).body.items as Array<{ id: string; itemId: string; kind: string }>;
    const forB = mine.find((r) => r.itemId === id);
    expect(forB).toMatchObject({ kind: 'cosign' });
    const notes = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'workflow.notify' AND payload ->> 'itemId' = $1 AND payload ->> 'template' = 'cosign.requested'`, [id])) as Array<{ n: number }>;
    expect(notes[0].n).toBe(2);
    const refused = await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'COSIGN_PENDING', details: { refusal: { details: { pending: 2 } } } });
    // Answers: only the addressee, with the right answer, a decline needs a reason.
    await a.post(`/api/items/${id}/help-requests/${forB!.id}/answer`, { answer: 'cosigned' }).expect(404);
    expect((await b.post(`/api/items/${id}/help-requests/${forB!.id}/answer`, { answer: 'done' }).expect(422)).body.details.reason).toBe('wrong_answer');
    await b.post(`/api/items/${id}/help-requests/${forB!.id}/answer`, { answer: 'cosigned' }).expect(200);
    expect((await b.post(`/api/items/${id}/help-requests/${forB!.id}/answer`, { answer: 'cosigned' }).expect(422)).body.details.reason).toBe('not_open');
    expect((await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body.details.refusal.details.pending).toBe(1);
    const forC = ((await c.get('/api/inbox/help-requests').expect(200)).body.items as Array<{ id: string; itemId: string }>).find((r) => r.itemId === id)!;
    expect((await c.post(`/api/items/${id}/help-requests/${forC.id}/answer`, { answer: 'declined' }).expect(422)).body.details.reason).toBe('reason_required');
    await c.post(`/api/items/${id}/help-requests/${forC.id}/answer`, { answer: 'declined', reason: 'Không phụ trách lĩnh vực này' }).expect(200);
    const done = (await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200)).body;
    expect(done.stage).toBe('done');
    const history = ((await a.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string; comment: string | null }>);
    expect(history.map((e) => e.event)).toEqual(expect.arrayContaining(['cosign.requested', 'help.answered', 'approve']));
    expect(history.find((e) => e.event === 'help.answered' && e.comment)?.comment).toBe('Không phụ trách lĩnh vực này');
    const list = (await a.get(`/api/items/${id}/help-requests`).expect(200)).body;
    expect(list.items.map((r: { status: string }) => r.status).sort()).toEqual(['cosigned', 'declined']);
  });
});
