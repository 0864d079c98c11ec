// Approvals through the HTTP API at 32 concurrent clients on a three-stage flow, beside two references at the
// same concurrency against the same server in the same run: a bare `node:http` + `pg` server doing the same save on
// the same tables (bench/support/bare-approvals-server.cjs: the item read + the product's one-statement save), and
// pgbench running the same SQL shape (one UPDATE with a version check and two INSERTs in one transaction) on tables
// with work_item's indexes. REPEATS rounds of the three windows (one action per window), min and median reported,
// the load average recorded at each window. Runs the built dist.
//
//   node apps/api/bench/approvals.bench.mjs [seconds=20] [clients=32] [repeats=3]
//
// Database: DATABASE_URL (a scratch database is created on that server and dropped afterwards), else
// an embedded PGlite started here. REDIS_URL selects Bull for the notification jobs.
// BENCH_BASELINE_DIST=path/to/an/older/dist adds, in every round, a window of the product built from that dist (same
// database, same items, its own port): before/after of a change measured in the same run ("baseline" in the output).
// Prints one JSON line with the figures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const pg = require('pg');
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { startBenchApi } = require('./support/start-api.cjs');
const { freePort, spread } = require('./support/free-port.cjs');

const SECONDS = Number(process.argv[2] ?? 20);
const CLIENTS = Number(process.argv[3] ?? 32);
const REPEATS = Number(process.argv[4] ?? 3);
const ITEMS_PER_CLIENT = Number(process.env.BENCH_ITEMS_PER_CLIENT ?? 150);
const BARE_ITEMS_PER_CLIENT = Number(process.env.BENCH_BARE_ITEMS_PER_CLIENT ?? 600);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const PASSWORD = 'ThiDua@2026';
const JWT_SECRET = 'bench-only-secret-0123456789-0123456789-abcdef';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x) => Math.round(x * 10) / 10;

function openDatabase() {
  const { startEmbeddedPostgres } = require(join(dist, 'database', 'embedded-postgres.js'));
  // Per server a pool of 20 (the product, the bare server, a baseline product) + pgbench's clients + one set-up connection per client.
  return openScratchDatabase('thidua_wf_bench', startEmbeddedPostgres, { maxConnections: 80 + (process.env.BENCH_BASELINE_DIST ? 40 : 0) });
}

/**
 * Migrates and loads the demo hierarchy into the bench database with the app's own code (main.js
 * calls seedAll before the modules' init hooks have registered their seeders, so it loads nothing).
 */
