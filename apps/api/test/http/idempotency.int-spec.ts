import request from 'supertest';
import { IdempotencyRepository } from '../../src/common/http/idempotency.repository';
import { DefaultDefinitionsSeeder } from '../../src/modules/workflow';
import { addUser, loadDemoHierarchy, signIn } from '../campaigns/support/demo-hierarchy';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const PLAN_DATA = { goals: 'Xây dựng văn hóa công sở', measures: 'Tuyên truyền, ký cam kết', timeline: 'Quý IV/2019' };
const REPLAYED = 'idempotency-replayed';

/**
 * The shared Idempotency-Key mechanism (common/http/idempotency.interceptor.ts) through the routes users take:
 * each kind of state-changing POST repeats to the same answer with one effect; concurrent repeats wait for the
 * first; another body with the same key is 422; a refusal is replayed as the same refusal.
 */
describe(`Idempotency-Key on every state-changing request (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  const http = () => request(t.app.getHttpServer());
  const who = (name: string) => signIn(t, name);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
  const post = async (name: string, path: string, body: object, key?: string) => {
    let r = http().post(path).set(await who(name)).send(body);
    if (key) r = r.set('Idempotency-Key', key);
    return r;
  };
  const newPlan = async (title: string, key?: string) => post('canbo.yt-bvdk', '/api/items', { workflow: 'unit_plan', unitId: u['CDCS-YT-BVDK'], title, data: PLAN_DATA }, key);
  const submitted = async (title: string) => {
    const id = (await newPlan(title)).body.id as string;
    expect((await post('canbo.yt-bvdk', `/api/items/${id}/actions`, { action: 'submit' })).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    ({ units: u } = await loadDemoHierarchy(t));
    await t.app.get(DefaultDefinitionsSeeder).seed();
    await addUser(t, 'canbo.yt-bvdk2', u['CDCS-YT-BVDK'], ['officer']);
  });
  afterAll(async () => t.close());

  it('item create: a repeat answers the first item (marked replayed); 20 concurrent repeats make one item, all the same answer', async () => {
    const first = await newPlan('Tạo một lần', 'create-1');
    expect(first.status).toBe(201);
    expect(first.headers[REPLAYED]).toBeUndefined();
    const again = await newPlan('Tạo một lần', 'create-1');
    expect(again.status).toBe(201);
    expect(again.headers[REPLAYED]).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Tạo một lần'`)).toBe(1);

    const answers = await Promise.all(Array.from({ length: 20 }, () => newPlan('Hai mươi lần', 'create-20')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Hai mươi lần'`)).toBe(1);
    expect(answers.filter((a) => a.headers[REPLAYED] === 'true')).toHaveLength(19);
  });

  it('a different body with the same key is 422 IDEMPOTENCY_KEY_REUSED (localised), nothing done; a bad key is 400', async () => {
    await newPlan('Khóa A', 'reuse-1');
    const other = await http()
      .post('/api/items')
      .set(await who('canbo.yt-bvdk'))
      .set('Accept-Language', 'en')
      .set('Idempotency-Key', 'reuse-1')
      .send({ workflow: 'unit_plan', unitId: u['CDCS-YT-BVDK'], title: 'Khóa B', data: PLAN_DATA });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', detail: expect.stringContaining('Idempotency-Key') });
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Khóa B'`)).toBe(0);
    const vi = await newPlan('Khóa B', 'reuse-1');
    expect(vi.body.detail).toMatch(/đã được dùng/);

    const bad = await newPlan('Khóa xấu', 'has space/slash');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', fields: [{ path: 'headers.idempotency-key', reason: 'invalid_format' }] });
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Khóa xấu'`)).toBe(0);
  });

  it('keys are scoped per user and per route: the same key elsewhere is a new request', async () => {
    const mine = await newPlan('Phạm vi', 'scope-1');
    const theirs = await post('canbo.yt-bvdk2', '/api/items', { workflow: 'unit_plan', unitId: u['CDCS-YT-BVDK'], title: 'Phạm vi', data: PLAN_DATA }, 'scope-1');
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    const action = await post('canbo.yt-bvdk', `/api/items/${mine.body.id}/actions`, { action: 'submit' }, 'scope-1');
    expect(action.status).toBe(200);
    expect(action.body.stage).not.toBe('draft');
  });

  it('item action: 20 concurrent repeats of one approval → one approval, 20 identical answers', async () => {
    const id = await submitted('Duyệt một lần');
    const supervisor = await who('giamsat.yt');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => http().post(`/api/items/${id}/actions`).set(supervisor).set('Idempotency-Key', `approve-${id}`).send({ action: 'approve', expectedVersion: 2 })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'approve'`, [id])).toBe(1);
    // The workflow path stores the answer inside the step's transaction: the key row is done and applied.
    const [row] = await t.dataSource.query(`SELECT state, applied_at IS NOT NULL AS applied, status_code FROM idempotency_key WHERE key = $1`, [`approve-${id}`]);
    expect(row).toEqual({ state: 'done', applied: true, status_code: 200 });
  });

  it('a refused first answer is replayed as the same refusal, even once the action would be allowed', async () => {
    const id = (await newPlan('Từ chối trước')).body.id as string;
    // A supervisor approving a draft: refused by the engine.
    const refused = await post('giamsat.yt', `/api/items/${id}/actions`, { action: 'approve' }, `early-${id}`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    await post('canbo.yt-bvdk', `/api/items/${id}/actions`, { action: 'submit' });
    const repeat = await post('giamsat.yt', `/api/items/${id}/actions`, { action: 'approve' }, `early-${id}`);
    expect(repeat.status).toBe(refused.status);
    expect(repeat.body.code).toBe(refused.body.code);
    expect(repeat.body.details).toEqual(refused.body.details);
    expect(repeat.headers[REPLAYED]).toBe('true');
    expect(await count(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'approve'`, [id])).toBe(0);
    // A new key is a new request, and now succeeds.
    expect((await post('giamsat.yt', `/api/items/${id}/actions`, { action: 'approve' }, `later-${id}`)).status).toBe(200);
  });

  it('bulk action: a repeat, and 20 concurrent repeats, answer the first result; each item approved once', async () => {
    const ids = [await submitted('Hàng loạt 1'), await submitted('Hàng loạt 2')];
    const supervisor = await who('giamsat.yt');
    const send = () => http().post('/api/items/bulk-actions').set(supervisor).set('Idempotency-Key', 'bulk-20').send({ action: 'approve', itemIds: ids });
    const answers = await Promise.all(Array.from({ length: 20 }, send));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers[0].body).toMatchObject({ succeeded: 2, failed: 0 });
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const later = await send();
    expect(later.body).toEqual(answers[0].body);
    expect(await count(`SELECT count(*) AS n FROM work_item_event WHERE item_id = ANY($1::uuid[]) AND event = 'approve'`, [ids])).toBe(2);
  });

  it('upload: the same file under one key is stored once; other bytes under that key are 422', async () => {
    const id = (await newPlan('Đính kèm')).body.id as string;
    const officer = await who('canbo.yt-bvdk');
    const file = Buffer.from('Biên bản họp công đoàn\n', 'utf8');
    const send = (bytes: Buffer) => http().post(`/api/items/${id}/attachments`).set(officer).set('Idempotency-Key', `upload-${id}`).attach('file', bytes, 'bien-ban.txt');
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(file)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM work_item_attachment WHERE item_id = $1`, [id])).toBe(1);
    const other = await send(Buffer.from('Nội dung khác\n', 'utf8'));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count(`SELECT count(*) AS n FROM work_item_attachment WHERE item_id = $1`, [id])).toBe(1);
  });

  it('campaign action: creating a campaign twice under one key makes one campaign', async () => {
    const body = {
      code: 'IDEM-2026',
      title: 'Phong trào thử khóa',
      period: { from: '2026-01-01', to: '2026-12-31' },
      launchingUnitId: u['LDLD-NT'],
      legalBasis: [],
      indicators: [{ key: 'models_registered', name: 'Số mô hình', type: 'count', rollup: 'sum' }],
      milestones: [{ kind: 'tong_ket', label: 'Tổng kết', due: '2026-12-31' }],
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('tdkt.tinh', '/api/campaigns', body, 'campaign-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM campaign WHERE code = 'IDEM-2026'`)).toBe(1);
    // Without the key the second is refused as a duplicate code: the key really replays, not recomputes.
    expect((await post('tdkt.tinh', '/api/campaigns', body)).status).toBe(409);
  });

  it('org import: a repeated import answers the first report (created 1), not a second run (unchanged 1)', async () => {
    const csv = Buffer.from('code,name,kind,parent_code,sector,member_count\nCDCS-IDEM-01,CĐCS Thử khóa,grassroots_union,LDLD-NT,general,12\n', 'utf8');
    const admin = await who('admin');
    const send = () => http().post('/api/units/import').set(admin).set('Idempotency-Key', 'import-1').attach('file', csv, 'units.csv');
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rows: 1, created: 1 });
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers[REPLAYED]).toBe('true');
    expect(await count(`SELECT count(*) AS n FROM unit WHERE code = 'CDCS-IDEM-01'`)).toBe(1);
  });

  it('document action: signing twice under one key answers the signed document, not 409; one number taken', async () => {
    const draft = {
      issuerUnitId: u['LDLD-NT'],
      docType: 'TB',
      summary: 'Thông báo thử khóa',
      body: ['Nội dung.'],
      signerTitle: 'CHỦ TỊCH',
      signerName: 'Nguyễn Văn An',
      recipients: ['Các CĐCS trực thuộc'],
      archiveDepartments: ['Ban CSPL'],
    };
    const created = await post('tdkt.tinh', '/api/documents', draft);
    expect(created.status).toBe(201);
    const sign = () => post('chutich.tinh', `/api/documents/${created.body.id}/sign`, { signedOn: '2026-01-05' }, `sign-${created.body.id}`);
    const [a, b] = await Promise.all([sign(), sign()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect((await sign()).body).toEqual(a.body);
    expect(await count(`SELECT count(*) AS n FROM official_document WHERE status = 'signed' AND summary = 'Thông báo thử khóa'`)).toBe(1);
  });

  it('a first request that vanished: without a commit its key is taken over after the lease; after a commit the repeat is told the outcome is unknown, never run twice', async () => {
    // Took effect, answer lost (a crash between the commit and storing the answer).
    const lost = await newPlan('Mất câu trả lời', 'crash-after');
    expect(lost.status).toBe(201);
    await t.dataSource.query(`UPDATE idempotency_key SET state = 'pending', answer = NULL, status_code = NULL, lease_until = now() - interval '1 second' WHERE key = 'crash-after'`);
    const repeat = await newPlan('Mất câu trả lời', 'crash-after');
    expect(repeat.status).toBe(409);
    expect(repeat.body.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Mất câu trả lời'`)).toBe(1);

    // Nothing committed (a crash before the commit): the repeat takes the key over and runs.
    const outside = { workflow: 'unit_plan', unitId: u['CDCS-YT-TCYT'], title: 'Chưa chạy', data: PLAN_DATA };
    const refused = await post('canbo.yt-bvdk', '/api/items', outside, 'crash-before');
    expect(refused.status).toBe(404);
    await t.dataSource.query(`UPDATE idempotency_key SET state = 'pending', answer = NULL, status_code = NULL, applied_at = NULL, lease_until = now() - interval '1 second' WHERE key = 'crash-before'`);
    const rerun = await post('canbo.yt-bvdk', '/api/items', outside, 'crash-before');
    expect(rerun.status).toBe(refused.status);
    expect(rerun.headers[REPLAYED]).toBeUndefined();
  });

  it('expired keys are purged (the scheduler calls it) and the key can be used afresh', async () => {
    await newPlan('Hết hạn', 'expire-1');
    await t.dataSource.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = 'expire-1'`);
    expect(await t.app.get(IdempotencyRepository).purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*) AS n FROM idempotency_key WHERE key = 'expire-1'`)).toBe(0);
    const fresh = await newPlan('Hết hạn', 'expire-1');
    expect(fresh.status).toBe(201);
    expect(fresh.headers[REPLAYED]).toBeUndefined();
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE title = 'Hết hạn'`)).toBe(2);
  });
});
