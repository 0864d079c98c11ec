import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

/** Config for a test app on the run's database; REDIS_URL (when set) selects Bull. */
export function testConfig(overrides: Partial<Record<string, string>> = {}): AppConfig {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL not set: run integration tests through jest --selectProjects integration');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '5',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RUN_SCHEDULER: 'false',
    SEED_DEMO_DATA: 'false',
    REDIS_URL: process.env.REDIS_URL,
    // Rate-limit counters are shared through Redis: give each test app its own, and room for the suites' bursts.
    RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}:`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    // Suites sign in many demo users from one address; the sign-in limit has its own tests (hardening).
    LOGIN_THROTTLE_PER_MINUTE: '10000',
    ...overrides,
  });
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Boots the whole app (migrations run on init) on an emptied database. */
export async function startTestApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createApp(config);
  await app.init();
  const dataSource = app.get(DataSource);
  await resetDatabase(dataSource);
  return { app, config, dataSource, close: () => app.close() };
}

/** Empties every table but the migration ledger, so each suite starts from nothing. */
export async function resetDatabase(ds: DataSource): Promise<void> {
  const rows: Array<{ tablename: string }> = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  if (rows.length === 0) return;
  // The app just started may already run a background pass (scheduler, outbox relay, a queued job): a TRUNCATE
  // of every table can deadlock with it. PostgreSQL aborts one side; try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ds.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
      return;
    } catch (e) {
      if ((e as { driverError?: { code?: string }; code?: string }).driverError?.code !== '40P01' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