async function seedDemo(dbUrl) {
  require('reflect-metadata');
  const { createApp } = require(join(dist, 'app.factory.js'));
  const { loadConfig } = require(join(dist, 'config', 'app-config.js'));
  const { SeedService } = require(join(dist, 'seed', 'seed.service.js'));
  const app = await createApp(loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', RUN_SCHEDULER: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'wf-seed-')) }));
  await app.init();
  await app.get(SeedService).seedAll(PASSWORD);
  await app.close();
}

async function startApi(dbUrl, fromDist = dist) {
  const nodeArgs = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  return startBenchApi(fromDist, dbUrl, { port: await freePort(), nodeArgs, env: { DATABASE_POOL_SIZE: '20', JWT_SECRET, RATE_LIMIT_PER_MINUTE: '1000000' } });
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function call(base, token, method, path, body, attempt = 1) {
  let r;
  try {
    r = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    // A kept-alive connection closed by the server as it was reused (set-up calls only, outside the timed windows).
    if (attempt < 3) return call(base, token, method, path, body, attempt + 1);
    throw e;
  }
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

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

async function prepare(db, base) {
  const c = new pg.Client({ connectionString: db.url });
  c.on('error', () => undefined);
  await c.connect();
  // One supervisor per grassroots union (as in life: a handful of people per unit, not 32), each client its own unit.
  const units = (await c.query(`SELECT id FROM unit WHERE kind = 'grassroots_union' ORDER BY code LIMIT $1`, [CLIENTS])).rows.map((r) => r.id);
  if (units.length < CLIENTS) throw new Error(`only ${units.length} grassroots unions in the demo tree`);
  for (let i = 1; i <= CLIENTS; i++) {
    const u = await c.query(
      `INSERT INTO app_user (username, full_name, status, home_unit_id, password_hash)
       SELECT $1, $1, 'active', $2, password_hash FROM app_user WHERE username = 'admin' RETURNING id`,
      [`bench${i}`, units[i - 1]],
    );
    await c.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'supervisor')`, [u.rows[0].id, units[i - 1]]);
  }
  // pgbench's tables: the same row shapes as work_item / work_item_event / outbox.
  // With the indexes of work_item that an approval's UPDATE maintains (the assignment moves, so no HOT update).
  await c.query(`CREATE TABLE pgb_item (id bigint PRIMARY KEY, stage text NOT NULL, status text NOT NULL, data jsonb NOT NULL, snapshot jsonb NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
                   unit_id uuid NOT NULL DEFAULT gen_random_uuid(), unit_path text NOT NULL DEFAULT '/000001/', parent_item_id bigint, campaign_id uuid, definition_id uuid NOT NULL DEFAULT gen_random_uuid(),
                   workflow_key text NOT NULL DEFAULT 'bench_approval', assigned_role text, assigned_unit_path text, assigned_user_id uuid, due_at timestamptz)`);
  await c.query(`CREATE INDEX ON pgb_item (assigned_role, assigned_unit_path text_pattern_ops, due_at, id) INCLUDE (assigned_user_id, workflow_key, stage) WHERE status <> 'final'`);
  await c.query(`CREATE INDEX ON pgb_item (assigned_role, (COALESCE(due_at, 'infinity'::timestamptz)), id) INCLUDE (assigned_unit_path, assigned_user_id, workflow_key, stage) WHERE status <> 'final'`);
  await c.query(`CREATE INDEX ON pgb_item (assigned_user_id, due_at, id) WHERE status <> 'final' AND assigned_user_id IS NOT NULL`);
  await c.query(`CREATE INDEX ON pgb_item (unit_id)`);
  await c.query(`CREATE INDEX ON pgb_item (unit_path text_pattern_ops)`);
  await c.query(`CREATE INDEX ON pgb_item (campaign_id)`);
  await c.query(`CREATE INDEX ON pgb_item (definition_id)`);
  await c.query(`CREATE UNIQUE INDEX ON pgb_item (parent_item_id, unit_id)`);
  await c.query(`CREATE TABLE pgb_event (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, item_id bigint NOT NULL, item_version int NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now(), event text NOT NULL, actor_user_id uuid, from_stage text, to_stage text, comment text, changes jsonb NOT NULL, details jsonb NOT NULL)`);
  await c.query(`CREATE INDEX ON pgb_event (item_id, id)`);
  await c.query(`CREATE TABLE pgb_outbox (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), topic text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), dispatched_at timestamptz)`);
  await c.end();

  // Tokens are signed here with the API's secret: 33 sign-ins from one address would hit the login throttle.
  const { signAccessToken } = require(join(dist, 'modules', 'auth', 'jwt.js'));
  const token = async (username) => {
    const q = new pg.Client({ connectionString: db.url });
    await q.connect();
    const { id, sv } = (await q.query('SELECT id, session_version AS sv FROM app_user WHERE username = $1', [username])).rows[0];
    await q.end();
    // With the user's current session version (role assignments bump it): an older one is refused.
    return signAccessToken(id, JWT_SECRET, 3600, new Date(), sv);
  };
  const admin = await token('admin');
  const draft = await call(base, admin, 'POST', '/api/workflows', { definition: FLOW });
  await call(base, admin, 'POST', `/api/workflows/${draft.id}/publish`);
  const tokens = [];
  for (let i = 1; i <= CLIENTS; i++) tokens.push(await token(`bench${i}`));
  const userIds = tokens.map((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub);
  return { units, tokens, userIds };
}

/**
 * Copies of a template item (created through the API, one per client) made by SQL, so that creating thousands of
 * items stays outside every timed window: same definition, unit, stage, assignment and snapshot.
 */
async function cloneItems(dbUrl, templateId, n) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const cols = (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'work_item' AND table_schema = current_schema() AND is_generated = 'NEVER' AND column_name <> 'id' ORDER BY ordinal_position`)).rows.map((r) => `"${r.column_name}"`);
    const r = await c.query(`INSERT INTO work_item (${cols.join(', ')}) SELECT ${cols.map((x) => `t.${x}`).join(', ')} FROM work_item t, generate_series(1, $2) WHERE t.id = $1 RETURNING id`, [templateId, n]);
    return r.rows.map((x) => x.id);
  } finally {
    await c.end();
  }
}

