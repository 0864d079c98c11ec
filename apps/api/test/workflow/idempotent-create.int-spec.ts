import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from './workflow-test-kit';

describe('POST /api/items with an Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (title: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM work_item WHERE title = $1`, [title]))[0].n);

  it('creates one item for one key: a repeat, and concurrent repeats, answer the first item; another body is 422', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const body = { workflow: 'unit_plan', unitId, title: 'Một lần thôi', data: PLAN_DATA };
    const first = await officer.post('/api/items', body, { 'Idempotency-Key': 'create-once-1' }).expect(201);
    const again = await officer.post('/api/items', body, { 'Idempotency-Key': 'create-once-1' }).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count('Một lần thôi')).toBe(1);

    const concurrentBody = { ...body, title: 'Cùng lúc' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => officer.post('/api/items', concurrentBody, { 'Idempotency-Key': 'create-once-2' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count('Cùng lúc')).toBe(1);

    const other = await officer.post('/api/items', { ...body, title: 'Khác' }, { 'Idempotency-Key': 'create-once-1' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('Khác')).toBe(0);
    // Without a key, each request is its own item.
    await officer.post('/api/items', { ...body, title: 'Không khóa' }).expect(201);
    await officer.post('/api/items', { ...body, title: 'Không khóa' }).expect(201);
    expect(await count('Không khóa')).toBe(2);
  });
});
