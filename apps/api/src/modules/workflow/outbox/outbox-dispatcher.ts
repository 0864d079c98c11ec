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
    this.queue.onCompleted(async (_name, data) => {
      const outboxId = (data as { outboxId?: unknown } | null)?.outboxId;
      if (typeof outboxId === 'string') await this.outbox.markCompleted([outboxId]);
    });
  }

  private pendingMarks: string[] = [];
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
   * Rows are marked dispatched in batches (one UPDATE per few milliseconds under load). A crash before
   * the mark only means the relay hands the row over again, which the queue drops by jobId.
   */
  private markSoon(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.pendingMarks.push(...ids);
    if (this.pendingMarks.length >= 500) {
      void this.flushMarks();
      return;
    }
    this.markTimer ??= setTimeout(() => void this.flushMarks(), 10);
  }

  async flushMarks(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const ids = this.pendingMarks;
    this.pendingMarks = [];
    if (ids.length === 0) return;
    try {
      await this.outbox.markDispatched(ids);
    } catch (err) {
      currentLogger().warn({ err, count: ids.length }, 'could not mark outbox rows dispatched; the relay will hand them over again');
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
