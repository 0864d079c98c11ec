// Statements per action (issue 17, lines 1 and 5), counted by pg_stat_statements — a count that does not depend
// on the machine's load. Starts a private PostgreSQL 15 with pg_stat_statements preloaded (support/private-postgres.cjs;
// or STATS_DATABASE_URL, a server that has it), loads the demo data, starts the built API (jobs in process, no
// scheduler) and, for each action, resets the statistics, does the action REPEATS times through HTTP and reads how
// many statements the API sent: during the request, and in all once its background work (outbox, jobs) is done.
// BEGIN/COMMIT are statements (each a round trip) and are counted; the bench's own reads of the statistics are not.
//
//   node apps/api/bench/statements.bench.mjs [repeats=5]
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const pg = require('pg');
const { startBenchApi } = require('./support/start-api.cjs');
const { freePort } = require('./support/free-port.cjs');
const { startPrivatePostgres } = require('./support/private-postgres.cjs');

const REPEATS = Number(process.argv[2] ?? 5);
const PASSWORD = 'ThiDua@2026';
const JWT_SECRET = 'bench-only-secret-0123456789-0123456789-abcdef';
const FLOW = {
  schemaVersion: 1,
  key: 'bench_approval',
  version: 1,
  name: { vi: 'Duyệt ba cấp (benchmark)', en: 'Three-stage approval (benchmark)' },
  initialStage: 's1',
  stages: {
    s1: { kind: 'task', name: { vi: 'Bước 1' }, actor: { role: 'supervisor', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 's2' }] },
    s2: { kind: 'task', name: { vi: 'Bước 2' }, actor: { role: 'supervisor', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 's3' }] },
    s3: { kind: 'task', name: { vi: 'Bước 3' }, actor: { role: 'supervisor', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 'done' }] },
    done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
  },
  separationOfDuties: { submitterCannotApprove: false },
};

async function seedDemo(dbUrl) {
  require('reflect-metadata');
  const { createApp } = require(join(dist, 'app.factory.js'));
  const { loadConfig } = require(join(dist, 'config', 'app-config.js'));
  const { SeedService } = require(join(dist, 'seed', 'seed.service.js'));
  const app = await createApp(loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', RUN_SCHEDULER: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'stmt-seed-')) }));
  await app.init();
  await app.get(SeedService).seedAll(PASSWORD);
  await app.close();
}

async function call(base, token, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return { body: text ? JSON.parse(text) : null, bytes: Buffer.byteLength(text) };
}

async function main() {
  const server = process.env.STATS_DATABASE_URL ? null : await startPrivatePostgres();
  const serverUrl = process.env.STATS_DATABASE_URL ?? server.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const dbName = `thidua_stmt_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();
  const stats = new pg.Client({ connectionString: dbUrl });
  let api;
  try {
    await seedDemo(dbUrl);
    await stats.connect();
    await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const [{ oid }] = (await stats.query('SELECT oid FROM pg_database WHERE datname = current_database()')).rows;
    const version = (await stats.query('SHOW server_version')).rows[0].server_version;
    api = await startBenchApi(dist, dbUrl, { port: await freePort(), env: { JWT_SECRET, LOGIN_THROTTLE_PER_MINUTE: '10000' } });
    const { signAccessToken } = require(join(dist, 'modules', 'auth', 'jwt.js'));
    const [unit] = (await stats.query(`SELECT id FROM unit WHERE kind = 'grassroots_union' ORDER BY code LIMIT 1`)).rows;
    const [user] = (
      await stats.query(
        `INSERT INTO app_user (username, full_name, status, home_unit_id, password_hash)
         SELECT 'bench1', 'Bench 1', 'active', $1, password_hash FROM app_user WHERE username = 'admin' RETURNING id`,
        [unit.id],
      )
    ).rows;
    await stats.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'supervisor')`, [user.id, unit.id]);
    // Tokens carry the user's session version (bumped by the role and password triggers): sign with the current one.
    const sessionVersion = async (id) => (await stats.query(`SELECT session_version AS v FROM app_user WHERE id = $1`, [id])).rows[0].v;
    const adminId = (await stats.query(`SELECT id FROM app_user WHERE username = 'admin'`)).rows[0].id;
    const adminToken = signAccessToken(adminId, JWT_SECRET, 3600, new Date(), await sessionVersion(adminId));
    const draft = (await call(api.base, adminToken, 'POST', '/api/workflows', { definition: FLOW })).body;
    await call(api.base, adminToken, 'POST', `/api/workflows/${draft.id}/publish`);
    const token = signAccessToken(user.id, JWT_SECRET, 3600, new Date(), await sessionVersion(user.id));
    const create = async () => (await call(api.base, token, 'POST', '/api/items', { workflow: 'bench_approval', unitId: unit.id, title: 'Bench', data: {} })).body.id;

    const count = async () => {
      const rows = (
        await stats.query(
          `SELECT query, calls::int AS calls FROM pg_stat_statements WHERE dbid = $1 AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_database%' ORDER BY calls DESC`,
          [oid],
        )
      ).rows;
      return { total: rows.reduce((n, r) => n + r.calls, 0), rows };
    };
    const settle = () => new Promise((r) => setTimeout(r, 1500));
    const measure = async (name, prepare, act) => {
      const inputs = [];
      for (let i = 0; i < REPEATS; i++) inputs.push(await prepare());
      await settle();
      await stats.query('SELECT pg_stat_statements_reset()');
      let bytes = 0;
      let inRequest = 0;
      for (const input of inputs) {
        const before = (await count()).total;
        const res = await act(input);
        bytes = res.bytes;
        inRequest += (await count()).total - before;
      }
      await settle();
      const all = await count();
      return {
        action: name,
        statementsInRequest: Math.round((inRequest / REPEATS) * 10) / 10,
        statementsWithBackground: Math.round((all.total / REPEATS) * 10) / 10,
        bytes,
        top: all.rows.slice(0, 12).map((r) => ({ perAction: Math.round((r.calls / REPEATS) * 10) / 10, query: r.query.replace(/\s+/g, ' ').slice(0, 140) })),
      };
    };
    const actions = [];
    actions.push(await measure('approve', create, (id) => call(api.base, token, 'POST', `/api/items/${id}/actions`, { action: 'approve' })));
    actions.push(await measure('create', async () => null, () => call(api.base, token, 'POST', '/api/items', { workflow: 'bench_approval', unitId: unit.id, title: 'Bench', data: {} })));
    actions.push(await measure('inbox page', async () => null, () => call(api.base, token, 'GET', '/api/inbox?limit=50')));
    actions.push(await measure('inbox counts', async () => null, () => call(api.base, token, 'GET', '/api/inbox/counts')));
    actions.push(await measure('item page', create, (id) => call(api.base, token, 'GET', `/api/items/${id}`)));
    actions.push(await measure('item history', create, (id) => call(api.base, token, 'GET', `/api/items/${id}/history`)));
    actions.push(await measure('sign-in', async () => null, () => call(api.base, null, 'POST', '/api/auth/login', { username: 'bench1', password: PASSWORD })));
    const out = {
      bench: 'statements-per-action',
      database: `PostgreSQL ${version}${server ? ' (private, pg_stat_statements)' : ''}`,
      jobs: 'in-process',
      repeats: REPEATS,
      perAction: Object.fromEntries(actions.map((a) => [a.action, { inRequest: a.statementsInRequest, withBackground: a.statementsWithBackground, bytes: a.bytes }])),
      actions,
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    };
    console.log(JSON.stringify(out));
  } finally {
    api?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await stats.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    server?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
