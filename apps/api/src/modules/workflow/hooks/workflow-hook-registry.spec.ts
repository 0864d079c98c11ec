import type { EntityManager } from 'typeorm';
import type { WorkItemRecord } from '../items/work-item.repository';
import { WorkflowHookRegistry } from './workflow-hook-registry';

describe('WorkflowHookRegistry', () => {
  it('builds the catalogue from registrations and requirements, and refuses a name registered twice', () => {
    const r = new WorkflowHookRegistry();
    r.register({ name: 'a.one', contract: { on: ['enter'], stageKinds: ['final'] }, handler: async () => undefined });
    r.require('a_*', 'a.one', { max: 1 });
    expect(r.catalogue()).toEqual({ contracts: { 'a.one': { on: ['enter'], stageKinds: ['final'] } }, required: [{ workflow: 'a_*', hook: 'a.one', max: 1 }] });
    expect(() => r.register({ name: 'a.one', contract: {}, handler: async () => undefined })).toThrow(/twice/);
    expect(r.has('a.one')).toBe(true);
    expect(r.anyHandled([{ name: 'b', on: 'enter', stage: 's', event: 'submit' }])).toBe(false);
  });

  it('runs handlers in the order fired, with the hook in the context, and skips hooks nobody registered', async () => {
    const r = new WorkflowHookRegistry();
    const calls: string[] = [];
    r.register({ name: 'x', contract: {}, handler: async (_m, ctx) => void calls.push(`x:${ctx.hook.on}:${ctx.hook.stage}:${ctx.actor.userId}`) });
    r.register({ name: 'y', contract: {}, handler: async (_m, ctx) => void calls.push(`y:${ctx.hook.on}:${ctx.hook.stage}`) });
    const item = { id: 'i1', workflowKey: 'w' } as WorkItemRecord;
    await r.run({} as EntityManager, [
      { name: 'y', on: 'leave', stage: 'review', event: 'approve' },
      { name: 'nobody', on: 'enter', stage: 'done', event: 'approve' },
      { name: 'x', on: 'enter', stage: 'done', event: 'approve' },
    ], { item, event: { type: 'approve' }, actor: { userId: 'u1', onBehalfOfUserId: null }, data: {}, now: new Date() });
    expect(calls).toEqual(['y:leave:review', 'x:enter:done:u1']);
  });
});
