import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from './workflow-test-kit';

/** Issue 5, item 9: the unit-plan workflow end to end on the demo hierarchy, through the HTTP API. */
describe('unit plan end to end on the demo hierarchy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('officer drafts and submits, supervisor returns with a comment, officer resubmits, supervisor approves; history shows each step', async () => {
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');

    const created = await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Kế hoạch thực hiện 2019 – BVĐK', data: { goals: 'Văn hóa công sở' } }).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ workflow: 'unit_plan', stage: 'draft', status: 'active', version: 1, assignment: { role: 'officer', unitId } });

    // Submitting with a required field missing is refused with the field named.
    const missing = await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['data.measures', 'data.timeline']));

    const submitted = await officer.post(`/api/items/${id}/actions`, { action: 'submit', data: PLAN_DATA }).expect(200);
    expect(submitted.body).toMatchObject({ stage: 'review', assignment: { role: 'supervisor' } });

    // The supervisor sees it in the inbox; the officer's inbox no longer has it.
    const inbox = await supervisor.get('/api/inbox').expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await officer.get('/api/inbox').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    // Return needs a comment.
    const noComment = await supervisor.post(`/api/items/${id}/actions`, { action: 'return' }).expect(400);
    expect(noComment.body.code).toBe('COMMENT_REQUIRED');
    const returned = await supervisor.post(`/api/items/${id}/actions`, { action: 'return', comment: 'Bổ sung chỉ tiêu cụ thể' }).expect(200);
    expect(returned.body.stage).toBe('draft');

    await officer.post(`/api/items/${id}/actions`, { action: 'submit', data: { goals: '100% cán bộ ký cam kết' } }).expect(200);
    // Continuity: back to the supervisor who returned it.
    const afterResubmit = await supervisor.get(`/api/items/${id}`).expect(200);
    expect(afterResubmit.body.assignment.userId).toBe(supervisor.userId);

    const approved = await supervisor.post(`/api/items/${id}/actions`, { action: 'approve', comment: 'Đồng ý' }).expect(200);
    expect(approved.body).toMatchObject({ stage: 'approved', status: 'final', outcome: 'approved' });

    const history = await officer.get(`/api/items/${id}/history`).expect(200);
    const steps = history.body.map((e: { event: string; fromStage: string | null; toStage: string; actorUserId: string }) => [e.event, e.fromStage, e.toStage, e.actorUserId]);
    expect(steps).toEqual([
      ['create', null, 'draft', officer.userId],
      ['submit', 'draft', 'review', officer.userId],
      ['return', 'review', 'draft', supervisor.userId],
      ['submit', 'draft', 'review', officer.userId],
      ['approve', 'review', 'approved', supervisor.userId],
    ]);
    expect(history.body[2].comment).toBe('Bổ sung chỉ tiêu cụ thể');
    expect(history.body[1].changes).toMatchObject({ measures: { from: null, to: PLAN_DATA.measures } });
    expect(history.body[3].changes).toMatchObject({ goals: { from: PLAN_DATA.goals, to: '100% cán bộ ký cam kết' } });
    expect(history.body[2].actorUnitPath).toEqual(expect.stringMatching(/^\/.+\/$/));
    // Final items accept nothing more.
    expect((await supervisor.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(409)).body.code).toBe('ITEM_FINAL');
  });
});
