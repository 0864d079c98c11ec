import 'reflect-metadata';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import express from 'express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AuditService } from '../../src/common/audit/audit.service';
import { CommonModule } from '../../src/common/common.module';
import { HttpExceptionFilter } from '../../src/common/errors/http-exception.filter';
import { IdempotencyModule } from '../../src/common/http/idempotency.module';
import { createRootLogger } from '../../src/common/logging/logger';
import { PinoNestLogger } from '../../src/common/logging/nest-logger';
import { requestContextMiddleware } from '../../src/common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { JobsModule } from '../../src/jobs/jobs.module';
import { PasswordHasher } from '../../src/common/auth/password-hasher';
import { AuthModule } from '../../src/modules/auth';
import { OrgImportService, OrgModule, OrgDemoSeeder } from '../../src/modules/org';
import { DefaultDefinitionsSeeder } from '../../src/modules/workflow/definitions/default-definitions.seeder';
import { NotificationsModule } from '../../src/modules/notifications';
import { WorkflowModule } from '../../src/modules/workflow/workflow.module';
import { SeedModule } from '../../src/seed/seed.module';
import { resetDatabase, testConfig, type TestApp } from '../support/test-app';

/**
 * The runtime's own slice of the application (org, auth, workflow, notifications), so these suites
 * do not depend on modules built in parallel (campaigns, documents, reports) nor on their demo data.
 * WF_FULL_APP=1 runs the same suites on the whole AppModule instead.
 */
@Module({})
class WorkflowSliceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkflowSliceModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.database.url as string, config.database.poolSize), migrationsRun: true }),
        JobsModule.forRoot(config),
        CommonModule,
        IdempotencyModule,
        SeedModule,
        OrgModule,
        AuthModule,
        WorkflowModule,
        NotificationsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}

async function createSliceApp(config: AppConfig): Promise<INestApplication> {
  createRootLogger(config.logLevel);
  const app = await NestFactory.create(WorkflowSliceModule.forRoot(config), { logger: new PinoNestLogger(), bodyParser: false, abortOnError: false });
  app.use(requestContextMiddleware);
  app.use(express.json({ limit: '2mb' }));
  app.setGlobalPrefix('api');
  return app;
}

export async function startRuntimeApp(overrides: Partial<Record<string, string>> = {}, demoPassword = 'ThiDua@2026'): Promise<TestApp> {
  const config = testConfig({ DATABASE_POOL_SIZE: '12', ...overrides });
  const app = process.env.WF_FULL_APP === '1' ? await createApp(config) : await createSliceApp(config);
  await app.init();
  const dataSource = app.get(DataSource);
  await resetDatabase(dataSource);
  const org = new OrgDemoSeeder(dataSource, app.get(OrgImportService, { strict: false }), app.get(PasswordHasher, { strict: false }), app.get(AuditService, { strict: false }));
  await org.seed({ demoPassword });
  await app.get(DefaultDefinitionsSeeder, { strict: false }).seed();
  return {
    app,
    config,
    dataSource,
    close: () => app.close(),
  };
}
