import { PrincipalAccess } from '../../src/modules/org';
import { MAIL_TRANSPORT, type LogMailTransport } from '../../src/modules/notifications';
import { ItemRuntime } from '../../src/modules/workflow/items/item-runtime.service';
import { WorkItemRepository } from '../../src/modules/workflow/items/work-item.repository';
import { OutboxDispatcher } from '../../src/modules/workflow/outbox/outbox-dispatcher';
import { WorkflowScheduler } from '../../src/modules/workflow/timers/workflow-scheduler';
import type { TestApp } from '../support/test-app';
import { createUsers, PLAN_DATA, signIn, startWorkflowApp, submittedPlan, unitIdByCode, waitFor } from './workflow-test-kit';

const DAY = 86_400_000;

describe('durable timers, the transactional outbox and notifications', () => {
  let t: TestApp;
  let scheduler: WorkflowScheduler;
  beforeAll(async () => {
    t = await startWorkflowApp();
    scheduler = t.app.get(WorkflowScheduler, { strict: false });
    await createUsers(t, 'mailyt', 1, 'officer', 'CDCS-YT-CDC');
  });
  afterAll(async () => {
    await t.close();
  });

  const timersOf = (itemId: string): Promise<Array<{ key: string; kind: string; status: string; fireAt: Date }>> =>
    t.dataSource.query(`SELECT key, kind, status, fire_at AS "fireAt" FROM workflow_timer WHERE item_id = $1 ORDER BY fire_at, key`, [itemId]);
  const eventsOf = (itemId: string): Promise<Array<{ event: string; details: Record<string, unknown> }>> =>
    t.dataSource.query(`SELECT event, details FROM work_item_event WHERE item_id = $1 ORDER BY id`, [itemId]);

  it('stores reminders and escalations; the scheduler fires each once (even two schedulers at once) through the step function', async () => {
    const officer = await signIn(t.app, 'mailyt1');
    const unitId = await unitIdByCode(t, 'CDCS-YT-CDC');
    const item = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Hạn nộp', data: PLAN_DATA }).expect(201)).body;
    const timers = await timersOf(item.id);
    expect(timers.map((x) => [x.kind, x.status])).toEqual([['reminder', 'pending'], ['escalation', 'pending']]);
    const due = new Date(item.dueAt);
    // Nothing is due yet.
    expect(await scheduler.fireDue(new Date(due.getTime() - 10 * DAY))).toEqual({ fired: 0, stale: 0, failed: 0 });
    // Two scheduler processes racing at the deadline: each timer fires once.
    const [a, b] = await Promise.all([scheduler.fireDue(new Date(due.getTime() + 60_000)), scheduler.fireDue(new Date(due.getTime() + 60_000))]);
    expect(a.fired + b.fired).toBe(2);
    expect((await timersOf(item.id)).every((x) => x.status === 'fired')).toBe(true);
    const fired = (await eventsOf(item.id)).filter((e) => e.event === 'timer.fired');
    expect(fired.map((e) => e.details.kind).sort()).toEqual(['escalation', 'reminder']);
    expect(await scheduler.fireDue(new Date(due.getTime() + 30 * DAY))).toEqual({ fired: 0, stale: 0, failed: 0 });
    // The reminder reached the officer in-app and by e-mail (log transport), the escalation the supervisor above.
    const mine = await waitFor(async () => {
      const r = await officer.get('/api/notifications').expect(200);
      return r.body.items.some((n: { template: string }) => n.template === 'deadline.reminder') ? r.body : null;
    }, 'reminder notification');
    // The reminder at least (their own draft is not announced to them: nobody is told of their own step).
    expect(mine.unread).toBeGreaterThanOrEqual(1);
    const mail = t.app.get<LogMailTransport>(MAIL_TRANSPORT, { strict: false });
    expect(mail.sent.some((m) => m.to === 'mailyt1@example.test' && m.subject.includes('Hạn nộp'))).toBe(true);
    const supervisor = await signIn(t.app, 'giamsat.yt');
    await waitFor(async () => (await supervisor.get('/api/notifications').expect(200)).body.items.some((n: { template: string }) => n.template === 'deadline.escalated'), 'escalation notification');
  });

  it('a submission and the deadline escalation racing: exactly one takes effect, and the history shows which', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    let sawApproveWin = false;
    let sawTimerWin = false;
    for (let round = 0; round < 4; round += 1) {
      const id = await submittedPlan(t, officer, 'CDCS-YT-TCYT', `Đua ${round}`);
      const item = (await supervisor.get(`/api/items/${id}`).expect(200)).body;
      const due = new Date(item.dueAt).getTime();
      // Fire the reminder and the first escalation; the reassign-upward one (due + 2 working days) races the approval.
      await scheduler.fireDue(new Date(due + 60_000));
      const [approve] = await Promise.all([supervisor.post(`/api/items/${id}/actions`, { action: 'approve' }), scheduler.fireDue(new Date(due + 10 * DAY))]);
      const events = (await eventsOf(id)).map((e) => e.event);
      const escalations = (await eventsOf(id)).filter((e) => e.event === 'timer.fired' && e.details.kind === 'escalation');
      const after = (await t.dataSource.query(`SELECT stage, assigned_unit_id AS "unitId" FROM work_item WHERE id = $1`, [id]))[0];
      if (approve.status === 200) {
        sawApproveWin = true;
        expect(after.stage).toBe('approved');
        expect(escalations).toHaveLength(1);
        expect((await timersOf(id)).filter((x) => x.status === 'pending')).toHaveLength(0);
      } else {
        sawTimerWin = true;
        expect(events).not.toContain('approve');
        expect(escalations).toHaveLength(2);
        expect(after.stage).toBe('review');
        expect(after.unitId).toBe(await unitIdByCode(t, 'LDLD-NT'));
      }
    }
    expect(sawApproveWin || sawTimerWin).toBe(true);
  });

  it('suspending an item pauses its deadlines; resuming moves them by the time spent suspended', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const runtime = t.app.get(ItemRuntime, { strict: false });
    const access = t.app.get(PrincipalAccess, { strict: false });
    const supervisor = await access.principalFor((await signIn(t.app, 'giamsat.yt')).userId);
    const item = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Tạm dừng', data: PLAN_DATA }).expect(201)).body;
    const t0 = Date.now();
    const suspended = await runtime.act({ kind: 'user', principal: supervisor }, item.id, { type: 'suspend', reason: 'Chờ sáp nhập' }, { now: new Date(t0) });
    expect(suspended.status).toBe('suspended');
    expect((await timersOf(item.id)).every((x) => x.status === 'cancelled')).toBe(true);
    expect((await officer.post(`/api/items/${item.id}/actions`, { action: 'submit' }).expect(409)).body.code).toBe('ITEM_SUSPENDED');
    // An officer holds no suspend privilege.
    expect((await officer.post(`/api/items/${item.id}/actions`, { action: 'resume' }).expect(403)).body.code).toBe('ROLE_REQUIRED');
    const resumed = await runtime.act({ kind: 'user', principal: supervisor }, item.id, { type: 'resume' }, { now: new Date(t0 + 3 * DAY) });
    expect(resumed.status).toBe('active');
    expect(Date.parse(resumed.dueAt as string) - Date.parse(item.dueAt)).toBe(3 * DAY);
    const pending = (await timersOf(item.id)).filter((x) => x.status === 'pending');
    expect(pending).toHaveLength(2);
  });

  it('outbox rows are written in the action transaction: a rolled-back change leaves none, and nothing is dispatched', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const item = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Huỷ giao dịch', data: PLAN_DATA }).expect(201)).body;
    const runtime = t.app.get(ItemRuntime, { strict: false });
    const items = t.app.get(WorkItemRepository, { strict: false });
    const principal = await t.app.get(PrincipalAccess, { strict: false }).principalFor(officer.userId);
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n);
    const record = await items.byId(item.id);
    const prepared = await runtime.prepare({ kind: 'user', principal }, record as NonNullable<typeof record>, { type: 'submit' });
    await expect(
      t.dataSource.transaction(async (m) => {
        const out = await runtime.save(m, { kind: 'user', principal }, prepared, { type: 'submit' });
        expect(out.outbox.length).toBeGreaterThan(0);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(before);
    expect((await items.byId(item.id))?.version).toBe(1);
    expect((await eventsOf(item.id)).map((e) => e.event)).toEqual(['create']);
  });

  it('the relay re-dispatches rows a crash left undispatched; a delivery repeated by the queue lands once', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO outbox (topic, payload, created_at) VALUES ('workflow.notify', $1, now() - interval '1 minute') RETURNING id`,
      [JSON.stringify({ to: { userId: officer.userId }, template: 'item.assigned', params: { title: 'Sau sự cố' }, itemId: null })],
    );
    const dispatcher = t.app.get(OutboxDispatcher, { strict: false });
    expect(await dispatcher.relay(1000)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await t.dataSource.query(`SELECT 1 FROM notification WHERE dedup_key = $1`, [`${rows[0].id}:item.assigned:${officer.userId}`])).length === 1, 'relayed notification');
    // The queue delivering the same job again (at-least-once) adds nothing.
    const { NotificationsService } = await import('../../src/modules/notifications');
    const again = await t.app.get(NotificationsService, { strict: false }).deliver({ outboxId: rows[0].id, to: { userId: officer.userId }, template: 'item.assigned', params: { title: 'Sau sự cố' }, itemId: null });
    expect(again).toBe(0);
    // Delivered = its job completed (the completion hook marks the row); nothing is handed over again.
    await waitFor(async () => (await t.dataSource.query(`SELECT 1 FROM outbox WHERE id = $1 AND completed_at IS NOT NULL`, [rows[0].id])).length === 1, 'row completed');
    expect(await dispatcher.relay(1000, 200, 1000)).toBe(0);
    const dispatched = (await t.dataSource.query(`SELECT dispatched_at AS d FROM outbox WHERE id = $1`, [rows[0].id]))[0];
    expect(dispatched.d).not.toBeNull();
  });

  it('a row handed to a queue that lost its job (Redis restarted without persistence) is handed over again and lands once', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    // Handed over a minute ago, never completed: what a queue that lost the job leaves behind.
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO outbox (topic, payload, created_at, dispatched_at, dispatch_attempts)
       VALUES ('workflow.notify', $1, now() - interval '2 minutes', now() - interval '1 minute', 1) RETURNING id`,
      [JSON.stringify({ to: { userId: officer.userId }, template: 'item.assigned', params: { title: 'Hàng đợi mất việc' }, itemId: null })],
    );
    const dispatcher = t.app.get(OutboxDispatcher, { strict: false });
    // Within the redelivery lease nothing moves; past it the row is handed over again.
    expect(await dispatcher.relay(1000, 200, 10 * 60_000)).toBe(0);
    expect(await dispatcher.relay(1000, 200, 1000)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await t.dataSource.query(`SELECT 1 FROM outbox WHERE id = $1 AND completed_at IS NOT NULL`, [rows[0].id])).length === 1, 'row completed');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE dedup_key = $1`, [`${rows[0].id}:item.assigned:${officer.userId}`]))[0].n).toBe(1);
    expect(await dispatcher.relay(1000, 200, 1000)).toBe(0);
  });

  it('in-app notifications: list, unread count, mark one or all read; nobody else can touch mine', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const other = await signIn(t.app, 'canbo.yt-tcyt');
    const list = await officer.get('/api/notifications').expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const n = list.body.items[0];
    expect(typeof n.title).toBe('string');
    await other.post(`/api/notifications/${n.id}/read`).expect(404);
    const afterOne = await officer.post(`/api/notifications/${n.id}/read`).expect(200);
    expect(afterOne.body.unread).toBe(list.body.unread - (n.readAt ? 0 : 1));
    expect((await officer.post('/api/notifications/read-all').expect(200)).body.unread).toBe(0);
    expect((await officer.get('/api/notifications/unread-count').expect(200)).body.unread).toBe(0);
    const en = await officer.get('/api/notifications').set('Accept-Language', 'en').expect(200);
    expect(en.body.items[0].readAt).not.toBeNull();
  });
});
