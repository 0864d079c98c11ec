import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, waitFor } from './workflow-test-kit';

/** Issue 19, line 5: comments on an item with @mentions — who may comment, whom one may mention, told once, audited. */
describe('comments on an item', () => {
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    t = await startWorkflowApp();
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    itemId = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Kế hoạch có ý kiến', data: PLAN_DATA }).expect(201)).body.id as string;
    await officer.post(`/api/items/${itemId}/actions`, { action: 'submit' }).expect(200);
  });
  afterAll(async () => t.close());

  it('the officer mentions the supervisor (twice, by handle and by id): one comment, one notification with the author and a link to the item, one audit row', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const candidates = (await officer.get(`/api/items/${itemId}/mention-candidates?q=giamsat`).expect(200)).body as Array<{ username: string; userId: string }>;
    expect(candidates.map((c) => c.username)).toContain('giamsat.yt');
    const res = await officer.post(`/api/items/${itemId}/comments`, { body: 'Nhờ @giamsat.yt xem giúp, cảm ơn @GiamSat.yt.', mentionUserIds: [supervisor.userId] }).expect(201);
    expect(res.body.mentions).toEqual([expect.objectContaining({ userId: supervisor.userId, username: 'giamsat.yt' })]);
    expect(res.body.authorUsername).toBe('canbo.yt-bvdk');

    const mentioned = await waitFor(async () => {
      const page = (await supervisor.get('/api/notifications').expect(200)).body as { items: Array<{ template: string; itemId: string; title: string }> };
      const mine = page.items.filter((n) => n.template === 'item.mentioned' && n.itemId === itemId);
      return mine.length > 0 ? mine : undefined;
    }, 'the mention notification');
    expect(mentioned).toHaveLength(1);
    expect(mentioned[0].title).toContain('Kế hoạch có ý kiến');
    expect(mentioned[0].title).toContain('Nhờ @giamsat.yt');
    // Delivered again (at least once): still one row.
    const outbox: Array<{ id: string; payload: Record<string, unknown> }> = await t.dataSource.query(`SELECT id, payload FROM outbox WHERE payload->>'template' = 'item.mentioned' AND payload->>'itemId' = $1`, [itemId]);
    expect(outbox).toHaveLength(1);
    const { NotificationsService } = await import('../../src/modules/notifications/index');
    await t.app.get(NotificationsService, { strict: false }).deliver({ outboxId: outbox[0].id, ...(outbox[0].payload as object) } as never);
    const again = (await supervisor.get('/api/notifications').expect(200)).body.items.filter((n: { template: string; itemId: string }) => n.template === 'item.mentioned' && n.itemId === itemId);
    expect(again).toHaveLength(1);
    // The officer is not told of their own comment.
    const own = (await officer.get('/api/notifications').expect(200)).body.items.filter((n: { template: string }) => n.template === 'item.mentioned');
    expect(own).toHaveLength(0);

    const audit: Array<{ details: { commentId: string; mentionedUserIds: string[] } }> = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'item.commented' AND entity_id = $1`, [itemId]);
    expect(audit).toEqual([{ details: { commentId: res.body.id, mentionedUserIds: [supervisor.userId] } }]);

    const list = (await supervisor.get(`/api/items/${itemId}/comments`).expect(200)).body as Array<{ id: string; body: string }>;
    expect(list.map((c) => c.id)).toEqual([res.body.id]);
  });

  it('someone who cannot read the item cannot comment, list comments or be mentioned (422 MENTION_NOT_ALLOWED, nothing written)', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const sibling = await signIn(t.app, 'canbo.yt-tcyt');
    await sibling.get(`/api/items/${itemId}/comments`).expect(404);
    await sibling.post(`/api/items/${itemId}/comments`, { body: 'Tôi không xem được hồ sơ này' }).expect(404);
    await sibling.get(`/api/items/${itemId}/mention-candidates`).expect(404);
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM work_item_comment`))[0].n);
    const outboxBefore = Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n);

    const refused = await officer.post(`/api/items/${itemId}/comments`, { body: 'Gửi @canbo.yt-tcyt và @giamsat.yt' }).expect(422);
    expect(refused.body.code).toBe('MENTION_NOT_ALLOWED');
    expect(refused.body.details).toEqual({ refused: ['@canbo.yt-tcyt'] });
    const byId = await officer.post(`/api/items/${itemId}/comments`, { body: 'Gửi anh', mentionUserIds: [sibling.userId] }).expect(422);
    expect(byId.body.code).toBe('MENTION_NOT_ALLOWED');
    const unknown = await officer.post(`/api/items/${itemId}/comments`, { body: 'Gửi @khong.ton.tai' }).expect(422);
    expect(unknown.body.details).toEqual({ refused: ['@khong.ton.tai'] });

    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM work_item_comment`))[0].n)).toBe(before);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(outboxBefore);
    const candidates = (await officer.get(`/api/items/${itemId}/mention-candidates?q=canbo.yt-tcyt`).expect(200)).body;
    expect(candidates).toEqual([]);
    // An e-mail address in the text is no mention.
    await officer.post(`/api/items/${itemId}/comments`, { body: 'Liên hệ a.b@example.test' }).expect(201);
  });
});