/**
 * One timed window: each client approves its own items (each three times; no two clients touch one item) through
 * `approveOne`, for SECONDS; a client whose items are all done stops (counted in `exhausted`).
 */
async function runWindow(queues, approveOne, seconds) {
  const latencies = [];
  let approvals = 0;
  let errors = 0;
  let exhausted = 0;
  let maxAnswerBytes = 0;
  const firstErrors = new Set();
  const deadline = Date.now() + seconds * 1000;
  const client = async (n, queue) => {
    while (Date.now() < deadline) {
      const it = queue.shift();
      if (!it) {
        exhausted++;
        return;
      }
      const t0 = performance.now();
      try {
        const bytes = await approveOne(n, it.id);
        latencies.push(performance.now() - t0);
        maxAnswerBytes = Math.max(maxAnswerBytes, bytes);
        approvals++;
      } catch (e) {
        errors++;
        if (firstErrors.size < 3) firstErrors.add(String(e.message).slice(0, 160));
      }
      it.left--;
      if (it.left > 0) queue.push(it);
    }
  };
  const t0 = Date.now();
  const loadAtStart = load();
  await Promise.all(queues.map((q, n) => client(n, q)));
  const elapsed = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { loadAtStart, approvalsPerSecond: round(approvals / elapsed), approvals, errors, ...(firstErrors.size ? { firstErrors: [...firstErrors] } : {}), exhausted, p50Ms: round(pct(latencies, 50)), p99Ms: round(pct(latencies, 99)), maxAnswerBytes };
}

