#!/usr/bin/env node
// Reliability suite: what a user of the product must be able to count on, checked from outside on the
// built product (apps/api/dist). `npm run test:reliability` (after `npm run build`).
//
//   kill9     kill -9 of the product during a stream of writes, ROUNDS rounds (every other round the
//             embedded PostgreSQL server is killed too): no acknowledged write lost, always back;
//             a second product on the same data folder refused while the first keeps working;
//             the server orphaned by a killed product reused on the next start
//   redis     Redis restarted without persistence while notification jobs were queued (an api process
//             that queues, a worker started afterwards): every notification arrives exactly once
//   dbdown    the database killed under a running product: 503 + Retry-After (never 500), then back
//   overload  more requests in flight than MAX_IN_FLIGHT_REQUESTS: the surplus shed at once with 503
//
// Env: RELIABILITY_ROUNDS (20), RELIABILITY_SCENARIOS (kill9,redis,dbdown,overload),
// RELIABILITY_PORT (4380; uses the next few), RELIABILITY_REDIS_PORT (4390; needs redis-server on PATH),
// RELIABILITY_START_TIMEOUT_MS (300000), RELIABILITY_PG_URL (backup restored there; else a new embedded folder).
// Prints counts per scenario (acknowledged / present / lost / duplicated) and exits 1 on any failure.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const api = join(here, '..');
const require = createRequire(join(api, 'package.json'));
const pg = require('pg');
const MAIN = join(api, 'dist', 'main.js');
const ROUNDS = Number(process.env.RELIABILITY_ROUNDS ?? 20);
const SCENARIOS = (process.env.RELIABILITY_SCENARIOS ?? 'kill9,redis,dbdown,overload').split(',');
const BASE_PORT = Number(process.env.RELIABILITY_PORT ?? 4380);
const REDIS_PORT = Number(process.env.RELIABILITY_REDIS_PORT ?? 4390);
const PASSWORD = 'ThiDua@2026';
const PLAN_DATA = { goals: 'Độ tin cậy', measures: 'Ghi liên tục, ngắt đột ngột', timeline: 'Quý IV' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];
let failed = 0;
const children = new Set();

function check(scenario, ok, what) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed += 1;
  results.push({ scenario, ok, what });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Starts dist/main.js; resolves when /api/ready answers 200 (or rejects when the process exits). */
async function startProduct(port, env, { timeoutMs = Number(process.env.RELIABILITY_START_TIMEOUT_MS ?? 300_000), waitReady = true } = {}) {
  const t0 = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SCHEDULER_INTERVAL_MS: '500', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d.toString()));
  child.stderr.on('data', (d) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  child.once('exit', () => children.delete(child));
  const product = { child, port, base: `http://127.0.0.1:${port}`, log: () => out, exited, startMs: 0 };
  if (!waitReady) return product;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`product exited while starting:\n${out.slice(-2000)}`);
    try {
      if ((await fetch(`${product.base}/api/ready`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`product not ready after ${timeoutMs} ms:\n${out.slice(-2000)}`);
    await sleep(100);
  }
  product.startMs = Date.now() - t0;
  return product;
}

async function stopProduct(p, signal = 'SIGTERM') {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await p.exited;
}

async function login(base, username) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

async function call(base, token, method, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await res.json();
  } catch {
    /* empty */
  }
  return { status: res.status, body: json, retryAfter: res.headers.get('retry-after') };
}

/** A client of the embedded server of a data folder (its credentials file and postmaster.pid). */
function embeddedUrl(dataDir) {
  const creds = JSON.parse(readFileSync(join(dataDir, 'pg.credentials.json'), 'utf8'));
  const port = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  return `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/postgres`;
}

function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
}

async function sql(url, text, params = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

const dataDirs = new Set();
function newDataDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `thidua-rel-${name}-`));
  chmodSync(dir, 0o755);
  dataDirs.add(dir);
  return dir;
}

async function stopOrphans(dataDir) {
  const pid = postmasterPid(dataDir);
  if (pid && isAlive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
  }
}

// ------------------------------------------------------------------ kill -9 rounds

