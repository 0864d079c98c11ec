// The inbox at national scale: ~126,000 units (the org module's generateNationalTree), 1,000,000
// work items, 20,000 of them waiting on one provincial supervisor. Times the first page of that
// supervisor's inbox through the HTTP API (GET /api/inbox?limit=50), the next page, the overdue filter, the
// counts and a page of per-unit counts, BENCH_REPEATS (3) times, each window one endpoint only; beside the first
// page and the counts, the bare index scans through a plain pg client in the same run; bytes per answer; the
// buffers of the product's own SQL (captured from its InboxRepository) and of the references, by EXPLAIN (ANALYZE,
// BUFFERS). The API's port is chosen free at run time (BENCH_PORTS=lo-hi for a range). Runs the built dist.
//
//   node apps/api/bench/inbox.bench.mjs [items=1000000] [waiting=20000] [runs=200]
//
// Database: DATABASE_URL (a scratch database is created on that server and dropped afterwards), else
// an embedded PGlite started here (slow to load at full scale: pass fewer items).
// Prints one JSON line.
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const pg = require('pg');
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { startBenchApi } = require('./support/start-api.cjs');
const { freePort, spread } = require('./support/free-port.cjs');
const { DataSource } = require('typeorm');

const ITEMS = Number(process.argv[2] ?? 1_000_000);
const WAITING = Number(process.argv[3] ?? 20_000);
const RUNS = Number(process.argv[4] ?? 200);
const JWT_SECRET = 'bench-only-secret-0123456789-0123456789-abcdef';
const TARGET_P95_MS = 20;
const COUNTS_P95_MS = 50;
const COUNTS_BYTES = 20 * 1024;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const cpusLoad = () => loadavg().map((x) => Math.round(x * 100) / 100);

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x) => Math.round(x * 100) / 100;

function openDatabase() {
  const { startEmbeddedPostgres } = require(join(dist, 'database', 'embedded-postgres.js'));
  return openScratchDatabase('thidua_inbox_bench', startEmbeddedPostgres, { maxConnections: 40 });
}

