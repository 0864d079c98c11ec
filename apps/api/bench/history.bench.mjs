// History at national scale (issue 17): work_item_event partitioned by month, beside an unpartitioned copy of the
// same rows in the same run. Generates EVENTS history rows set-based (INSERT … SELECT generate_series) over 24 months
// of UTC partitions, 10 events per item on average, each item's events spread over about one month and interleaved
// with the other items of that month (as items live and move in a campaign); ~126,000 units (generateNationalTree)
// and INBOX_ITEMS work items of which INBOX_WAITING wait on one provincial supervisor.
// Times, BENCH_REPEATS (3) times, min and median of the per-window p50/p95:
//  - the item page's history: the SQL the product's WorkItemEventRepository.history sends (captured, then run through
//    a plain pg client) on the partitioned table and on `work_item_event_flat` (same rows, one table, PK (id), index
//    (item_id, id)), over SAMPLE items picked at random;
//  - the inbox first page: the SQL of InboxRepository.page, beside the bare index scan, with the history loaded.
// Prints the EXPLAIN (ANALYZE, BUFFERS) plans (text) to stderr and their buffers in the JSON line.
//
//   node apps/api/bench/history.bench.mjs [events=50000000] [runs=200]
//
// Database: HISTORY_BENCH_DATABASE_URL is used in place (its public schema is dropped and made again, at start and at
// the end — give it a database of its own); else DATABASE_URL (a scratch database created and dropped), else the
// embedded PostgreSQL 15 on a scratch folder. Prints one JSON line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const pg = require('pg');
const { DataSource } = require('typeorm');
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { spread } = require('./support/free-port.cjs');

