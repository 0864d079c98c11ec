import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor, IdempotentUploadInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyTransactionSubscriber } from './idempotency.subscriber';

/** The shared Idempotency-Key mechanism: global interceptor, its table, the transaction subscriber. */
@Global()
@Module({
  providers: [IdempotencyRepository, IdempotencyTransactionSubscriber, IdempotentUploadInterceptor, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyRepository, IdempotentUploadInterceptor],
})
export class IdempotencyModule {}
