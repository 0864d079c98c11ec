import type { CompletionHook, JobQueue } from '../../../jobs/job-queue';
import { MARK_BATCH_MS, OutboxDispatcher } from './outbox-dispatcher';
import type { OutboxRepository } from './outbox.repository';

/** A queue whose jobs complete when the test says so; the repository records each statement it would send. */
function setup() {
  const hooks: CompletionHook[] = [];
  const added: string[] = [];
  const queue = {
    add: async (_name: string, _data: unknown, o?: { jobId?: string }) => void added.push(o!.jobId!),
    onCompleted: (h: CompletionHook) => void hooks.push(h),
  } as unknown as JobQueue;
  const statements: Array<{ dispatched: string[]; completed: string[] }> = [];
  const repo = { mark: async (dispatched: string[], completed: string[]) => void statements.push({ dispatched: [...dispatched], completed: [...completed] }) } as unknown as OutboxRepository;
  const d = new OutboxDispatcher(repo, queue);
  d.onModuleInit();
  const complete = async (id: string) => {
    for (const h of hooks) await h('workflow.notify', { outboxId: id });
  };
  return { d, added, statements, complete };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OutboxDispatcher marks', () => {
  it('writes the dispatch and the completion of rows done within one window as one statement', async () => {
    const { d, added, statements, complete } = setup();
    await d.dispatch([
      { id: 'a', topic: 'workflow.notify', payload: {} },
      { id: 'b', topic: 'webhooks.event', payload: {} },
    ]);
    await complete('a');
    await complete('b');
    expect(added).toEqual(['a', 'b']);
    expect(statements).toEqual([]); // nothing written yet: the window is open
    await wait(MARK_BATCH_MS + 30);
    expect(statements).toEqual([{ dispatched: ['a', 'b'], completed: ['a', 'b'] }]);
  });

  it('a row whose job is still running is marked dispatched only, and completed in a later statement', async () => {
    const { d, statements, complete } = setup();
    await d.dispatch([{ id: 'a', topic: 'workflow.notify', payload: {} }]);
    await wait(MARK_BATCH_MS + 30);
    expect(statements).toEqual([{ dispatched: ['a'], completed: [] }]);
    await complete('a');
    await d.flushMarks();
    expect(statements).toEqual([
      { dispatched: ['a'], completed: [] },
      { dispatched: [], completed: ['a'] },
    ]);
    await d.flushMarks(); // nothing pending: no statement
    expect(statements).toHaveLength(2);
  });
});
