/* Writes the OpenAPI document to apps/api/openapi.json, or with --check fails when that file is stale. */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApi, createApp } from './app.factory';
import { loadConfig } from './config/app-config';
import { startEmbeddedPostgres } from './database/embedded-postgres';

async function main(): Promise<number> {
  const isCheck = process.argv.includes('--check');
  const file = join(__dirname, '..', 'openapi.json');
  const db = await startEmbeddedPostgres('memory://');
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false', RUN_SCHEDULER: 'false' }), database: { url: db.url, poolSize: 2, dataDir: 'memory://', isEmbedded: true, migrateOnStart: true } });
  try {
    await app.init();
    const text = `${JSON.stringify(buildOpenApi(app), null, 2)}\n`;
    if (isCheck) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        /* missing counts as stale */
      }
      if (current !== text) {
        console.error('apps/api/openapi.json is stale: run `npm run openapi -w @thidua/api` and commit it');
        return 1;
      }
      console.log('openapi.json is current');
      return 0;
    }
    writeFileSync(file, text);
    const paths = Object.keys(JSON.parse(text).paths).length;
    console.log(`wrote ${file} (${paths} paths)`);
    return 0;
  } finally {
    await app.close();
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