async function kill9() {
  console.log(`\n## kill -9 of the product during a stream of writes (${ROUNDS} rounds)`);
  const dataDir = newDataDir('kill9');
  const env = { DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', LOG_LEVEL: 'info' };
  const acked = new Set();
  let reused = 0;
  let started = 0;
  const starts = [];
  let p = await startProduct(BASE_PORT, env);
  console.log(`  cold start: ${p.startMs} ms`);
  let url = embeddedUrl(dataDir);
  const unitId = (await sql(url, `SELECT id FROM unit WHERE code = 'CDCS-YT-BVDK'`))[0].id;

  // A second product on the same folder refuses while the first keeps working.
  const second = await startProduct(BASE_PORT + 1, env, { waitReady: false });
  const { code } = await Promise.race([second.exited, sleep(60_000).then(() => ({ code: 'timeout' }))]);
  if (code === 'timeout') await stopProduct(second, 'SIGKILL');
  check('kill9', code === 1 && /in use by another ThiĐua Flow process/.test(second.log()), `a second product on the same data folder exits 1 with a clear message (exit ${code})`);
  const token0 = await login(p.base, 'canbo.yt-bvdk');
  const still = await call(p.base, token0, 'POST', '/api/items', { workflow: 'unit_plan', unitId, title: 'rel-first-still-works', data: PLAN_DATA });
  check('kill9', still.status === 201, `the first product still acknowledges writes (${still.status})`);
  if (still.status === 201) acked.add('rel-first-still-works');

  for (let round = 1; round <= ROUNDS; round++) {
    const token = await login(p.base, 'canbo.yt-bvdk');
    let stop = false;
    let n = 0;
    const writer = async (w) => {
      while (!stop) {
        const title = `rel-${round}-${w}-${n++}`;
        try {
          const r = await call(p.base, token, 'POST', '/api/items', { workflow: 'unit_plan', unitId, title, data: PLAN_DATA }, { 'Idempotency-Key': title });
          if (r.status === 201) acked.add(title);
        } catch {
          /* connection cut by the kill: not acknowledged */
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await sleep(600 + Math.floor(Math.random() * 1500));
    const alsoServer = round % 2 === 0;
    const pgPid = postmasterPid(dataDir);
    p.child.kill('SIGKILL');
    if (alsoServer && pgPid) process.kill(pgPid, 'SIGKILL');
    await p.exited;
    stop = true;
    await Promise.all(writers);
    if (alsoServer) for (let i = 0; i < 100 && pgPid && isAlive(pgPid); i++) await sleep(50);
    try {
      p = await startProduct(BASE_PORT, env);
    } catch (e) {
      check('kill9', false, `round ${round}: the product came back (${e.message.split('\n')[0]})`);
      console.log(e.message.split('\n').slice(-30).map((l) => `    | ${l}`).join('\n'));
      const pgLog = join(dataDir, 'pg.log');
      if (existsSync(pgLog)) console.log(readFileSync(pgLog, 'utf8').split('\n').slice(-15).map((l) => `    pg| ${l}`).join('\n'));
      break;
    }
    starts.push(p.startMs);
    if (/embedded PostgreSQL 15 \(reused\)/.test(p.log())) reused += 1;
    else started += 1;
    if (!alsoServer && !/embedded PostgreSQL 15 \(reused\)/.test(p.log())) check('kill9', false, `round ${round}: the orphaned server was reused`);
  }
  url = embeddedUrl(dataDir);
  const rows = await sql(url, `SELECT title, count(*)::int AS n FROM work_item WHERE title LIKE 'rel-%' GROUP BY title`);
  const present = new Map(rows.map((r) => [r.title, r.n]));
  const lost = [...acked].filter((t) => !present.has(t));
  const duplicated = rows.filter((r) => r.n > 1).length;
  const extra = rows.filter((r) => !acked.has(r.title)).length;
  // Backup while the product runs, restore into another database (RELIABILITY_PG_URL, else a new embedded
  // folder), same rows: the move from the embedded database to a server.
  const dump = join(dataDir, 'move.dump');
  const moved = await backupAndRestore(dataDir, dump);
  const [{ n: itemsHere }] = await sql(url, 'SELECT count(*)::int AS n FROM work_item');
  console.log(`  backup ${moved.bytes} bytes; restored into ${moved.target}: work items ${moved.items} (here ${itemsHere}), audit rows ${moved.audit}`);
  check('kill9', moved.items === itemsHere && moved.audit > 0, 'db:backup of the running embedded data restores with every row elsewhere');
  await stopProduct(p);
  const stillRunning = isAlive(postmasterPid(dataDir));
  console.log(`  acknowledged ${acked.size}, present ${acked.size - lost.length}, lost ${lost.length}, duplicated ${duplicated} (plus ${extra} written but not acknowledged before the kill)`);
  console.log(`  restarts: ${reused} reused the orphaned server, ${started} started it (after it was killed too); warm start ms min/median/max ${stats(starts)}`);
  check('kill9', lost.length === 0, `no acknowledged write lost (${lost.length} lost${lost.length ? `: ${lost.slice(0, 5).join(', ')}` : ''})`);
  check('kill9', duplicated === 0, `no write duplicated (${duplicated})`);
  check('kill9', starts.length === ROUNDS, `came back after every kill (${starts.length}/${ROUNDS})`);
  check('kill9', reused >= Math.ceil(ROUNDS / 2), `an orphaned server was reused after each kill of the product alone (${reused})`);
  check('kill9', !stillRunning, 'a clean stop stops the embedded server too');
  results.push({ scenario: 'kill9', counts: { acknowledged: acked.size, present: acked.size - lost.length, lost: lost.length, duplicated } });
  rmSync(dataDir, { recursive: true, force: true });
}

function cli(args, env) {
  return execFileSync(process.execPath, [join(api, 'dist', 'database', 'cli.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

async function backupAndRestore(dataDir, dump) {
  const out = cli(['backup', dump], { DATA_DIR: dataDir, DATABASE_URL: '', INIT_CWD: dataDir });
  const bytes = Number((/\((\d+) bytes/.exec(out) ?? [])[1] ?? 0);
  let targetUrl = process.env.RELIABILITY_PG_URL;
  let otherDir;
  if (targetUrl) {
    await sql(targetUrl, 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    cli(['restore', dump], { DATABASE_URL: targetUrl });
  } else {
    otherDir = newDataDir('restored');
    cli(['restore', dump], { DATA_DIR: otherDir, DATABASE_URL: '', INIT_CWD: otherDir });
  }
  let items;
  let audit;
  if (targetUrl) {
    [{ n: items }] = await sql(targetUrl, 'SELECT count(*)::int AS n FROM work_item');
    [{ n: audit }] = await sql(targetUrl, 'SELECT count(*)::int AS n FROM audit_log');
  } else {
    const { startEmbeddedPostgres } = require(join(api, 'dist', 'database', 'embedded-postgres.js'));
    const server = await startEmbeddedPostgres(join(otherDir, 'pg'));
    [{ n: items }] = await sql(server.url, 'SELECT count(*)::int AS n FROM work_item');
    [{ n: audit }] = await sql(server.url, 'SELECT count(*)::int AS n FROM audit_log');
    await server.stop();
    rmSync(otherDir, { recursive: true, force: true });
  }
  return { bytes, items, audit, target: targetUrl ? 'RELIABILITY_PG_URL' : 'a new embedded data folder' };
}

function stats(xs) {
  if (xs.length === 0) return '-';
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0]}/${s[Math.floor(s.length / 2)]}/${s[s.length - 1]}`;
}

// ------------------------------------------------------------------ Redis restart

function startRedis() {
  const child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function redisPing() {
  try {
    return execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'ping']).toString().trim() === 'PONG';
  } catch {
    return false;
  }
}

async function redis() {
  console.log('\n## Redis restarted without persistence while notification jobs were queued');
  try {
    execFileSync('redis-server', ['--version']);
  } catch {
    check('redis', false, 'redis-server on PATH (apt-get install redis-server)');
    return;
  }
  const dataDir = newDataDir('redis');
  let r = startRedis();
  for (let i = 0; i < 50 && !(await redisPing()); i++) await sleep(100);
  const redisUrl = `redis://127.0.0.1:${REDIS_PORT}/0`;
  // An API process only: it queues jobs but runs none.
  const apiP = await startProduct(BASE_PORT + 2, { DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', REDIS_URL: redisUrl, PROCESS_ROLE: 'api' });
  const url = embeddedUrl(dataDir);
  const unitId = (await sql(url, `SELECT id FROM unit WHERE code = 'CDCS-YT-BVDK'`))[0].id;
  const [{ t0 }] = await sql(url, 'SELECT now() AS t0');
  const token = await login(apiP.base, 'canbo.yt-bvdk');
  let submitted = 0;
  for (let i = 0; i < 20; i++) {
    const c = await call(apiP.base, token, 'POST', '/api/items', { workflow: 'unit_plan', unitId, title: `rel-redis-${i}`, data: PLAN_DATA });
    if (c.status !== 201) continue;
    const s = await call(apiP.base, token, 'POST', `/api/items/${c.body.id}/actions`, { action: 'submit' });
    if (s.status === 200) submitted += 1;
  }
  await sleep(1500); // the dispatcher hands the rows over right after each commit
  const queued = Number(execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'llen', 'thidua:thidua:wait']).toString().trim());
  const rowsBefore = await sql(url, `SELECT count(*)::int AS n, count(dispatched_at)::int AS d FROM outbox WHERE topic = 'workflow.notify' AND created_at >= $1`, [t0]);
  console.log(`  ${submitted} plans submitted; ${rowsBefore[0].n} notification rows, ${rowsBefore[0].d} handed to Redis; ${queued} jobs waiting in Redis`);
  check('redis', queued > 0 && rowsBefore[0].n > 0, 'jobs were queued in Redis before the restart');
  // Redis restarts empty.
  r.kill('SIGKILL');
  await new Promise((res) => r.once('exit', res));
  r = startRedis();
  for (let i = 0; i < 50 && !(await redisPing()); i++) await sleep(100);
  const after = Number(execFileSync('redis-cli', ['-p', String(REDIS_PORT), 'dbsize']).toString().trim());
  console.log(`  Redis restarted without persistence: ${after} keys`);
  // A worker on the same database; it relays rows whose job never completed.
  const worker = await startProduct(BASE_PORT + 3, { DATABASE_URL: url, REDIS_URL: redisUrl, PROCESS_ROLE: 'worker', OUTBOX_REDELIVER_AFTER_MS: '2000', SEED_DEMO_DATA: 'false' }, { waitReady: false });
  const until = Date.now() + 90_000;
  let pending = -1;
  while (Date.now() < until) {
    pending = (await sql(url, `SELECT count(*)::int AS n FROM outbox WHERE topic = 'workflow.notify' AND created_at >= $1 AND completed_at IS NULL`, [t0]))[0].n;
    if (pending === 0) break;
    await sleep(500);
  }
  const rows = await sql(
    url,
    // A notification's key is its event (item@version, else the outbox row), its template and its user. Nobody is
    // told of their own step: the creation rows here announce the officer's own draft to the officer's unit, where
    // the officer is the only holder, so they deliver nothing and are not counted (the submissions' rows are).
    `SELECT o.id, (SELECT count(*)::int FROM notification n WHERE n.dedup_key LIKE k.prefix || '%') AS n,
            (SELECT count(DISTINCT n.dedup_key)::int FROM notification n WHERE n.dedup_key LIKE k.prefix || '%') AS d
       FROM outbox o CROSS JOIN LATERAL (SELECT COALESCE(o.payload->>'eventKey', o.id::text) || ':' || (o.payload->>'template') || ':' AS prefix) k
      WHERE o.topic = 'workflow.notify' AND o.created_at >= $1
        AND (o.payload->'to'->>'userId' IS NULL OR o.payload->'to'->>'userId' IS DISTINCT FROM o.payload->'params'->>'actorUserId')
        AND o.payload->'params'->>'event' IS DISTINCT FROM 'create'`,
    [t0],
  );
  const acknowledged = rows.length;
  const present = rows.filter((x) => x.n > 0).length;
  const duplicated = rows.reduce((s, x) => s + (x.n - x.d), 0);
  console.log(`  notification rows: acknowledged ${acknowledged}, delivered ${present}, lost ${acknowledged - present}, duplicated ${duplicated} (${rows.reduce((s, x) => s + x.n, 0)} notifications)`);
  check('redis', pending === 0 && present === acknowledged, `every notification arrived (${present}/${acknowledged}, ${pending} rows incomplete)`);
  check('redis', duplicated === 0, `none arrived twice (${duplicated})`);
  results.push({ scenario: 'redis', counts: { acknowledged, present, lost: acknowledged - present, duplicated } });
  await stopProduct(worker);
  await stopProduct(apiP);
  r.kill('SIGTERM');
  await stopOrphans(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ database restart

async function dbdown() {
  console.log('\n## the database killed under a running product');
  const dataDir = newDataDir('dbdown');
  const p = await startProduct(BASE_PORT + 4, { DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' });
  const token = await login(p.base, 'canbo.yt-bvdk');
  const pid = postmasterPid(dataDir);
  process.kill(pid, 'SIGKILL');
  const counts = {};
  let withoutRetryAfter = 0;
  let backAfter = -1;
  const t0 = Date.now();
  let saw503 = false;
  while (Date.now() - t0 < 60_000) {
    let r;
    try {
      r = await call(p.base, token, 'GET', '/api/inbox');
    } catch {
      r = { status: 'conn' };
    }
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status === 503) {
      saw503 = true;
      if (!r.retryAfter || r.body?.code !== 'SERVICE_UNAVAILABLE') withoutRetryAfter += 1;
    }
    if (r.status === 200 && saw503) {
      backAfter = Date.now() - t0;
      break;
    }
    await sleep(100);
  }
  console.log(`  answers while down: ${JSON.stringify(counts)}; back after ${backAfter} ms`);
  check('dbdown', saw503 && withoutRetryAfter === 0, 'database down: 503 SERVICE_UNAVAILABLE with Retry-After');
  check('dbdown', !counts[500], `never 500 (${counts[500] ?? 0})`);
  check('dbdown', backAfter > 0, 'answers 200 again once the server is back (restarted by the product)');
  await stopProduct(p);
  await stopOrphans(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ overload

async function overload() {
  console.log('\n## more requests in flight than the limit');
  const dataDir = newDataDir('overload');
  const limit = 8;
  const p = await startProduct(BASE_PORT + 5, { DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', MAX_IN_FLIGHT_REQUESTS: String(limit) });
  const token = await login(p.base, 'giamsat.gd');
  const counts = {};
  const shedMs = [];
  const okMs = [];
  let retryAfterMissing = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      const t = Date.now();
      const r = await call(p.base, token, 'GET', '/api/inbox?limit=50');
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      if (r.status === 503) {
        shedMs.push(Date.now() - t);
        if (!r.retryAfter || r.body?.details?.reason !== 'overloaded') retryAfterMissing += 1;
      } else okMs.push(Date.now() - t);
    }),
  );
  const after = await call(p.base, token, 'GET', '/api/inbox?limit=50');
  console.log(`  200 concurrent requests, limit ${limit}: ${JSON.stringify(counts)}; shed answered in ms min/median/max ${stats(shedMs)}, served ${stats(okMs)}`);
  check('overload', (counts[503] ?? 0) > 0 && retryAfterMissing === 0, 'the surplus is shed with 503 + Retry-After (reason overloaded)');
  check('overload', Object.keys(counts).every((s) => s === '200' || s === '503'), 'nothing but 200 and 503');
  check('overload', after.status === 200, 'served normally once the burst is over');
  await stopProduct(p);
  await stopOrphans(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------

async function main() {
  if (!existsSync(MAIN)) {
    console.error('build first: npm run build');
    process.exit(2);
  }
  const t0 = Date.now();
  const all = { kill9, redis, dbdown, overload };
  for (const s of SCENARIOS) {
    try {
      await all[s]();
    } catch (e) {
      check(s, false, `scenario ${s} ran to the end (${e.message.split('\n').slice(0, 3).join(' ')})`);
    }
  }
  console.log(`\nreliability: ${results.filter((r) => r.ok).length} checks passed, ${failed} failed (${Math.round((Date.now() - t0) / 1000)} s)`);
  for (const r of results.filter((x) => x.counts)) console.log(`  ${r.scenario}: ${JSON.stringify(r.counts)}`);
  process.exitCode = failed ? 1 : 0;
}

process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  // Servers of folders a failed scenario left behind: fast shutdown.
  for (const d of dataDirs) {
    const pid = existsSync(d) ? postmasterPid(d) : 0;
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
  }
});
main();
