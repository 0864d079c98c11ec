import { unitPlanDefinition, type WorkflowDefinition } from '@thidua/workflow-core';
import { AppError } from '../../src/common/errors/app-error';
import { WorkflowHookRegistry, type HookContext } from '../../src/modules/workflow';
import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode } from './workflow-test-kit';

/** Stage hooks (docs/workflow-runtime.md): the catalogue refuses bad definitions; handlers run in the step's transaction. */
describe('stage hooks: registry, publishing against the catalogue, handlers in the step transaction', () => {
  let t: TestApp;
  const seen: Array<{ hook: string; stage: string; event: string; actor: string | null; rowStage: string; rowVersion: number; historyRows: number }> = [];
  let explode = false;

  beforeAll(async () => {
    t = await startWorkflowApp();
    const registry = t.app.get(WorkflowHookRegistry, { strict: false });
    const record = async (m: Parameters<Parameters<WorkflowHookRegistry['register']>[0]['handler']>[0], ctx: HookContext): Promise<void> => {
      const [row] = (await m.query(`SELECT stage, version FROM work_item WHERE id = $1`, [ctx.item.id])) as Array<{ stage: string; version: number }>;
      const [h] = (await m.query(`SELECT count(*)::int AS n FROM work_item_event WHERE item_id = $1`, [ctx.item.id])) as Array<{ n: number }>;
      seen.push({ hook: ctx.hook.name, stage: ctx.hook.stage, event: ctx.hook.event, actor: ctx.actor.userId, rowStage: row.stage, rowVersion: Number(row.version), historyRows: h.n });
    };
    registry.register({ name: 'hooktest.submitted', contract: { on: ['enter'], stageKinds: ['task'] }, handler: record });
    registry.register({ name: 'hooktest.decided', contract: { on: ['enter'], stageKinds: ['final'], outcomes: ['approved', 'rejected'], requiresFields: ['goals'] }, handler: record });
    registry.register({
      name: 'hooktest.explode',
      contract: { on: ['leave'] },
      handler: async (m, ctx) => {
        await record(m, ctx);
        if (explode) throw new AppError('CONFLICT', { details: { reason: 'hook refused' } });
      },
    });
    registry.require('hooktest_*', 'hooktest.decided', { min: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  const base = (): WorkflowDefinition => ({ ...structuredClone(unitPlanDefinition), key: 'hooktest_plan' });

  it('refuses to publish a definition lacking a required hook, or misusing one, with the problems listed (422)', async () => {
    const admin = await signIn(t.app, 'admin');
    const lacking = await admin.post('/api/workflows', { definition: base() }).expect(201);
    const refused = await admin.post(`/api/workflows/${lacking.body.id}/publish`).expect(422);
    expect(refused.body.code).toBe('DEFINITION_INVALID');
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ path: 'stages', code: 'hook.required_missing' })]);

    const misused = base();
    misused.stages.review.hooks = [{ name: 'hooktest.decided', on: 'enter' }, { name: 'hooktest.nope', on: 'enter' }];
    misused.stages.draft.hooks = [{ name: 'hooktest.submitted', on: 'leave' }];
    const checked = await admin.post('/api/workflows/validate', { definition: misused }).expect(200);
    expect(checked.body.problems.map((p: { path: string; code: string }) => `${p.path}|${p.code}`)).toEqual([
      'stages.draft.hooks[0].on|hook.wrong_moment',
      'stages.review.hooks[0]|hook.wrong_stage_kind',
      'stages.review.hooks[0]|hook.wrong_outcome',
      'stages.review.hooks[1].name|hook.unknown',
    ]);
    await admin.post('/api/workflows', { definition: misused }).expect(201);
    const second = (await admin.get('/api/workflows?key=hooktest_plan').expect(200)).body.find((d: { version: number }) => d.version === 2);
    const again = await admin.post(`/api/workflows/${second.id}/publish`).expect(422);
    expect(again.body.details.problems).toHaveLength(4);
    expect((await admin.get('/api/workflows?key=hooktest_plan&status=published').expect(200)).body).toEqual([]);
  });

  it('runs the handlers of the fired hooks after the item and history rows, in the same transaction; a throwing handler rolls the step back', async () => {
    const admin = await signIn(t.app, 'admin');
    const def = base();
    def.stages.review.hooks = [{ name: 'hooktest.submitted', on: 'enter' }, { name: 'hooktest.explode', on: 'leave' }];
    def.stages.approved.hooks = [{ name: 'hooktest.decided', on: 'enter' }];
    def.stages.rejected.hooks = [{ name: 'hooktest.decided', on: 'enter' }];
    const draft = await admin.post('/api/workflows', { definition: def }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);

    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const supervisor = await signIn(t.app, 'giamsat.yt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const item = await officer.post('/api/items', { workflow: 'hooktest_plan', unitId, title: 'Kế hoạch có hook', data: PLAN_DATA }).expect(201);
    expect(seen).toEqual([]);
    await officer.post(`/api/items/${item.body.id}/actions`, { action: 'submit' }).expect(200);
    expect(seen).toEqual([{ hook: 'hooktest.submitted', stage: 'review', event: 'submit', actor: officer.userId, rowStage: 'review', rowVersion: 2, historyRows: 2 }]);

    explode = true;
    const refused = await supervisor.post(`/api/items/${item.body.id}/actions`, { action: 'approve' }).expect(409);
    expect(refused.body.code).toBe('CONFLICT');
    const after = await officer.get(`/api/items/${item.body.id}`).expect(200);
    expect(after.body).toMatchObject({ stage: 'review', version: 2 });
    expect((await officer.get(`/api/items/${item.body.id}/history`).expect(200)).body).toHaveLength(2);
    // The handler saw its own step's writes before the rollback.
    expect(seen[1]).toMatchObject({ hook: 'hooktest.explode', rowStage: 'approved', rowVersion: 3, historyRows: 3 });

    explode = false;
    seen.length = 0;
    await supervisor.post(`/api/items/${item.body.id}/actions`, { action: 'approve' }).expect(200);
    expect(seen.map((s) => `${s.hook}@${s.stage}:${s.event}`)).toEqual(['hooktest.explode@review:approve', 'hooktest.decided@approved:approve']);
    expect(seen.every((s) => s.actor === supervisor.userId && s.rowStage === 'approved' && s.rowVersion === 3)).toBe(true);
  });
});
