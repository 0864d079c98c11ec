import { randomUUID } from 'node:crypto';
import { MAIL_TRANSPORT, NotificationsService, type LogMailTransport } from '../../src/modules/notifications/index';
import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from '../workflow/workflow-test-kit';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i;

interface Row { params?: unknown; id: string; title: string; kind: string; itemId: string | null; readAt: string | null; workflow: string | null }

/** Issue 19, line 4: notifications say what happened, who did it, the reason, with a link, once; e-mails say the same. */
describe('notification texts, filters and one row per recipient per event', () => {
  let t: TestApp;
  let officer: Client;
  let supervisor: Client;
  let officerName: string;
  let supervisorName: string;
  const itemsFor = async (c: Client, query = '', lang = 'vi'): Promise<{ items: Row[]; unread: number; workflows: string[] }> =>
    (await c.get(`/api/notifications?limit=200${query}`).set('Accept-Language', lang).expect(200)).body;

  beforeAll(async () => {
    t = await startWorkflowApp({ PUBLIC_URL: 'https://thidua.example.vn/' });
    await t.dataSource.query(`UPDATE app_user SET email = 'canbo.bvdk@example.test' WHERE username = 'canbo.yt-bvdk'`);
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    supervisor = await signIn(t.app, 'giamsat.yt');
    const names = await t.dataSource.query(`SELECT username, full_name FROM app_user WHERE username IN ('canbo.yt-bvdk', 'giamsat.yt')`);
    officerName = names.find((r: { username: string }) => r.username === 'canbo.yt-bvdk').full_name;
    supervisorName = names.find((r: { username: string }) => r.username === 'giamsat.yt').full_name;
  });
  afterAll(async () => t.close());

  it('submitted, returned with the reason, approved: one sentence each, naming who and the item, in vi and en; once each; filters by kind, workflow and day', async () => {
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const mail = t.app.get<LogMailTransport>(MAIL_TRANSPORT, { strict: false });
    const title = `Kế hoạch thi đua ${randomUUID().slice(0, 6)}`;
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title, data: PLAN_DATA }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    const submitted = await waitFor(async () => (await itemsFor(supervisor)).items.find((n) => n.itemId === id), 'the supervisor is told');
    expect(submitted.title).toBe(`${officerName} đã gửi hồ sơ “${title}”; hồ sơ đang chờ bạn xử lý.`);
    expect(submitted.kind).toBe('waiting');

    await supervisor.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung chỉ tiêu về tỷ lệ đoàn viên' }).expect(200);
    const returned = await waitFor(async () => (await itemsFor(officer)).items.find((n) => n.itemId === id && n.kind === 'returned'), 'the officer is told of the return');
    expect(returned.title).toBe(`${supervisorName} đã trả lại hồ sơ “${title}” để chỉnh sửa, lý do: “Bổ sung chỉ tiêu về tỷ lệ đoàn viên”.`);
    const returnedEn = (await itemsFor(officer, '', 'en')).items.find((n) => n.id === returned.id)!;
    expect(returnedEn.title).toBe(`${supervisorName} returned “${title}” for changes, reason: “Bổ sung chỉ tiêu về tỷ lệ đoàn viên”.`);
    const returnMail = await waitFor(async () => mail.sent.find((m) => m.to === 'canbo.bvdk@example.test' && m.subject === `Hồ sơ bị trả lại: ${title}`), 'the e-mail of the return');
    expect(returnMail.text).toContain(returned.title);
    expect(returnMail.text).toContain(`https://thidua.example.vn/items/${id}`);
    expect(returnMail.html).toContain(`<a href="https://thidua.example.vn/items/${id}"`);

    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await supervisor.post(`/api/items/${id}/actions`, { action: 'approve', comment: 'Đồng ý' }).expect(200);
    const approved = await waitFor(async () => (await itemsFor(officer)).items.find((n) => n.itemId === id && n.kind === 'finished'), 'the officer is told of the approval');
    expect(approved.title).toBe(`${supervisorName} đã phê duyệt hồ sơ “${title}”, ý kiến: “Đồng ý”.`);
    const approvedMail = await waitFor(async () => mail.sent.find((m) => m.to === 'canbo.bvdk@example.test' && m.subject === `Hồ sơ đã được phê duyệt: ${title}`), 'the e-mail of the approval');
    expect(approvedMail.text).toContain(approved.title);

    // Once: the officer has exactly the return and the approval about this item; e-mails likewise.
    const mine = (await itemsFor(officer)).items.filter((n) => n.itemId === id);
    expect(mine.map((n) => n.kind).sort()).toEqual(['finished', 'returned']);
    expect(mail.sent.filter((m) => m.to === 'canbo.bvdk@example.test' && m.subject.endsWith(title))).toHaveLength(2);
    for (const n of [...mine, submitted]) expect(n.title).not.toMatch(UUID);
    expect(mine.every((n) => n.workflow === 'unit_plan')).toBe(true);

    // Filters: kind, workflow, day (Vietnam time), unread; mark read lowers the count.
    expect((await itemsFor(officer, '&kind=returned')).items.every((n) => n.kind === 'returned')).toBe(true);
    expect((await itemsFor(officer, '&kind=returned')).items.some((n) => n.id === returned.id)).toBe(true);
    expect((await itemsFor(officer, '&kind=deadline')).items.some((n) => n.itemId === id)).toBe(false);
    expect((await itemsFor(officer, '&workflow=unit_plan')).items.some((n) => n.id === approved.id)).toBe(true);
    expect((await itemsFor(officer, '&workflow=nomination')).items.some((n) => n.itemId === id)).toBe(false);
    expect((await itemsFor(officer)).workflows).toContain('unit_plan');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await itemsFor(officer, `&from=${today}&to=${today}`)).items.some((n) => n.id === approved.id)).toBe(true);
    expect((await itemsFor(officer, '&to=2020-01-01')).items.some((n) => n.itemId === id)).toBe(false);
    const before = (await itemsFor(officer)).unread;
    const after = (await officer.post(`/api/notifications/${returned.id}/read`).expect(200)).body.unread;
    expect(after).toBe(before - 1);
    expect((await itemsFor(officer, '&unreadOnly=true')).items.some((n) => n.id === returned.id)).toBe(false);
  });

  it('a job delivered twice, or the same event from two outbox rows, gives one row and one e-mail', async () => {
    const service = t.app.get(NotificationsService, { strict: false });
    const mail = t.app.get<LogMailTransport>(MAIL_TRANSPORT, { strict: false });
    const title = `Báo cáo ${randomUUID().slice(0, 6)}`;
    const eventKey = `${randomUUID()}@3`;
    const job = { outboxId: randomUUID(), eventKey, to: { userId: officer.userId }, template: 'deadline.overdue', params: { title, dueAt: '2022-12-31T09:00:00Z', event: 'timer.fired', actorUserId: null }, itemId: null };
    expect(await service.deliver(job)).toBe(1);
    expect(await service.deliver(job)).toBe(0);
    expect(await service.deliver({ ...job, outboxId: randomUUID() })).toBe(0);
    const rows = (await itemsFor(officer)).items.filter((n) => n.title.includes(title));
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe(`Hồ sơ “${title}” đã quá hạn xử lý (hạn 31/12/2022 16:00).`);
    expect(mail.sent.filter((m) => m.subject === `Đã quá hạn: ${title}`)).toHaveLength(1);
    // The database refuses a second row with the same key (the unique constraint, not only the code).
    await expect(
      t.dataSource.query(`INSERT INTO notification (user_id, template, params, dedup_key) VALUES ($1, 'deadline.overdue', '{}'::jsonb, $2)`, [officer.userId, `${eventKey}:deadline.overdue:${officer.userId}`]),
    ).rejects.toThrow(/duplicate key|unique/);
  });
});
