import request from 'supertest';
import { bearer, login, seedOrgDemo, unitId, type Session } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 19, line 5: saved filters — per user and page, allow-listed keys, unique names, own rows only, audited. */
describe('saved filters', () => {
  let t: TestApp;
  let officer: Session;
  let other: Session;
  let unit: string;
  const http = () => request(t.app.getHttpServer());
  const audits = async (id: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'saved_filter' AND entity_id = $1 ORDER BY id`, [id])).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    officer = await login(t, 'canbo.yt-bvdk');
    other = await login(t, 'giamsat.yt');
    unit = await unitId(t, 'CDCS-YT-BVDK');
  });
  afterAll(() => t.close());

  it('saves, lists by name, renames, replaces filters and deletes; each change audited in its transaction', async () => {
    const a = (await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'Quá hạn của tôi', filters: { overdue: 'true', unitId: unit, sort: 'updated_at' } }).expect(201)).body;
    expect(a).toMatchObject({ page: 'inbox', name: 'Quá hạn của tôi', filters: { overdue: 'true', unitId: unit, sort: 'updated_at' } });
    await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'Bị tạm dừng', filters: { status: 'suspended' } }).expect(201);
    await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'notifications', name: 'Chưa đọc', filters: { unreadOnly: 'true', kind: 'mention' } }).expect(201);
    const inbox = (await http().get('/api/saved-filters?page=inbox').set(bearer(officer)).expect(200)).body as Array<{ name: string }>;
    expect(inbox.map((f) => f.name)).toEqual(['Bị tạm dừng', 'Quá hạn của tôi']);

    const renamed = (await http().patch(`/api/saved-filters/${a.id}`).set(bearer(officer)).send({ name: 'Quá hạn' }).expect(200)).body;
    expect(renamed).toMatchObject({ name: 'Quá hạn', filters: a.filters });
    const refiltered = (await http().patch(`/api/saved-filters/${a.id}`).set(bearer(officer)).send({ filters: { overdue: 'true' } }).expect(200)).body;
    expect(refiltered.filters).toEqual({ overdue: 'true' });
    await http().delete(`/api/saved-filters/${a.id}`).set(bearer(officer)).expect(204);
    await http().delete(`/api/saved-filters/${a.id}`).set(bearer(officer)).expect(404);
    expect(await audits(a.id)).toEqual(['saved_filter.created', 'saved_filter.updated', 'saved_filter.updated', 'saved_filter.deleted']);
  });

  it('names are unique per user and page, whatever the case (409 SAVED_FILTER_NAME_TAKEN); another page or user may reuse one', async () => {
    const first = (await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'Tuần này', filters: {} }).expect(201)).body;
    const dup = await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'TUẦN NÀY', filters: { overdue: 'true' } }).expect(409);
    expect(dup.body.code).toBe('SAVED_FILTER_NAME_TAKEN');
    expect(dup.body.detail).toContain('TUẦN NÀY');
    await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'notifications', name: 'Tuần này', filters: {} }).expect(201);
    await http().post('/api/saved-filters').set(bearer(other)).send({ page: 'inbox', name: 'Tuần này', filters: {} }).expect(201);
    const second = (await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'Tháng này', filters: {} }).expect(201)).body;
    expect((await http().patch(`/api/saved-filters/${second.id}`).set(bearer(officer)).send({ name: 'tuần này' }).expect(409)).body.code).toBe('SAVED_FILTER_NAME_TAKEN');
    // Its own name in another case is a rename, not a clash.
    await http().patch(`/api/saved-filters/${first.id}`).set(bearer(officer)).send({ name: 'tuần NÀY' }).expect(200);
  });

  it('accepts only the keys of the page, in their shapes (400 VALIDATION_FAILED), on create and on replace', async () => {
    for (const body of [
      { page: 'inbox', name: 'x', filters: { unreadOnly: 'true' } },
      { page: 'inbox', name: 'x', filters: { overdue: 'yes' } },
      { page: 'inbox', name: 'x', filters: { unitId: "1' OR '1'='1" } },
      { page: 'inbox', name: 'x', filters: { status: 'final' } },
      { page: 'notifications', name: 'x', filters: { kind: 'everything' } },
      { page: 'notifications', name: 'x', filters: { from: '01/02/2026' } },
      { page: 'items', name: 'x', filters: {} },
      { page: 'inbox', name: '   ', filters: {} },
      { page: 'inbox', name: 'x'.repeat(81), filters: {} },
      { page: 'inbox', name: 'x', filters: {}, userId: other.userId },
    ]) {
      const res = await http().post('/api/saved-filters').set(bearer(officer)).send(body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
    }
    const f = (await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'notifications', name: 'Nhắc tên', filters: { kind: 'mention' } }).expect(201)).body;
    expect((await http().patch(`/api/saved-filters/${f.id}`).set(bearer(officer)).send({ filters: { overdue: 'true' } }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await http().patch(`/api/saved-filters/${f.id}`).set(bearer(officer)).send({}).expect(400);
    await http().get('/api/saved-filters').set(bearer(officer)).expect(400);
    await http().get('/api/saved-filters?page=users').set(bearer(officer)).expect(400);
  });

  it("nobody sees or changes another's saved filter: it answers 404 like an id that does not exist", async () => {
    const mine = (await http().post('/api/saved-filters').set(bearer(officer)).send({ page: 'inbox', name: 'Riêng tôi', filters: { overdue: 'true' } }).expect(201)).body;
    const admin = await login(t, 'admin');
    for (const s of [other, admin]) {
      expect((await http().get('/api/saved-filters?page=inbox').set(bearer(s)).expect(200)).body.map((f: { id: string }) => f.id)).not.toContain(mine.id);
      await http().patch(`/api/saved-filters/${mine.id}`).set(bearer(s)).send({ name: 'Của tôi rồi' }).expect(404);
      await http().delete(`/api/saved-filters/${mine.id}`).set(bearer(s)).expect(404);
    }
    expect((await http().get('/api/saved-filters?page=inbox').set(bearer(officer)).expect(200)).body.map((f: { name: string }) => f.name)).toContain('Riêng tôi');
    expect(await audits(mine.id)).toEqual(['saved_filter.created']);
  });
});
