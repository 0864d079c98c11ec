import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../support/test-app';
import { createUsers, PLAN_DATA, signIn, startWorkflowApp, submittedPlan, unitIdByCode } from './workflow-test-kit';

describe('privileges (suspend, skip, redo, reassign), visibility per workflow, attachments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp({ UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'wf-uploads-')), UPLOAD_MAX_BYTES: '4096' });
    await createUsers(t, 'xem', 1, 'viewer', 'LDLD-NT');
    await createUsers(t, 'gsp', 2, 'supervisor', 'CDN-YT');
  });
  afterAll(async () => {
    await t.close();
  });

  it('skip needs a reason and is recorded as skipped, not approved; only holders of the privilege may skip', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const admin = await signIn(t.app, 'admin');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Bỏ qua');
    expect((await supervisor.post(`/api/items/${id}/actions`, { action: 'skip', reason: 'Khẩn' }).expect(403)).body.code).toBe('ROLE_REQUIRED');
    expect((await admin.post(`/api/items/${id}/actions`, { action: 'skip' }).expect(400)).body.code).toBe('COMMENT_REQUIRED');
    const skipped = await admin.post(`/api/items/${id}/actions`, { action: 'skip', reason: 'Đơn vị đã duyệt trực tiếp tại hội nghị' }).expect(200);
    expect(skipped.body.stage).not.toBe('review');
    const history = (await admin.get(`/api/items/${id}/history`).expect(200)).body;
    const skip = history.find((e: { event: string }) => e.event === 'skip');
    expect(skip).toMatchObject({ fromStage: 'review', comment: 'Đơn vị đã duyệt trực tiếp tại hội nghị', details: { skipped: true } });
    expect(history.some((e: { event: string }) => e.event === 'approve')).toBe(false);
  });

  it('redo reopens a completed stage; reassign moves a stuck item to a named colleague', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const admin = await signIn(t.app, 'admin');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const [stuck, colleague] = await Promise.all([signIn(t.app, 'gsp1'), signIn(t.app, 'gsp2')]);
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Làm lại');
    const redone = await admin.post(`/api/items/${id}/actions`, { action: 'redo', stage: 'draft', reason: 'Thiếu phụ lục' }).expect(200);
    expect(redone.body.stage).toBe('draft');
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await stuck.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    expect((await officer.post(`/api/items/${id}/actions`, { action: 'reassign', toUserId: colleague.userId }).expect(403)).body.code).toBe('ROLE_REQUIRED');
    const moved = await supervisor.post(`/api/items/${id}/actions`, { action: 'reassign', toUserId: colleague.userId }).expect(200);
    expect(moved.body.assignment.claimedBy).toBe(colleague.userId);
    await colleague.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
  });

  it('viewers see of other units’ items what the workflow allows: unit_plan a count, launch titles; never an item itself', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const viewer = await signIn(t.app, 'xem1');
    const id = await submittedPlan(t, officer, 'CDCS-YT-BVDK', 'Cho người xem');
    const count = await viewer.get('/api/items?workflow=unit_plan').expect(200);
    expect(count.body).toMatchObject({ visibility: 'count', items: [] });
    expect(count.body.total).toBeGreaterThanOrEqual(1);
    await viewer.get(`/api/items/${id}`).expect(404);
    const tdkt = await signIn(t.app, 'tdkt.tinh');
    const launch = await tdkt.post('/api/items', { workflow: 'launch', unitId: await unitIdByCode(t, 'LDLD-NT'), title: 'Phát động 2026', data: {} }).expect(201);
    const titles = await viewer.get('/api/items?workflow=launch').expect(200);
    expect(titles.body).toMatchObject({ visibility: 'titles', items: [{ id: launch.body.id, title: 'Phát động 2026' }] });
    expect(Object.keys(titles.body.items[0]).sort()).toEqual(['id', 'title']);
  });

  it('attachments: stored with their sha256, type and size limited, visible to whoever sees the item', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Đính kèm', data: PLAN_DATA }).expect(201)).body.id;
    const pdf = Buffer.from('%PDF-1.4\n% biên bản họp\n');
    const up = await officer.upload(`/api/items/${id}/attachments`).attach('file', pdf, { filename: 'bien-ban.pdf', contentType: 'application/pdf' }).expect(201);
    expect(up.body).toMatchObject({ fileName: 'bien-ban.pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect((await officer.upload(`/api/items/${id}/attachments`).attach('file', Buffer.from('MZ'), { filename: 'x.exe', contentType: 'application/x-msdownload' }).expect(415)).body.code).toBe('FILE_TYPE_MISMATCH');
    expect((await officer.upload(`/api/items/${id}/attachments`).attach('file', Buffer.alloc(5000, 1), { filename: 'lon.pdf', contentType: 'application/pdf' }).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const list = await supervisor.get(`/api/items/${id}/attachments`).expect(200);
    expect(list.body).toHaveLength(1);
    const file = await supervisor.get(`/api/items/${id}/attachments/${up.body.id}`).expect(200);
    expect(file.headers['x-content-sha256']).toBe(up.body.sha256);
    await (await signIn(t.app, 'canbo.yt-bvdk')).get(`/api/items/${id}/attachments`).expect(404);
  });

  it('amending a submitted item without a parent collection follows the stage rule; drafts save without moving', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const id = (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Nháp', data: {} }).expect(201)).body.id;
    const saved = await officer.patch(`/api/items/${id}/data`, { data: { goals: 'Mục tiêu 1' } }).expect(200);
    expect(saved.body).toMatchObject({ stage: 'draft', version: 2, data: { goals: 'Mục tiêu 1' } });
    expect((await officer.patch(`/api/items/${id}/data`, { data: { bogus: 1 } }).expect(400)).body.fields[0].path).toBe('data.bogus');
    expect((await officer.patch(`/api/items/${id}/data`, { data: { goals: 5 } }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await officer.patch(`/api/items/${id}/data`, { data: { goals: 'x' }, expectedVersion: 1 }).expect(409)).body.code).toBe('ITEM_CHANGED');
  });
});
