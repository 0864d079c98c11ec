import { DEFAULT_DEFINITIONS, unitPlanDefinition } from '@thidua/workflow-core';
import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from './workflow-test-kit';

describe('workflow definitions: draft, published (immutable), retired; migration of running items', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWorkflowApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes every shipped definition on first start, once', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await admin.get('/api/workflows?status=published').expect(200);
    expect(res.body.map((d: { key: string }) => d.key).sort()).toEqual(Object.keys(DEFAULT_DEFINITIONS).sort());
    const { DefaultDefinitionsSeeder } = await import('../../src/modules/workflow/definitions/default-definitions.seeder');
    expect(await t.app.get(DefaultDefinitionsSeeder, { strict: false }).seed()).toEqual({ created: 0 });
  });

  it('refuses to publish an invalid definition with every problem and its path (422 DEFINITION_INVALID)', async () => {
    const admin = await signIn(t.app, 'admin');
    const broken = structuredClone(unitPlanDefinition) as unknown as Record<string, unknown> & { stages: Record<string, { transitions?: Array<{ target?: string }> }> };
    (broken.stages.review.transitions as Array<{ target?: string }>)[1].target = 'nowhere';
    (broken.stages.second_review as unknown as { actor: { role: string } }).actor.role = 'chief';
    (broken.stages.review.transitions as Array<{ guard?: unknown }>)[0].guard = { op: '==', left: { field: 'data.nofield' }, right: { const: 1 } };
    const draft = await admin.post('/api/workflows', { definition: broken }).expect(201);
    expect(draft.body).toMatchObject({ key: 'unit_plan', version: 2, status: 'draft' });
    const res = await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(422);
    expect(res.body.code).toBe('DEFINITION_INVALID');
    const paths = res.body.details.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['stages.review.transitions[1].target', 'stages.second_review.actor.role', 'stages.review.transitions[0].guard']));
    // Non-admins may not manage definitions.
    await (await signIn(t.app, 'giamsat.yt')).post(`/api/workflows/${draft.body.id}/publish`).expect(403);
  });

  it('a published version is immutable (API 409 and database trigger); items keep their version; retired versions start nothing', async () => {
    const admin = await signIn(t.app, 'admin');
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const v1 = (await admin.get('/api/workflows?key=unit_plan&status=published').expect(200)).body[0];
    expect((await admin.post('/api/workflows', { definition: { ...v1.definition } }).expect(201)).body.version).toBeGreaterThan(1);
    await expect(t.dataSource.query(`UPDATE workflow_definition SET definition = '{}'::jsonb WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    expect((await admin.post(`/api/workflows/${v1.id}/publish`).expect(409)).body.code).toBe('DEFINITION_IMMUTABLE');

    const running = await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Chạy trên v1', data: PLAN_DATA }).expect(201);
    // v3: the same flow with the review stage renamed to "appraisal".
    const next = structuredClone(v1.definition) as { stages: Record<string, unknown> & { draft: { transitions: Array<{ on: string; target: string }> } } };
    next.stages.appraisal = next.stages.review;
    delete next.stages.review;
    next.stages.draft.transitions = next.stages.draft.transitions.map((x) => (x.target === 'review' ? { ...x, target: 'appraisal' } : x));
    (next.stages.second_review as { distinctFrom: string[] }).distinctFrom = ['appraisal'];
    const v3 = await admin.post('/api/workflows', { definition: next }).expect(201);
    await admin.post(`/api/workflows/${v3.body.id}/publish`).expect(200);
    await officer.post(`/api/items/${running.body.id}/actions`, { action: 'submit' }).expect(200);
    const stillV1 = await officer.get(`/api/items/${running.body.id}`).expect(200);
    expect(stillV1.body).toMatchObject({ workflowVersion: 1, stage: 'review' });

    const dry = await admin.post('/api/workflows/by-key/unit_plan/migrations', { fromVersion: 1, toVersion: v3.body.version, stageMapping: {}, dryRun: true }).expect(200);
    expect(dry.body.moves).toHaveLength(0);
    expect(dry.body.problems.length).toBeGreaterThan(0);
    expect(dry.body.blocked).toEqual([expect.objectContaining({ itemId: running.body.id, stage: 'review' })]);
    expect((await admin.post('/api/workflows/by-key/unit_plan/migrations', { fromVersion: 1, toVersion: v3.body.version, stageMapping: {}, dryRun: false }).expect(422)).body.code).toBe('UNPROCESSABLE');
    const mapped = await admin.post('/api/workflows/by-key/unit_plan/migrations', { fromVersion: 1, toVersion: v3.body.version, stageMapping: { review: 'appraisal' }, dryRun: true }).expect(200);
    expect(mapped.body.moves).toEqual([{ itemId: running.body.id, fromStage: 'review', toStage: 'appraisal' }]);
    expect((await officer.get(`/api/items/${running.body.id}`).expect(200)).body.workflowVersion).toBe(1);
    await admin.post('/api/workflows/by-key/unit_plan/migrations', { fromVersion: 1, toVersion: v3.body.version, stageMapping: { review: 'appraisal' }, dryRun: false }).expect(200);
    const migrated = await officer.get(`/api/items/${running.body.id}`).expect(200);
    expect(migrated.body).toMatchObject({ workflowVersion: v3.body.version, stage: 'appraisal' });
    await (await signIn(t.app, 'giamsat.yt')).post(`/api/items/${running.body.id}/actions`, { action: 'approve' }).expect(200);

    await admin.post(`/api/workflows/${v3.body.id}/retire`).expect(200);
    await admin.post(`/api/workflows/${v1.id}/retire`).expect(200);
    expect((await officer.post('/api/items', { workflow: 'unit_plan', version: 1, unitId, title: 'x', data: {} }).expect(409)).body.code).toBe('DEFINITION_NOT_PUBLISHED');
  });
});
