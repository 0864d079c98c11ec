import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { currentLogger } from '../../../common/logging/request-context';
import { JOB_QUEUE, type JobQueue } from '../../../jobs/job-queue';
import { OutboxRepository, type OutboxMessage } from './outbox.repository';

/** Job names the runtime emits through the outbox. */
export const JOBS = {
  notify: 'workflow.notify',
  fanout: 'workflow.fanout',
  closeChildren: 'workflow.close_children',
  childrenProgress: 'workflow.children_progress',
  allocateNumber: 'documents.allocate_number',
} as const;

/** A handed-over row whose job has not completed after this long is handed over again. */
export const REDELIVER_AFTER_MS = 30_000;

/** How long dispatch and completion marks gather before one UPDATE writes them all. */
export const MARK_BATCH_MS = 50;

/**
 * Hands committed outbox rows to the job queue (jobId = outbox id: a second dispatch of a row still
 * queued is dropped by the queue) and marks them dispatched. Called right after a commit. A row is
 * delivered only when its job completed (the queue's completion hook marks it); the relay hands over
 * again the rows a crash left behind and those whose job the queue lost (Redis restarted without
 * persistence). Handlers are idempotent by outbox id, so a job run twice has its effect once.
 * Never called for a rolled-back transaction, since the rows would not exist.
 */
@Injectable()
export class OutboxDispatcher implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.queue.onCompleted((_name, data) => {
      const outboxId = (data as { outboxId?: unknown } | null)?.outboxId;
      if (typeof outboxId === 'string') this.markSoon([outboxId], 'completed');
      return Promise.resolve();
    });
  }

  /** Rows handed to the queue, and rows whose job completed, not yet written (one UPDATE for both: `flushMarks`). */
  private pendingMarks: string[] = [];
  private pendingCompleted: string[] = [];
  private markTimer: NodeJS.Timeout | null = null;

  async dispatch(messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const done: string[] = [];
    for (const msg of messages) {
      try {
        await this.queue.add(msg.topic, { ...msg.payload, outboxId: msg.id }, { jobId: msg.id });
        done.push(msg.id);
      } catch (err) {
        currentLogger().warn({ err, outboxId: msg.id, topic: msg.topic }, 'outbox dispatch failed; the relay will retry');
      }
    }
    this.markSoon(done);
  }

  /**
   * Rows are marked dispatched, and completed when their job is done, in batches: one UPDATE per
   * MARK_BATCH_MS for both kinds (issue 17: an approval's row is handed over and its job completes within
   * the same window, so it costs one statement instead of two, and under load one statement serves many
   * approvals). A crash before the mark only means the relay hands the row over again (after 5 s for a
   * row never marked, REDELIVER_AFTER_MS for one marked dispatched), which the queue drops by jobId and
   * the handlers, idempotent by outbox id, turn into nothing.
   */
  private markSoon(ids: readonly string[], kind: 'dispatched' | 'completed' = 'dispatched'): void {
    if (ids.length === 0) return;
    (kind === 'completed' ? this.pendingCompleted : this.pendingMarks).push(...ids);
    if (this.pendingMarks.length + this.pendingCompleted.length >= 500) {
      void this.flushMarks();
      return;
    }
    this.markTimer ??= setTimeout(() => void this.flushMarks(), MARK_BATCH_MS);
  }

  async flushMarks(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const dispatched = this.pendingMarks;
    const completed = this.pendingCompleted;
    this.pendingMarks = [];
    this.pendingCompleted = [];
    if (dispatched.length === 0 && completed.length === 0) return;
    try {
      await this.outbox.mark(dispatched, completed);
    } catch (err) {
      currentLogger().warn({ err, count: dispatched.length + completed.length }, 'could not mark outbox rows; the relay will hand them over again');
    }
  }

  /** Fire-and-forget variant for request paths: the answer does not wait for the queue. */
  dispatchSoon(messages: readonly OutboxMessage[]): void {
    if (messages.length === 0) return;
    void this.dispatch(messages).catch((err: unknown) => currentLogger().warn({ err }, 'outbox dispatch failed; the relay will retry'));
  }

  /**
   * Hands over again the rows whose job has not completed: never handed over and committed more than
   * `olderThanMs` ago, or handed over more than `redeliverAfterMs` ago.
   */
  async relay(olderThanMs = 5000, limit = 200, redeliverAfterMs = REDELIVER_AFTER_MS): Promise<number> {
    await this.flushMarks();
    const rows = await this.outbox.claimIncomplete(olderThanMs, redeliverAfterMs, limit);
    await this.dispatch(rows);
    await this.flushMarks();
    return rows.length;
  }
}
