import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from './common/common.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { IdempotencyModule } from './common/http/idempotency.module';
import { TextInputPipe } from './common/validation/text-input';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { buildDataSourceOptions } from './database/data-source-options';
import { JobsModule } from './jobs/jobs.module';
import { AuthModule } from './modules/auth';
import { CampaignsModule } from './modules/campaigns';
import { DocumentsModule } from './modules/documents';
import { ReportsModule } from './modules/reports';
import { HealthModule } from './modules/health';
import { NotificationsModule } from './modules/notifications';
import { OrgModule } from './modules/org';
import { WebhooksModule } from './modules/webhooks';
import { SavedFiltersModule } from './modules/saved-filters';
import { SearchModule } from './modules/search';
import { WorkflowModule } from './modules/workflow';
import { SeedModule } from './seed/seed.module';

@Module({})
export class AppModule {
  /** The whole application for one validated config; tests build it with their own config. */
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.database.url) throw new Error('AppModule needs a database URL (start the embedded one first)');
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.database.url, config.database.poolSize), migrationsRun: config.database.migrateOnStart }),
        JobsModule.forRoot(config),
        CommonModule,
        IdempotencyModule,
        SeedModule,
        HealthModule,
        OrgModule,
        AuthModule,
        DocumentsModule,
        CampaignsModule,
        ReportsModule,
        WorkflowModule,
        NotificationsModule,
        WebhooksModule,
        SearchModule,
        SavedFiltersModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_PIPE, useClass: TextInputPipe },
      ],
      exports: [APP_CONFIG],
    };
  }
}