const EVENTS = Number(process.argv[2] ?? 50_000_000);
const RUNS = Number(process.argv[3] ?? 200);
const EVENTS_PER_ITEM = 10;
const MONTHS = 24;
const SAMPLE = 500;
const USERS = 250_000;
const INBOX_ITEMS = Number(process.env.HISTORY_BENCH_INBOX_ITEMS ?? 200_000);
const INBOX_WAITING = Number(process.env.HISTORY_BENCH_INBOX_WAITING ?? 20_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const BATCH = 1_000_000;
const round = (x) => Math.round(x * 100) / 100;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const cpusLoad = () => loadavg().map((x) => Math.round(x * 100) / 100);
const log = (...a) => console.error(`[history bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function openDatabase() {
  const inPlace = process.env.HISTORY_BENCH_DATABASE_URL;
  if (inPlace) {
    const wipe = async () => {
      const c = new pg.Client({ connectionString: inPlace });
      await c.connect();
      await c.query('DROP SCHEMA IF EXISTS public CASCADE');
      await c.query('CREATE SCHEMA public');
      const v = (await c.query('SHOW server_version')).rows[0].server_version;
      await c.end();
      return v;
    };
    const version = await wipe();
    return { url: inPlace, kind: `PostgreSQL ${version} (database used in place)`, stop: async () => void (process.env.BENCH_KEEP_DB ? null : await wipe()) };
  }
  const { startEmbeddedPostgres } = require(join(dist, 'database', 'embedded-postgres.js'));
  return openScratchDatabase('thidua_history_bench', startEmbeddedPostgres);
}

/** The history rows: event g (0-based) of month group floor(g / perMonth), item (group, g mod itemsPerMonth). */
function historyInsert(table, withId) {
  return `INSERT INTO ${table} (${withId ? 'id, ' : ''}item_id, item_version, occurred_at, event, actor_user_id, actor_unit_path, from_stage, to_stage, comment, changes, details)
    SELECT ${withId ? 'g + 1, ' : ''}md5('item-' || ((g / $3) * $4 + g % $4))::uuid, 1 + (g / $4) % $5,
           $6::timestamptz + (g::float8 / $7) * ($8::timestamptz - $6::timestamptz),
           (ARRAY['item.created','item.submitted','item.approved','item.returned','comment.added'])[1 + g % 5],
           md5('user-' || (g * 7919 % $9))::uuid, '/vn/' || (g % 63) || '/' || (g % 997) || '/',
           'review', 'approved', CASE WHEN g % 7 = 0 THEN 'Đã xem, đồng ý' END,
           jsonb_build_object('stage', jsonb_build_array('review', 'approved')), '{}'::jsonb
      FROM generate_series($1::bigint, $2::bigint) g`;
}

async function load(url) {
  const { buildDataSourceOptions } = require(join(dist, 'database', 'data-source-options.js'));
  const ds = new DataSource({ ...buildDataSourceOptions(url, 4), logging: false });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const timings = {};
  let t0 = Date.now();

  // --- org and inbox items (as in inbox.bench.mjs, fewer items) ---
  const { generateNationalTree } = require(join(dist, 'modules', 'org', 'national-tree.js'));
  const { bulkLoadUnits } = require(join(dist, 'modules', 'org', 'bulk-load.js'));
  const tree = generateNationalTree();
  await bulkLoadUnits(ds, tree);
  const [province] = await ds.query(
    `SELECT p.id, p.code, p.path, (SELECT count(*) FROM unit u WHERE u.path LIKE p.path || '%')::int AS n FROM unit p WHERE p.kind = 'province_federation' ORDER BY n DESC LIMIT 1`,
  );
  const [def] = await ds.query(`INSERT INTO workflow_definition (key, version, status, definition, published_at) VALUES ('unit_plan', 1, 'published', '{"key":"unit_plan","version":1,"stages":{}}', now()) RETURNING id`);
  const [user] = await ds.query(`INSERT INTO app_user (username, full_name, status, home_unit_id, password_hash) VALUES ('giamsat.bench', 'Giám sát tỉnh (bench)', 'active', $1, 'x') RETURNING id`, [province.id]);
  await ds.query(`INSERT INTO role_assignment (user_id, unit_id, role) VALUES ($1, $2, 'supervisor')`, [user.id, province.id]);
  // The actors named by the history rows (the item page joins their names).
  // The actors named by the history rows (the item page joins their names): about two people per unit.
  await ds.query(`INSERT INTO app_user (id, username, full_name, status, home_unit_id, password_hash)
                  SELECT md5('user-' || k)::uuid, 'bench.' || k, 'Cán bộ ' || k, 'active', $1, 'x' FROM generate_series(0, $2 - 1) k`, [province.id, USERS]);
  await ds.query(`CREATE UNLOGGED TABLE bench_g AS SELECT u.id, u.path, p.id AS parent_id, p.path AS parent_path, (u.path LIKE $1 || '%') AS in_province
                  FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.kind = 'grassroots_union'`, [province.path]);
  await ds.query(`CREATE UNLOGGED TABLE bench_gp AS SELECT row_number() OVER (ORDER BY id) AS n, * FROM bench_g WHERE in_province`);
  await ds.query(`CREATE UNLOGGED TABLE bench_go AS SELECT row_number() OVER (ORDER BY id) AS n, * FROM bench_g WHERE NOT in_province`);
  const [{ np }] = await ds.query(`SELECT count(*)::int AS np FROM bench_gp`);
  const [{ no }] = await ds.query(`SELECT count(*)::int AS no FROM bench_go`);
  const snapshot = JSON.stringify({ schemaVersion: 1, workflow: 'unit_plan', version: 1, stage: 'review', status: 'active', trail: ['draft', 'review'], assignment: { role: 'supervisor', mode: 'offer' } });
  await ds.query(
    `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, due_at, submitted_at, version)
     SELECT $1, 'unit_plan', 1, gp.id, gp.path, 'Kế hoạch ' || i, 'review', 'active', '{}', $2::jsonb, gp.parent_id, gp.parent_path, 'supervisor',
            now() + make_interval(hours => ((i::bigint * 7919) % 2000)::int - 200), now(), 2
       FROM generate_series(1, $3) i JOIN bench_gp gp ON gp.n = 1 + (i % $4)`,
    [def.id, snapshot, INBOX_WAITING, np],
  );
  await ds.query(
    `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, outcome, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, due_at, submitted_at, version)
     SELECT $1, 'unit_plan', 1, go.id, go.path, 'Kế hoạch ' || i,
            CASE WHEN i % 10 < 7 THEN 'approved' WHEN i % 10 < 9 THEN 'draft' ELSE 'review' END, CASE WHEN i % 10 < 7 THEN 'final' ELSE 'active' END,
            CASE WHEN i % 10 < 7 THEN 'approved' END, '{}', $2::jsonb,
            CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN go.id ELSE go.parent_id END, CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN go.path ELSE go.parent_path END,
            CASE WHEN i % 10 < 7 THEN NULL WHEN i % 10 < 9 THEN 'officer' ELSE 'supervisor' END, now() + make_interval(hours => ((i::bigint * 104729) % 3000)::int - 300), now(), 3
       FROM generate_series(1, $3::int) i JOIN bench_go go ON go.n = 1 + (i % $4)`,
    [def.id, snapshot, Math.max(0, INBOX_ITEMS - INBOX_WAITING), no],
  );
  await ds.query('DROP TABLE bench_g, bench_gp, bench_go');
  timings.orgAndInboxMs = Date.now() - t0;

  // --- the history: MONTHS full months before this one, partitions made by the product's own function ---
  const [{ start, end }] = await ds.query(
    `SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $1)) AT TIME ZONE 'UTC' AS start,
            date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS end`,
    [MONTHS],
  );
  await ds.query(`SELECT ensure_history_partitions(3, $1::date)`, [start.toISOString().slice(0, 10)]);
  const perMonth = Math.ceil(EVENTS / MONTHS);
  const itemsPerMonth = Math.max(1, Math.floor(perMonth / EVENTS_PER_ITEM));
  const params = (from, to) => [from, to, perMonth, itemsPerMonth, EVENTS_PER_ITEM, start, EVENTS, end, USERS];
  // The unpartitioned copy first (unlogged, indexes after the load), then the same rows routed into the partitions.
  t0 = Date.now();
  await ds.query(`CREATE UNLOGGED TABLE work_item_event_flat (LIKE work_item_event INCLUDING DEFAULTS)`);
  for (let from = 0; from < EVENTS; from += BATCH) {
    await ds.query(historyInsert('work_item_event_flat', true), params(from, Math.min(EVENTS, from + BATCH) - 1));
    log(`flat copy: ${Math.min(EVENTS, from + BATCH)} / ${EVENTS} rows`);
  }
  await ds.query(`ALTER TABLE work_item_event_flat ADD PRIMARY KEY (id)`);
  await ds.query(`CREATE INDEX idx_work_item_event_flat_item ON work_item_event_flat (item_id, id)`);
  timings.flatMs = Date.now() - t0;
  t0 = Date.now();
  for (let from = 1; from <= EVENTS; from += BATCH) {
    await ds.query(`INSERT INTO work_item_event SELECT * FROM work_item_event_flat WHERE id BETWEEN $1 AND $2`, [from, Math.min(EVENTS, from + BATCH - 1)]);
    log(`partitioned: ${Math.min(EVENTS, from + BATCH - 1)} / ${EVENTS} rows`);
  }
  await ds.query(`SELECT setval(pg_get_serial_sequence('work_item_event', 'id'), $1)`, [EVENTS]);
  timings.partitionedMs = Date.now() - t0;
  t0 = Date.now();
  for (const t of ['work_item', 'work_item_event_flat', 'work_item_event', 'app_user', 'unit']) await ds.query(`VACUUM ANALYZE ${t}`);
  timings.vacuumMs = Date.now() - t0;
  const sizes = (await ds.query(
    `SELECT 'partitioned' AS t, sum(pg_total_relation_size(c.oid))::bigint AS bytes, count(*)::int AS partitions FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'work_item_event'::regclass
     UNION ALL SELECT 'flat', pg_total_relation_size('work_item_event_flat'), 1`,
  )).reduce((o, r) => ({ ...o, [r.t]: { gb: round(Number(r.bytes) / 2 ** 30), partitions: r.partitions } }), {});
  const [{ n }] = await ds.query(`SELECT count(*)::bigint AS n FROM work_item_event`);
  await ds.destroy();
  return { province, userId: user.id, units: tree.length, events: Number(n), itemsPerMonth, timings, sizes };
}

async function time(fn, runs) {
  for (let i = 0; i < 20; i++) await fn(i);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1]) };
}

/** The SQL a product repository sends for a call, captured (not run) through a stand-in DataSource. */
async function captured(Repo, call) {
  const seen = [];
  await call(new Repo({ query: async (sql, params) => (seen.push({ sql, params }), []) }));
  return seen[0];
}

async function explain(client, sql, params) {
  const text = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']);
  const [{ 'QUERY PLAN': json }] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows;
  const top = json[0].Plan;
  return { buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0), planningMs: round(json[0]['Planning Time']), executionMs: round(json[0]['Execution Time']), text };
}

async function main() {
  const db = await openDatabase();
  const raw = new pg.Client({ connectionString: db.url });
  try {
    const loaded = await load(db.url);
    await raw.connect();
    const { WorkItemEventRepository } = require(join(dist, 'modules', 'workflow', 'items', 'work-item-event.repository.js'));
    const { InboxRepository } = require(join(dist, 'modules', 'workflow', 'inbox', 'inbox.repository.js'));

    // The item page's history: the product's statement, and the same statement on the unpartitioned copy.
    const historySql = (await captured(WorkItemEventRepository, (r) => r.history('00000000-0000-0000-0000-000000000000'))).sql;
    if (!/FROM work_item_event e\b/.test(historySql)) throw new Error('the history statement changed: update the bench');
    const flatSql = historySql.replace(/FROM work_item_event e\b/, 'FROM work_item_event_flat e');
    const totalItems = loaded.itemsPerMonth * MONTHS;
    const ks = (await raw.query(`SELECT (random() * ($1 - 1))::bigint AS k FROM generate_series(1, $2)`, [totalItems, SAMPLE])).rows.map((r) => r.k);
    const items = (await raw.query(`SELECT md5('item-' || k)::uuid::text AS id FROM unnest($1::bigint[]) k`, [ks])).rows.map((r) => r.id);
    // The sampled items exist as work_item rows, created at their first event (the item page's statement bounds its
    // history by the item's creation); the others need no row: nothing else reads them.
    await raw.query(
      `INSERT INTO work_item (id, definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, outcome, data, snapshot, version, created_at, updated_at)
       SELECT x.id, d.id, 'unit_plan', 1, $2, $3, 'Hồ sơ (bench)', 'approved', 'final', 'approved', '{}', '{}', 10, f.first, f.last
         FROM unnest($1::uuid[]) x(id) CROSS JOIN (SELECT id FROM workflow_definition LIMIT 1) d
         CROSS JOIN LATERAL (SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM work_item_event_flat WHERE item_id = x.id) f
       ON CONFLICT (id) DO NOTHING`,
      [items, loaded.province.id, loaded.province.path],
    );
    await raw.query('ANALYZE work_item');
    const [{ rows: perItem }] = [await raw.query(`SELECT round(avg(n), 1)::float8 AS rows FROM (SELECT count(*) AS n FROM work_item_event WHERE item_id = ANY($1::uuid[]) GROUP BY item_id) x`, [items])].map((r) => r.rows[0]);

    // The inbox first page: the product's statement, and the bare index scan.
    const prefix = `${loaded.province.path}%`;
    const scopes = [{ role: 'supervisor', path: loaded.province.path, subtree: true, workflows: null }];
    const page = await captured(InboxRepository, (r) => r.page({ userId: loaded.userId, scopes, status: 'active', now: new Date() }, 'due_at', null, 51));
    const rawPageSql = `SELECT id FROM work_item WHERE status <> 'final' AND assigned_role = 'supervisor' AND assigned_unit_path LIKE $1 ORDER BY COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 51`;

    const runs = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      const loadavgAt = cpusLoad();
      // Alternate which table goes first, so neither always finds the other's pages in the cache.
      const order = rep % 2 === 0 ? ['partitioned', 'flat'] : ['flat', 'partitioned'];
      const h = {};
      for (const which of order) {
        const sql = which === 'partitioned' ? historySql : flatSql;
        h[which] = await time((i) => raw.query(sql, [items[(i + rep * 97) % items.length]]), RUNS);
      }
      const inbox = await time(() => raw.query(page.sql, page.params), RUNS);
      const rawInbox = await time(() => raw.query(rawPageSql, [prefix]), RUNS);
      runs.push({
        loadavg: loadavgAt,
        history: { partitioned: h.partitioned, flat: h.flat, ratioP50: round(h.partitioned.p50 / Math.max(0.01, h.flat.p50)), ratioP95: round(h.partitioned.p95 / Math.max(0.01, h.flat.p95)) },
        inboxFirstPage: { product: inbox, rawIndexScan: rawInbox, ratioP95: round(inbox.p95 / Math.max(0.01, rawInbox.p95)) },
      });
    }
    const plans = {
      historyPartitioned: await explain(raw, historySql, [items[0]]),
      historyFlat: await explain(raw, flatSql, [items[0]]),
      inboxFirstPage: await explain(raw, page.sql, page.params),
      rawInboxFirstPage: await explain(raw, rawPageSql, [prefix]),
    };
    if (plans.inboxFirstPage.text.some((l) => /work_item_event/.test(l))) throw new Error('the inbox statement reads the history table: the bench no longer measures what it says');
    const planText = Object.entries(plans).map(([name, p]) => `--- plan: ${name} ---\n${p.text.join('\n')}\n`).join('\n');
    console.error(planText);
    mkdirSync(join(here, '..', '..', '..', 'bench-results'), { recursive: true });
    writeFileSync(join(here, '..', '..', '..', 'bench-results', `history-plans-${EVENTS}.txt`), planText);
    const med = (f) => spread(runs.map(f));
    console.log(
      JSON.stringify({
        bench: 'history',
        database: db.kind,
        events: loaded.events,
        months: MONTHS,
        partitions: loaded.sizes.partitioned.partitions,
        sizes: loaded.sizes,
        sampleItems: items.length,
        historyRowsPerItem: perItem,
        units: loaded.units,
        inboxItems: INBOX_ITEMS,
        inboxWaiting: INBOX_WAITING,
        load: loaded.timings,
        repeats: REPEATS,
        runsPerWindow: RUNS,
        historyP50Ms: { partitioned: med((r) => r.history.partitioned.p50), flat: med((r) => r.history.flat.p50) },
        historyP95Ms: { partitioned: med((r) => r.history.partitioned.p95), flat: med((r) => r.history.flat.p95) },
        historyRatioP95: med((r) => r.history.ratioP95),
        inboxFirstPageP95Ms: med((r) => r.inboxFirstPage.product.p95),
        rawInboxFirstPageP95Ms: med((r) => r.inboxFirstPage.rawIndexScan.p95),
        inboxRatioP95: med((r) => r.inboxFirstPage.ratioP95),
        plans: Object.fromEntries(Object.entries(plans).map(([k, p]) => [k, { buffers: p.buffers, planningMs: p.planningMs, executionMs: p.executionMs }])),
        runs,
        loadavgAtEnd: cpusLoad(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      }),
    );
  } finally {
    await raw.end().catch(() => {});
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
