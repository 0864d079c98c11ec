import { type DynamicModule, Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AppConfig } from '../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JOB_QUEUE, type JobQueue } from './job-queue';

export const QUEUE_NAME = 'thidua';

class JobQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Picks the job adapter once, from config: Bull when REDIS_URL is set, in-process otherwise. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.redis.url) {
      // Loaded only on this path: Bull and ioredis cost ≈ 29 MB resident that the embedded mode never uses.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { BullModule, getQueueToken } = require('@nestjs/bull') as typeof import('@nestjs/bull');
      return {
        module: JobsModule,
        imports: [
          BullModule.forRoot({ url: config.redis.url, prefix: 'thidua' }),
          BullModule.registerQueue({ name: QUEUE_NAME }),
        ],
        providers: [
          { provide: JOB_QUEUE, useFactory: (queue: Queue) => new BullJobQueue(queue), inject: [getQueueToken(QUEUE_NAME)] },
          JobQueueCloser,
        ],
        exports: [JOB_QUEUE],
      };
    }
    return {
      module: JobsModule,
      providers: [{ provide: JOB_QUEUE, useFactory: () => new InProcessJobQueue() }, JobQueueCloser],
      exports: [JOB_QUEUE],
    };
  }
}