async function load(dbUrl) {
  const { buildDataSourceOptions } = require(join(dist, 'database', 'data-source-options.js'));
  const { generateNationalTree } = require(join(dist, 'modules', 'org', 'national-tree.js'));
  const { bulkLoadUnits } = require(join(dist, 'modules', 'org', 'bulk-load.js'));
  const ds = new DataSource({ ...buildDataSourceOptions(dbUrl, 4), logging: false });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const t0 = Date.now();
  const tree = generateNationalTree();
  await bulkLoadUnits(ds, tree);
  const unitsMs = Date.now() - t0;
  const [province] = await ds.query(
    `SELECT p.id, p.code, p.path, (SELECT count(*) FROM unit u WHERE u.path LIKE p.path || '%')::int AS n
       FROM unit p WHERE p.kind = 'province_federation' ORDER BY n DESC LIMIT 1`,
  );
  const [def] = await ds.query(`INSERT INTO workflow_definition (key, version, status, definition, published_at) VALUES ('unit_plan', 1, 'published', '{"key":"unit_plan","version":1,"stages":{}}', now()) RETURNING id`);
  const [user] = await ds.query(
    `INSERT INTO app_user (username, full_name, status, home_unit_id, password_hash) VALUES ('giamsat.bench', 'Giám sát tỉnh (bench)', 'active', $1, 'x') RETURNING id`,
    [province.id],
  );
  await ds.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'supervisor')`, [user.id, province.id]);

  // Grassroots units with their parent's path: items are plans of grassroots unions, reviewed by the parent's supervisors.
  await ds.query(`CREATE UNLOGGED TABLE bench_g AS SELECT row_number() OVER (ORDER BY u.id) AS n, u.id, u.path, p.id AS parent_id, p.path AS parent_path,
                    (u.path LIKE $1 || '%') AS in_province
                  FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.kind = 'grassroots_union'`, [province.path]);
  await ds.query(`CREATE UNLOGGED TABLE bench_gp AS SELECT row_number() OVER (ORDER BY id) AS n, id, path, parent_id, parent_path FROM bench_g WHERE in_province`);
  await ds.query(`CREATE UNLOGGED TABLE bench_go AS SELECT row_number() OVER (ORDER BY id) AS n, id, path, parent_id, parent_path FROM bench_g WHERE NOT in_province`);
  const [{ np }] = await ds.query(`SELECT count(*)::int AS np FROM bench_gp`);
  const [{ no }] = await ds.query(`SELECT count(*)::int AS no FROM bench_go`);
  const snapshot = JSON.stringify({ schemaVersion: 1, workflow: 'unit_plan', version: 1, stage: 'review', status: 'active', trail: ['draft', 'review'], assignment: { role: 'supervisor', mode: 'offer' } });
  const t1 = Date.now();
  await ds.query('ALTER TABLE work_item SET (autovacuum_enabled = false)');
  // 1) The supervisor's 20,000: open, at review, assigned to the parent unions inside the province.
  await ds.query(
    `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, data, snapshot,
                            assigned_unit_id, assigned_unit_path, assigned_role, due_at, submitted_at, version, parent_item_id)
     SELECT $1, 'unit_plan', 1, gp.id, gp.path, 'Kế hoạch ' || i, 'review', 'active', '{}', $2::jsonb,
            gp.parent_id, gp.parent_path, 'supervisor', now() + make_interval(hours => ((i::bigint * 7919) % 2000)::int - 200), now(), 2, NULL
       FROM generate_series(1, $3) i JOIN bench_gp gp ON gp.n = 1 + (i % $4)`,
    [def.id, snapshot, WAITING, np],
  );
  // 2) Everything else, across the country: 70% closed, the rest open (drafts at their own unit, reviews at the parent).
  const rest = ITEMS - WAITING;
  for (let from = 1; from <= rest; from += 200_000) {
    const to = Math.min(rest, from + 199_999);
    await ds.query(
      `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, outcome, data, snapshot,
                              assigned_unit_id, assigned_unit_path, assigned_role, due_at, submitted_at, version)
       SELECT $1, 'unit_plan', 1, go.id, go.path, 'Kế hoạch ' || i,
              CASE WHEN i % 10 < 7 THEN 'approved' WHEN i % 10 < 9 THEN 'draft' ELSE 'review' END,
              CASE WHEN i % 10 < 7 THEN 'final' ELSE 'active' END,
              CASE WHEN i % 10 < 7 THEN 'approved' END, '{}', $2::jsonb,
              CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN go.id ELSE go.parent_id END,
              CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN go.path ELSE go.parent_path END,
              CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN 'officer' ELSE 'supervisor' END,
              now() + make_interval(hours => ((i::bigint * 104729) % 3000)::int - 300), now(), 3
         FROM generate_series($3::int, $4::int) i JOIN bench_go go ON go.n = 1 + (i % $5)`,
      [def.id, snapshot, from, to, no],
    );
  }
  await ds.query('ALTER TABLE work_item RESET (autovacuum_enabled)');
  await ds.query('DROP TABLE bench_g, bench_gp, bench_go');
  await ds.query('VACUUM ANALYZE work_item');
  const itemsMs = Date.now() - t1;
  const [{ total }] = await ds.query(`SELECT count(*)::int AS total FROM work_item`);
  await ds.destroy();
  return { province, userId: user.id, units: tree.length, items: total, unitsMs, itemsMs };
}

/** The figures `load` returns, read back from a database an earlier run loaded. */
async function reload(dbUrl) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const [user] = (await c.query(`SELECT u.id, u.home_unit_id FROM app_user u WHERE username = 'giamsat.bench'`)).rows;
  const [province] = (await c.query(`SELECT id, code, path FROM unit WHERE id = $1`, [user.home_unit_id])).rows;
  const [{ units }] = (await c.query(`SELECT count(*)::int AS units FROM unit`)).rows;
  const [{ items }] = (await c.query(`SELECT count(*)::int AS items FROM work_item`)).rows;
  await c.end();
  return { province, userId: user.id, units, items, unitsMs: null, itemsMs: null };
}

/** EXPLAIN (ANALYZE, BUFFERS) as text, for docs/benchmarks.md. */
async function textPlan(client, sql, params) {
  return (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function startApi(dbUrl) {
  return startBenchApi(dist, dbUrl, { port: await freePort(), env: { JWT_SECRET } });
}

/** Times `fn` RUNS times after a warm-up; one action per call, nothing else in the window. */
async function time(fn, runs) {
  for (let i = 0; i < 20; i++) await fn();
  const ms = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1]), last };
}

/** Buffers (shared hits + reads) of a statement, from EXPLAIN (ANALYZE, BUFFERS), and its plan's node types. */
async function buffersOf(client, sql, params) {
  const [{ 'QUERY PLAN': plan }] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows;
  const top = plan[0].Plan;
  const nodes = [];
  const walk = (n) => {
    nodes.push(n['Index Name'] ? `${n['Node Type']} on ${n['Index Name']}` : n['Node Type']);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(top);
  return { buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0), nodes: [...new Set(nodes)] };
}

/** The SQL the product's InboxRepository sends for a call, captured (not run) through a stand-in DataSource. */
async function productSql(call) {
  const { InboxRepository } = require(join(dist, 'modules', 'workflow', 'inbox', 'inbox.repository.js'));
  const seen = [];
  const repo = new InboxRepository({ query: async (sql, params) => (seen.push({ sql, params }), []) });
  await call(repo);
  return seen;
}

async function main() {
  // BENCH_INBOX_REUSE=<url of a database an earlier run kept with BENCH_KEEP_DB=1>: time again without a new load.
  const reuse = process.env.BENCH_INBOX_REUSE;
  const db = reuse ? { url: reuse, kind: 'PostgreSQL (reused)', stop: async () => {} } : await openDatabase();
  let api;
  const raw = new pg.Client({ connectionString: db.url });
  try {
    const loaded = reuse ? await reload(reuse) : await load(db.url);
    await raw.connect();
    api = await startApi(db.url);
    const { signAccessToken } = require(join(dist, 'modules', 'auth', 'jwt.js'));
    // With the user's current session version (a role assignment bumps it): an older one is refused.
    const { sv } = (await raw.query('SELECT session_version AS sv FROM app_user WHERE id = $1', [loaded.userId])).rows[0];
    const token = signAccessToken(loaded.userId, JWT_SECRET, 3600, new Date(), sv);
    const get = async (path) => {
      const r = await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await r.text();
      if (!r.ok) throw new Error(`${path}: ${r.status} ${text}`);
      return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
    };
    const prefix = `${loaded.province.path}%`;
    // Same-run references: the raw index scans on the same tables and indexes, through a bare pg client.
    const rawFirst = () => raw.query(`SELECT id FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 ORDER BY COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 51`, [prefix]);
    // The floor of the first page since the region index (migration 1796260000000): its ordered walk alone, stopped at 51.
    const regionSql = `SELECT id FROM work_item WHERE status <> 'final' AND assigned_user_id IS NULL AND assigned_role = 'supervisor' AND substring(assigned_unit_path from '^/[^/]+/[^/]+/') = $1 ORDER BY COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 51`;
    const hasRegionIndex = (await raw.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'idx_work_item_inbox_region'`)).rows.length > 0;
    const rawRegion = () => raw.query(regionSql, [loaded.province.path]);
    const rawCounts = () => raw.query(`SELECT workflow_key, stage, count(*) FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 GROUP BY 1, 2`, [prefix]);
    const runs = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      const loadavg = cpusLoad();
      const first = await time(() => get('/api/inbox?limit=50'), RUNS);
      const rawFirstT = await time(rawFirst, RUNS);
      const rawRegionT = hasRegionIndex ? await time(rawRegion, RUNS) : null;
      const second = await time(() => get(`/api/inbox?limit=50&cursor=${first.last.body.nextCursor}`), Math.min(RUNS, 100));
      const overdue = await time(() => get('/api/inbox?limit=50&overdue=true'), Math.min(RUNS, 100));
      const counts = await time(() => get('/api/inbox/counts'), Math.min(RUNS, 100));
      const rawCountsT = await time(rawCounts, Math.min(RUNS, 100));
      const byUnit = await time(() => get('/api/inbox/counts?byUnit=true&unitLimit=100'), 20);
      runs.push({
        loadavg,
        firstPage: { p50Ms: first.p50, p95Ms: first.p95, maxMs: first.max, rows: first.last.body.items.length, bytes: first.last.bytes },
        rawFirstPage: { p50Ms: rawFirstT.p50, p95Ms: rawFirstT.p95 },
        firstPageRatioP95: round(first.p95 / Math.max(0.01, rawFirstT.p95)),
        ...(rawRegionT ? { rawRegionWalk: { p50Ms: rawRegionT.p50, p95Ms: rawRegionT.p95 }, firstPageOverRegionWalkP95: round(first.p95 / Math.max(0.01, rawRegionT.p95)) } : {}),
        secondPage: { p50Ms: second.p50, p95Ms: second.p95 },
        overdueFilter: { p50Ms: overdue.p50, p95Ms: overdue.p95 },
        counts: { p50Ms: counts.p50, p95Ms: counts.p95, bytes: counts.last.bytes, total: counts.last.body.total, stages: counts.last.body.byStage.length },
        rawCounts: { p50Ms: rawCountsT.p50, p95Ms: rawCountsT.p95 },
        countsRatioP95: round(counts.p95 / Math.max(0.01, rawCountsT.p95)),
        countsByUnitPage: { p50Ms: byUnit.p50, p95Ms: byUnit.p95, bytes: byUnit.last.bytes, units: byUnit.last.body.byUnit.length, nextUnitOffset: byUnit.last.body.nextUnitOffset },
      });
    }
    // What the statements read: buffers of the product's own SQL (captured from its repository) and of the references.
    const scopes = [{ role: 'supervisor', path: loaded.province.path, subtree: true, workflows: null }];
    const filter = { userId: loaded.userId, scopes, status: 'active', now: new Date() };
    const [pageSql] = await productSql((r) => r.page(filter, 'due_at', null, 51));
    const [countsSql] = await productSql((r) => r.counts(filter));
    const plans = {
      firstPage: await buffersOf(raw, pageSql.sql, pageSql.params),
      rawFirstPage: await buffersOf(raw, `SELECT id FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 ORDER BY COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 51`, [prefix]),
      ...(hasRegionIndex ? { rawRegionWalk: await buffersOf(raw, regionSql, [loaded.province.path]) } : {}),
      counts: await buffersOf(raw, countsSql.sql, countsSql.params),
      rawCounts: await buffersOf(raw, `SELECT workflow_key, stage, count(*) FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 GROUP BY 1, 2`, [prefix]),
    };
    const plansFile = join(here, '..', '..', '..', 'bench-results', `inbox-plans-${ITEMS}.txt`);
    const { writeFileSync } = require('node:fs');
    let planText = '';
    for (const [title, sql, params] of [
      ['first page (the product\'s SQL)', pageSql.sql, pageSql.params],
      ['first page, bare index scan', `SELECT id FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 ORDER BY COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 51`, [prefix]],
      ...(hasRegionIndex ? [['first page, bare ordered walk of idx_work_item_inbox_region', regionSql, [loaded.province.path]]] : []),
      ['counts (the product\'s SQL)', countsSql.sql, countsSql.params],
      ['counts, bare index scan', `SELECT workflow_key, stage, count(*) FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 GROUP BY 1, 2`, [prefix]],
    ]) planText += `== ${title}\n-- ${sql.replace(/\s+/g, ' ')}\n-- params: ${JSON.stringify(params)}\n${await textPlan(raw, sql, params)}\n\n`;
    writeFileSync(plansFile, planText);
    const med = (f) => spread(runs.map(f));
    const out = {
      bench: 'inbox',
      database: db.kind,
      units: loaded.units,
      items: loaded.items,
      waitingOnSupervisor: runs[0].counts.total,
      province: loaded.province.code,
      load: { unitsMs: loaded.unitsMs, itemsMs: loaded.itemsMs },
      repeats: REPEATS,
      runsPerWindow: RUNS,
      firstPageP95Ms: med((r) => r.firstPage.p95Ms),
      rawFirstPageP95Ms: med((r) => r.rawFirstPage.p95Ms),
      ...(hasRegionIndex ? { rawRegionWalkP95Ms: med((r) => r.rawRegionWalk.p95Ms), firstPageOverRawP95: med((r) => r.firstPageRatioP95), firstPageOverRegionWalkP95: med((r) => r.firstPageOverRegionWalkP95) } : {}),
      firstPageBytes: runs[0].firstPage.bytes,
      countsP95Ms: med((r) => r.counts.p95Ms),
      rawCountsP95Ms: med((r) => r.rawCounts.p95Ms),
      countsBytes: runs[0].counts.bytes,
      countsByUnitPageP95Ms: med((r) => r.countsByUnitPage.p95Ms),
      countsByUnitPageBytes: runs[0].countsByUnitPage.bytes,
      plans,
      runs,
      target: {
        firstPageP95Ms: TARGET_P95_MS,
        countsP95Ms: COUNTS_P95_MS,
        countsBytes: COUNTS_BYTES,
        met: med((r) => r.firstPage.p95Ms).median <= TARGET_P95_MS && med((r) => r.counts.p95Ms).median <= COUNTS_P95_MS && runs[0].counts.bytes <= COUNTS_BYTES,
      },
      loadavgAtEnd: cpusLoad(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    };
    console.log(JSON.stringify(out));
  } finally {
    await raw.end().catch(() => {});
    api?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
