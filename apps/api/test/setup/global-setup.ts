// Starts one database for the whole integration run (test apps migrate it on init).
// Without DATABASE_URL: one embedded PostgreSQL 15 (the product's own embedded server) on a scratch
// folder, initialised once per run (about 1.5 s). With DATABASE_URL: the real server (its public
// schema is reset first).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const folder = mkdtempSync(join(tmpdir(), 'thidua-test-pg-'));
    chmodSync(folder, 0o755); // the server runs as the `postgres` user when the tests run as root
    // Throwaway data: fsync off here only (the product keeps PostgreSQL's durability defaults).
    const embedded = await startEmbeddedPostgres(join(folder, 'pg'), {
      lock: false,
      settings: { max_connections: 150, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    url = embedded.url;
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { embedded, folder };
    process.env.TEST_DB_KIND = 'embedded';
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await client.end();
    process.env.TEST_DB_KIND = 'postgres';
  }
  process.env.TEST_DATABASE_URL = url;
}
