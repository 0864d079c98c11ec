import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { AppError } from '../errors/app-error';
import { currentRequest } from '../logging/request-context';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * Step 2 of the idempotency protocol (idempotency.interceptor.ts): every transaction committed while an
 * idempotent request runs marks its key applied, in that transaction, until one has committed. When the
 * request no longer holds its key (its lease was taken over by a repeat), the commit is refused and the
 * transaction rolls back: the effect happens under exactly one owner.
 */
@Injectable()
export class IdempotencyTransactionSubscriber implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: IdempotencyRepository,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const me = currentRequest()?.idempotency;
    if (!me?.isActive || me.isApplied || me.answerStagedIn === event.queryRunner) return;
    // Savepoints (nested transactions) commit with their outer transaction: only the outermost one marks.
    if (((event.queryRunner as unknown as { transactionDepth?: number }).transactionDepth ?? 1) > 1) return;
    if (!(await this.keys.markApplied(event.queryRunner, me))) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', { details: { scope: me.scope, reason: 'lease_lost', retryAfterSeconds: 1 } });
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const me = currentRequest()?.idempotency;
    if (!me) return;
    if ((event.queryRunner as { isTransactionActive?: boolean }).isTransactionActive) return; // a savepoint
    me.isApplied = true;
    if (me.answerStagedIn === event.queryRunner) me.isAnswered = true;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const me = currentRequest()?.idempotency;
    if (me && me.answerStagedIn === event.queryRunner) me.answerStagedIn = undefined;
  }
}
