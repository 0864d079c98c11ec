/*
 * The 2025 reorganisation of the demo, end to end over HTTP (reorg-2025.scenario.ts):
 *   npm run demo:reorg-2025 -w @thidua/api                 a fresh in-memory product with the demo data
 *   npm run demo:reorg-2025 -w @thidua/api -- --url http://127.0.0.1:3000   against a running product
 *     (its demo data loaded; the demo password from DEMO_PASSWORD, default the project's)
 * Prints what each step did and the figures before and after. Exit code 1 when a step fails.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { SeedService } from '../seed/seed.service';
import { runReorg2025, type ApiClient } from './reorg-2025.scenario';

function fetchClient(base: string): ApiClient {
  return {
    async call(method, path, options = {}) {
      const url = new URL(`${base.replace(/\/$/, '')}/api${path}`);
      for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

async function main(): Promise<number> {
  const urlArg = process.argv.indexOf('--url');
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RUN_SCHEDULER: 'false' });
  let app: INestApplication | null = null;
  let base: string;
  let stopDb: (() => Promise<void>) | null = null;
  if (urlArg > 0 && process.argv[urlArg + 1]) {
    base = process.argv[urlArg + 1]!;
  } else {
    const db = await startEmbeddedPostgres('memory://');
    stopDb = () => db.stop();
    app = await createApp({ ...config, database: { url: db.url, poolSize: 4, dataDir: 'memory://', isEmbedded: true, migrateOnStart: true } });
    await app.init();
    console.log('loading the demo data (Ninh Thuận 2019, the campaign in progress)…');
    await app.get(SeedService).seedAll(config.demoPassword);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }
  try {
    const r = await runReorg2025(fetchClient(base), config.demoPassword, (line) => console.log(`• ${line}`));
    const failed = r.dissolved.filter((d) => d.status !== 200);
    const same = JSON.stringify(r.before.soKetBreakdown) === JSON.stringify(r.after.soKetBreakdown);
    console.log(`\ndistrict federations dissolved: ${r.dissolved.length - failed.length}/${r.dissolved.length}`);
    console.log(`sơ kết 2022 breakdown unchanged by the 2025 reorganisation: ${same ? 'yes' : 'NO'}`);
    console.log(`tree of LDLD-NT as of 30/6/2025: ${r.treeBefore.length} units; tree of LDLD-KH as of 1/7/2025: ${r.treeAfter.length} units`);
    return failed.length === 0 && same ? 0 : 1;
  } finally {
    if (app) await app.close();
    if (stopDb) await stopDb();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
