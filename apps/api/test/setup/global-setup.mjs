// Starts one database for the whole integration run and migrates it once.
// With DATABASE_URL set, the real server is used (its public schema is reset first).
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);

export default async function globalSetup() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create({ dataDir: 'memory://', postgresqlconf: ['shared_buffers=16MB'] });
    const { patchPgliteSocketServer } = require('../../src/database/pglite-socket-patch.js');
    const server = patchPgliteSocketServer(new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 50 }));
    await server.start();
    url = `postgres://postgres@${server.getServerConn()}/postgres`;
    globalThis.__EMBEDDED_PG__ = { db, server };
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
