/*
 * Rebuilds every campaign projection from work-item state and history (docs/campaigns.md, "Projections of item
 * state"): `npm run projections:rebuild -w @thidua/api`. Uses DATABASE_URL, or the product's embedded PGlite under
 * DATA_DIR (stop the product first: the embedded database has one owner).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { CampaignProjections } from '../modules/campaigns';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<number> {
  let config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false', RUN_SCHEDULER: 'false', PROCESS_ROLE: 'api', ...(process.env.LOG_LEVEL ? {} : { LOG_LEVEL: 'warn' }) });
  let embedded: EmbeddedPostgres | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres(join(config.database.dataDir, 'pg'));
    config = { ...config, database: { ...config.database, url: embedded.url, poolSize: 2 } };
  }
  const app = await createApp(config);
  try {
    await app.init();
    const result = await app.get(CampaignProjections, { strict: false }).rebuildAll();
    console.log(JSON.stringify({ rebuilt: result }));
    return 0;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
