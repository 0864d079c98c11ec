// A database for one bench run: an in-memory embedded PGlite, or (with DATABASE_URL) a scratch database
// created on that server and dropped afterwards (kept with BENCH_KEEP_DB=1). `startEmbeddedPostgres` is passed in because the benches
// load it either from src (through register-ts) or from dist.
const { DataSource } = require('typeorm');

async function openScratchDatabase(prefix, startEmbeddedPostgres, { maxConnections } = {}) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedPostgres('memory://', 0, maxConnections);
    return { url: embedded.url, kind: 'PGlite (embedded, PostgreSQL 18)', stop: () => embedded.stop() };
  }
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  const name = `${prefix}_${process.pid}`;
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
