/**
 * The one-off job of a deployment (compose's `migrate` service, the Kubernetes Job): applies the migrations and,
 * when SEED_DEMO_DATA is on, loads the demo data, then exits. The long-running api and worker replicas run with
 * MIGRATE_ON_START=false and never seed, so several replicas starting at once cannot race on the same rows.
 * Jobs queued while seeding stay in the outbox and are handed to the queue by a worker's relay.
 */
import 'reflect-metadata';
import { createApp } from './app.factory';
import { rootLogger } from './common/logging/logger';
import { ConfigError, loadConfig } from './config/app-config';
import { SeedService } from './seed/seed.service';

async function run(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.database.url) throw new ConfigError(['DATABASE_URL: the migrate job runs against PostgreSQL']);
  const config = {
    ...loaded,
    processRole: 'worker' as const,
    database: { ...loaded.database, migrateOnStart: true },
    // In-process jobs: this process exits when done and leaves no consumer behind on the shared queue.
    redis: { url: undefined },
    scheduler: { ...loaded.scheduler, enabled: false },
    metrics: { ...loaded.metrics, port: undefined },
  };
  const t0 = Date.now();
  const app = await createApp(config);
  await app.init();
  if (config.seedDemoData) await app.get(SeedService).seedAll(config.demoPassword);
  await app.close();
  rootLogger().info({ ms: Date.now() - t0, seeded: config.seedDemoData }, 'migrations applied');
}

run().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else rootLogger().fatal({ err }, 'migrate job failed');
    process.exit(1);
  },
);