async function post(url, token, body) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${url}: ${r.status} ${text.slice(0, 200)}`);
  return Buffer.byteLength(text);
}

/** Items for one window: a template per client through the API, then `perClient` SQL copies of it. */
async function itemQueues(db, base, units, tokens, perClient) {
  return Promise.all(tokens.map(async (token, n) => {
    const template = (await call(base, token, 'POST', '/api/items', { workflow: 'bench_approval', unitId: units[n], title: `Bench ${n}`, data: {} })).id;
    return (await cloneItems(db.url, template, perClient)).map((id) => ({ id, left: 3 }));
  }));
}

async function startBare(dbUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(here, 'support', 'bare-approvals-server.cjs')], { env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), POOL_SIZE: '20' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

function runPgbench(dbUrl, seedRows) {
  const c = new URL(dbUrl);
  const dir = mkdtempSync(join(tmpdir(), 'pgb-'));
  const snapshot = JSON.stringify({ schemaVersion: 1, workflow: 'bench_approval', version: 1, stage: 's2', status: 'active', submitterId: null, trail: ['s1', 's2'], seq: 2, enteredAt: new Date().toISOString(), returnCount: 0, acted: { s1: { userId: '00000000-0000-0000-0000-000000000001', event: 'approve', at: new Date().toISOString() } }, skipped: {}, returnedBy: {}, assignment: { unitId: '00000000-0000-0000-0000-000000000002', role: 'supervisor', mode: 'offer' }, deadline: null, vote: null, voteResults: {}, fanout: null, childrenOpen: false, machine: { status: 'active', value: 's2', context: {}, historyValue: {}, children: {} } }).replace(/'/g, "''");
  writeFileSync(
    join(dir, 'approve.sql'),
    [
      `\\set id random(1, 100000)`,
      `BEGIN;`,
      `UPDATE pgb_item SET stage = 's2', status = 'active', snapshot = '${snapshot}'::jsonb, assigned_role = 'supervisor', assigned_unit_path = '/000001/' || :id || '/', due_at = now() + interval '5 days', version = version + 1, updated_at = now() WHERE id = :id AND version > 0;`,
      `INSERT INTO pgb_event (item_id, item_version, event, actor_user_id, from_stage, to_stage, comment, changes, details) VALUES (:id, 2, 'approve', '00000000-0000-0000-0000-000000000001', 's1', 's2', NULL, '{}', '{"audit":[{"action":"approve"}]}');`,
      `INSERT INTO pgb_outbox (topic, payload) VALUES ('workflow.notify', '{"to":{"unitId":"00000000-0000-0000-0000-000000000002","role":"supervisor"},"template":"item.assigned","params":{"stage":"s2"}}');`,
      `COMMIT;`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, PGHOST: c.hostname, PGPORT: c.port || '5432', PGUSER: decodeURIComponent(c.username || 'postgres'), PGDATABASE: c.pathname.slice(1), ...(c.password ? { PGPASSWORD: decodeURIComponent(c.password) } : {}) };
  if (seedRows) {
    const seed = spawnSync('psql', ['-q', '-c', `INSERT INTO pgb_item SELECT g, 's1', 'active', '{}', '{}', 1 FROM generate_series(1, 100000) g`], { env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`psql: ${seed.stderr}`);
  }
  const jobs = String(Math.min(CLIENTS, cpus().length));
  const args = ['-n', '-c', String(CLIENTS), '-j', jobs, '-T', String(SECONDS), '-f', join(dir, 'approve.sql'), '-l', `--log-prefix=${join(dir, 'log')}`];
  spawnSync('pgbench', [...args.slice(0, 6), '-T', '3', '-f', join(dir, 'approve.sql')], { env, encoding: 'utf8' }); // warm-up
  const r = spawnSync('pgbench', args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pgbench: ${r.stderr}`);
  const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
  const lat = [];
  for (const f of readdirSync(dir).filter((f) => f.startsWith('log'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const parts = line.split(' ');
      if (parts.length >= 3) lat.push(Number(parts[2]) / 1000);
    }
  }
  lat.sort((a, b) => a - b);
  rmSync(dir, { recursive: true, force: true });
  return { tps: round(tps), p50Ms: round(pct(lat, 50)), p99Ms: round(pct(lat, 99)) };
}

