// Starts one database for the whole integration run (test apps migrate it on init).
// Without DATABASE_URL: one embedded PostgreSQL 15 (the product's own embedded server) on a scratch
// folder, initialised once per run (about 1.5 s). With DATABASE_URL: the real server (its public
// schema is reset first).
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    // memory://: a throwaway cluster in a temporary folder, fsync off (the product keeps PostgreSQL's
    // durability defaults), removed by the teardown.
    const embedded = await startEmbeddedPostgres('memory://', { settings: { max_connections: 150 } });
    url = embedded.url;
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = embedded;
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
