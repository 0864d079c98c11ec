// Sign-in under a burst (issue 17, line 3): BURST concurrent POST /api/auth/login through the HTTP API, and
// meanwhile another client's authenticated reads (GET /api/inbox, one at a time). Same-run reference: the same
// reads with no burst. 3 repeats; min and median; the machine's load recorded. Runs the built dist.
//
//   node apps/api/bench/signin.bench.mjs [burst=200] [repeats=3]
//
// Database: DATABASE_URL (a scratch database on that server, dropped afterwards), else an embedded PGlite.
// BENCH_PORTS=4800-4899 picks the API's port in that range (free at run time). Prints one JSON line.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { startBenchApi } = require('./support/start-api.cjs');
const { freePort, spread } = require('./support/free-port.cjs');

const BURST = Number(process.argv[2] ?? 200);
const REPEATS = Number(process.argv[3] ?? 3);
const PASSWORD = 'ThiDua@2026';
const JWT_SECRET = 'bench-only-secret-0123456789-0123456789-abcdef';
const P95_LIMIT_MS = 1000;
const OTHER_SLOWDOWN_LIMIT = 2;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x) => Math.round(x * 10) / 10;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const stats = (ms) => {
  const v = [...ms].sort((a, b) => a - b);
  return { n: v.length, p50: round(pct(v, 50)), p95: round(pct(v, 95)), max: round(v[v.length - 1]) };
};

async function seedDemo(dbUrl) {
  require('reflect-metadata');
  const { createApp } = require(join(dist, 'app.factory.js'));
  const { loadConfig } = require(join(dist, 'config', 'app-config.js'));
  const { SeedService } = require(join(dist, 'seed', 'seed.service.js'));
  const app = await createApp(loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', RUN_SCHEDULER: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'signin-seed-')) }));
  await app.init();
  await app.get(SeedService).seedAll(PASSWORD);
  await app.close();
}

async function login(base, username, { must = false } = {}) {
  const t0 = performance.now();
  try {
    const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    const body = await r.json();
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { ok: true, ms: performance.now() - t0, token: body.accessToken };
  } catch (e) {
    // A sign-in queued past the server's request timeout is closed by it: counted, not fatal.
    if (must) throw e;
    return { ok: false, ms: performance.now() - t0, error: String(e.cause?.code ?? e.message).slice(0, 120) };
  }
}

/** One read after another for `ms` or until `stop()`; latencies. */
async function reads(base, token, until) {
  const out = [];
  out.refused = 0;
  while (!until()) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/inbox?limit=20`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    // A read shed with 503 (load shedding) is counted, not timed: the figure reports how many there were.
    if (r.status === 503) {
      out.refused += 1;
      await new Promise((res) => setTimeout(res, 50));
      continue;
    }
    if (!r.ok) throw new Error(`inbox: ${r.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const { startEmbeddedPostgres } = require(join(dist, 'database', 'embedded-postgres.js'));
  const db = await openScratchDatabase('thidua_signin_bench', startEmbeddedPostgres, { maxConnections: 40 });
  let api;
  try {
    await seedDemo(db.url);
    api = await startBenchApi(dist, db.url, { port: await freePort(), env: { JWT_SECRET, LOGIN_THROTTLE_PER_MINUTE: '10000', RATE_LIMIT_PER_MINUTE: '1000000', DATABASE_POOL_SIZE: '10', ACCESS_TOKEN_TTL_SECONDS: '3600' } });
    const users = ['chutich.tinh', 'giamsat.yt', 'giamsat.gd', 'tdkt.tinh', 'canbo.yt-bvdk', 'admin'];
    const { token } = await login(api.base, 'giamsat.yt', { must: true });
    // The time of one sign-in alone (the hash's cost on this machine now), 5 times.
    const single = [];
    for (let i = 0; i < 5; i++) single.push((await login(api.base, 'giamsat.yt', { must: true })).ms);
    // The hash alone on this CPU now (argon2 in this process, the product's parameters), and the floor it sets:
    // BURST verifications over HASH_CONCURRENCY cores cannot end before BURST × hash / cores, and the 95th
    // percentile sign-in before 0.95 × that, whatever the server does around them.
    const argon2 = createRequire(join(dist, 'main.js'))('argon2');
    const { ARGON2_PARAMS } = require(join(dist, 'common', 'auth', 'password-hasher.js'));
    const { HASH_CONCURRENCY } = require(join(dist, 'common', 'auth', 'hash-gate.js'));
    const hashTime = async () => {
      const h = await argon2.hash(PASSWORD, ARGON2_PARAMS);
      const ms = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await argon2.verify(h, PASSWORD);
        ms.push(performance.now() - t);
      }
      return stats(ms).p50;
    };
    const runs = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      const hashMs = await hashTime();
      const loadAtStart = load();
      // Reference: the other client's reads alone, for as long as a burst took last time (at least 5 s).
      const refWindow = Math.max(5000, runs[runs.length - 1]?.burstMs ?? 5000);
      const t0 = performance.now();
      const alone = await reads(api.base, token, () => performance.now() - t0 > refWindow);
      // The burst, with the same reads beside it.
      let burstDone = false;
      const b0 = performance.now();
      const during = reads(api.base, token, () => burstDone);
      const logins = await Promise.all(Array.from({ length: BURST }, (_, i) => login(api.base, users[i % users.length])));
      const burstMs = performance.now() - b0;
      burstDone = true;
      const duringMs = await during;
      const s = { ...stats(logins.filter((l) => l.ok).map((l) => l.ms)), failed: logins.filter((l) => !l.ok).length, errors: [...new Set(logins.filter((l) => !l.ok).map((l) => l.error))] };
      const a = stats(alone);
      const d = stats(duringMs);
      const floorLastMs = round((BURST * hashMs) / HASH_CONCURRENCY);
      runs.push({ loadAtStart, loadAtEnd: load(), hashMs, floorLastMs, floorP95Ms: round(0.95 * floorLastMs), burstMs: round(burstMs), signIn: s, otherAlone: { ...a, refused: alone.refused }, otherDuring: { ...d, refused: duringMs.refused }, otherSlowdownP95: round(d.p95 / Math.max(0.1, a.p95)), otherSlowdownP50: round(d.p50 / Math.max(0.1, a.p50)) });
    }
    const out = {
      bench: 'auth.sign-in-burst',
      database: db.kind,
      burst: BURST,
      repeats: REPEATS,
      hashConcurrency: HASH_CONCURRENCY,
      argon2: ARGON2_PARAMS,
      singleSignInMs: stats(single),
      hashMs: spread(runs.map((r) => r.hashMs)),
      floorP95Ms: spread(runs.map((r) => r.floorP95Ms)),
      signInP95Ms: spread(runs.map((r) => r.signIn.p95)),
      signInP50Ms: spread(runs.map((r) => r.signIn.p50)),
      otherP95AloneMs: spread(runs.map((r) => r.otherAlone.p95)),
      otherP95DuringMs: spread(runs.map((r) => r.otherDuring.p95)),
      otherSlowdownP95: spread(runs.map((r) => r.otherSlowdownP95)),
      runs,
      limits: { signInP95Ms: P95_LIMIT_MS, otherSlowdown: OTHER_SLOWDOWN_LIMIT },
      loadavgAtEnd: load(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    };
    console.log(JSON.stringify(out));
  } finally {
    api?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