async function main() {
  const db = await openDatabase();
  let api;
  let bare;
  let before;
  try {
    await seedDemo(db.url);
    api = await startApi(db.url);
    bare = await startBare(db.url);
    const { units, tokens, userIds } = await prepare(db, api.base);
    const viaApi = (n, id) => post(`${api.base}/api/items/${id}/actions`, tokens[n], { action: 'approve' });
    const baselineDist = process.env.BENCH_BASELINE_DIST;
    before = baselineDist ? await startApi(db.url, baselineDist) : undefined;
    const viaBefore = before && ((n, id) => post(`${before.base}/api/items/${id}/actions`, tokens[n], { action: 'approve' }));
    if (viaBefore) await runWindow(await itemQueues(db, api.base, units, tokens, 5), viaBefore, 3);
    const viaBare = (n, id) => post(`${bare.base}/items/${id}/approve`, null, { userId: userIds[n] });
    // Warm-up of both servers (3 s each), not counted.
    await runWindow(await itemQueues(db, api.base, units, tokens, 5), viaApi, 3);
    await runWindow(await itemQueues(db, api.base, units, tokens, 5), viaBare, 3);
    const rounds = [];
    for (let r = 0; r < REPEATS; r++) {
      const product = await runWindow(await itemQueues(db, api.base, units, tokens, ITEMS_PER_CLIENT), viaApi, SECONDS);
      const baseline = viaBefore ? await runWindow(await itemQueues(db, api.base, units, tokens, ITEMS_PER_CLIENT), viaBefore, SECONDS) : undefined;
      const reference = await runWindow(await itemQueues(db, api.base, units, tokens, BARE_ITEMS_PER_CLIENT), viaBare, SECONDS);
      const pgb = { loadAtStart: load(), ...runPgbench(db.url, r === 0) };
      rounds.push({
        product,
        ...(baseline ? { baseline, baselineOverBare: Math.round((baseline.approvalsPerSecond / reference.approvalsPerSecond) * 100) / 100 } : {}),
        bare: reference,
        pgbench: pgb,
        productOverBare: Math.round((product.approvalsPerSecond / reference.approvalsPerSecond) * 100) / 100,
        productOverPgbench: Math.round((product.approvalsPerSecond / pgb.tps) * 1000) / 1000,
      });
    }
    const memory = rssOf(api.child.pid);
    const out = {
      bench: 'approvals',
      database: db.kind,
      jobs: process.env.REDIS_URL ? 'bull' : 'in-process',
      clients: CLIENTS,
      seconds: SECONDS,
      repeats: REPEATS,
      productPerSecond: spread(rounds.map((x) => x.product.approvalsPerSecond)),
      productP99Ms: spread(rounds.map((x) => x.product.p99Ms)),
      barePerSecond: spread(rounds.map((x) => x.bare.approvalsPerSecond)),
      bareP99Ms: spread(rounds.map((x) => x.bare.p99Ms)),
      pgbenchTps: spread(rounds.map((x) => x.pgbench.tps)),
      productOverBare: spread(rounds.map((x) => x.productOverBare)),
      productOverPgbench: spread(rounds.map((x) => x.productOverPgbench)),
      ...(baselineDist ? { baselineDist, baselinePerSecond: spread(rounds.map((x) => x.baseline.approvalsPerSecond)), baselineOverBare: spread(rounds.map((x) => x.baselineOverBare)), productOverBaseline: spread(rounds.map((x) => Math.round((x.product.approvalsPerSecond / x.baseline.approvalsPerSecond) * 100) / 100)) } : {}),
      maxAnswerBytes: Math.max(...rounds.map((x) => x.product.maxAnswerBytes)),
      api: { rssMb: memory.rssMb, peakRssMb: memory.peakMb },
      rounds,
      targets: { productOverBare: 0.7, p99Ms: 50, answerBytes: 1024 },
      loadavgAtEnd: load(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    };
    console.log(JSON.stringify(out));
  } finally {
    api?.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
    before?.child.kill('SIGTERM');
    // A CPU profile is written only on a normal exit: a second SIGTERM makes main.js call process.exit(0);
    // give it time to write (a loaded machine needs more than 1.5 s).
    if (process.env.BENCH_CPU_PROFILE) {
      await new Promise((r) => setTimeout(r, 300));
      for (const c of [api?.child, before?.child]) if (c && c.exitCode === null) c.kill('SIGTERM');
    }
    const grace = Date.now() + (process.env.BENCH_CPU_PROFILE ? 30_000 : 1500);
    while (Date.now() < grace && [api?.child, bare?.child, before?.child].some((c) => c && c.exitCode === null && c.signalCode === null)) await new Promise((r) => setTimeout(r, 100));
    for (const c of [api?.child, bare?.child, before?.child]) if (c && c.exitCode === null) c.kill('SIGKILL');
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
