// Launch cascade at national scale, on the workflow runtime's fan-out (CascadeService.runFanout: batches of
// 1,000 children, each one short transaction whose children are written set-based by one statement).
//
// Loads org's generateNationalTree() (~126,000 units) into a database — DATABASE_URL (a scratch database is
// created on that server and dropped afterwards) or an embedded PGlite — boots the API (dist/, so build first)
// with PROCESS_ROLE=api (the bench drives the fan-out job body itself), publishes a bench launch definition whose
// fan-out gives every grassroots union of the root's subtree a unit_plan item, and measures, BENCH_REPEATS (3)
// times, each on a new launch:
//   - the time for one fan-out from the national root to reach every grassroots union, with progress samples and,
//     from another connection, other users' reads (the launch item, its latest history) every ~10 ms, p50/p99;
//   - its reference in the same run: the bare INSERT … SELECT of the very rows the cascade wrote (items, history,
//     timers, outbox) into copies of the four tables with all their indexes, in one transaction;
// then a simulated crash: a second fan-out (largest province) stopped after N batches, its cursor lost
// (rewound to the start), resumed: every unit has exactly one child. Min / median / max of the repeats and the
// machine's load are printed with the figures.
// Usage: node bench/cascade.bench.cjs [totalUnits=126000] [crashAfterBatches=5]
require('reflect-metadata');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const dist = path.join(__dirname, '..', 'dist');
const { startEmbeddedPostgres } = require(path.join(dist, 'database', 'embedded-postgres.js'));
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { createApp } = require(path.join(dist, 'app.factory.js'));
const { loadConfig } = require(path.join(dist, 'config', 'app-config.js'));
const { generateNationalTree } = require(path.join(dist, 'modules', 'org', 'national-tree.js'));
const { bulkLoadUnits } = require(path.join(dist, 'modules', 'org', 'bulk-load.js'));
const { CascadeService } = require(path.join(dist, 'modules', 'workflow', 'cascade', 'cascade.service.js'));
const { ItemsService } = require(path.join(dist, 'modules', 'workflow', 'items', 'items.service.js'));
const { ItemRuntime } = require(path.join(dist, 'modules', 'workflow', 'items', 'item-runtime.service.js'));
const { DefinitionsService } = require(path.join(dist, 'modules', 'workflow', 'definitions', 'definitions.service.js'));
const { DefaultDefinitionsSeeder } = require(path.join(dist, 'modules', 'workflow', 'definitions', 'default-definitions.seeder.js'));
const { DataSource } = require('typeorm');
const { Client } = require('pg');

const TOTAL_UNITS = Number(process.argv[2] ?? 126000);
const CRASH_AFTER = Number(process.argv[3] ?? 5);
const LIMIT_MS = 10_000;
const RATIO_LIMIT = 3;
const READ_P99_LIMIT = 50;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const BENCH_LAUNCH = {
  schemaVersion: 1,
  key: 'bench_national_launch',
  version: 1,
  name: { vi: 'Phát động toàn quốc (bench)', en: 'National launch (bench)' },
  initialStage: 'draft',
  stages: {
    draft: { kind: 'task', name: { vi: 'Soạn' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'approval' }] },
    approval: { kind: 'task', name: { vi: 'Duyệt' }, actor: { role: 'supervisor', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 'cascade' }, { on: 'return', target: 'draft' }] },
    cascade: {
      kind: 'fanout',
      name: { vi: 'Triển khai' },
      fanout: { childWorkflow: 'unit_plan', children: { kind: 'descendants_of_kind', unitKind: 'grassroots_union' }, join: { kind: 'all' }, onJoin: 'leave_open', lateSubmissions: true, movedOut: 'cancel', next: 'done' },
      transitions: [{ on: 'close', target: 'done', by: { role: 'supervisor', unit: { kind: 'own' } } }],
    },
    done: { kind: 'final', outcome: 'completed', name: { vi: 'Xong' } },
  },
};

function openDatabase() {
  return openScratchDatabase('thidua_cascade_bench', startEmbeddedPostgres);
}

const SYSTEM = (reason) => ({ kind: 'system', reason });

/** A launch item at the unit, submitted and approved by the system: it enters the fan-out stage. */
async function launchAt(app, ds, unitId, title) {
  const items = app.get(ItemsService);
  const runtime = app.get(ItemRuntime);
  const { compiled } = await items.publishedDefinition('bench_national_launch');
  const [unit] = await ds.query(`SELECT id, code, kind, name, status, parent_id AS "parentId", path FROM unit WHERE id = $1`, [unitId]);
  const { rows } = await ds.transaction((m) => items.createMany(m, SYSTEM('bench'), compiled, [{ unit, title, data: {}, campaignId: null, parentItemId: null }]));
  const id = rows[0].id;
  await runtime.act(SYSTEM('bench'), id, { type: 'submit' });
  await runtime.act(SYSTEM('bench'), id, { type: 'approve' });
  return id;
}

async function main() {
  const db = await openDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-'));
  const app = await createApp(loadConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '6', LOG_LEVEL: 'error', RUN_SCHEDULER: 'false', PROCESS_ROLE: 'api', SEED_DEMO_DATA: 'false', DATA_DIR: dataDir }));
  await app.init();
  const ds = app.get(DataSource);
  try {
    const tree = generateNationalTree({ totalUnits: TOTAL_UNITS });
    const tLoad = Date.now();
    await bulkLoadUnits(ds, tree);
    const loadMs = Date.now() - tLoad;
    await ds.query('ANALYZE unit');
    await app.get(DefaultDefinitionsSeeder).seed();
    await app.get(DefinitionsService).ensurePublished(BENCH_LAUNCH);
    const [root] = await ds.query(`SELECT id FROM unit WHERE parent_id IS NULL`);
    const cascades = app.get(CascadeService);

    // 1. The national cascade, REPEATS times (a new launch each time), each beside its same-run reference:
    //    the bare INSERT … SELECT of the very rows it wrote (items, history, timers, outbox) into copies of
    //    the four tables with all their indexes. Meanwhile another connection reads like other users do
    //    (an item by id, its latest history), one read every ~10 ms, and the progress is sampled.
    const other = new Client({ connectionString: db.url });
    await other.connect();
    const runs = [];
    for (let rep = 0; rep < REPEATS; rep += 1) {
      const parentId = await launchAt(app, ds, root.id, `Phát động toàn quốc ${rep + 1}`);
      const samples = [];
      const probeMs = [];
      let running = true;
      const t0 = Date.now();
      const sampler = (async () => {
        while (running) {
          const [r] = await ds.query(`SELECT cascade->>'reached' AS reached, cascade->>'total' AS total FROM work_item WHERE id = $1`, [parentId]);
          samples.push({ atMs: Date.now() - t0, reached: Number(r.reached), total: r.total === null ? null : Number(r.total) });
          await new Promise((res) => setTimeout(res, 1000));
        }
      })();
      const reader = (async () => {
        while (running) {
          const p0 = process.hrtime.bigint();
          await other.query(`SELECT id, title, stage, version FROM work_item WHERE id = $1`, [parentId]);
          await other.query(`SELECT id, event, occurred_at FROM work_item_event WHERE item_id = $1 ORDER BY id DESC LIMIT 20`, [parentId]);
          probeMs.push(Number(process.hrtime.bigint() - p0) / 1e6);
          await new Promise((res) => setTimeout(res, 10));
        }
      })();
      const load1 = os.loadavg()[0];
      const final = await cascades.runFanout(parentId);
      const cascadeMs = Date.now() - t0;
      running = false;
      await Promise.all([sampler, reader]);
      const [counts] = await ds.query(
        `SELECT count(*)::int AS children, count(DISTINCT unit_id)::int AS units,
                (SELECT count(*)::int FROM unit WHERE kind = 'grassroots_union' AND status = 'active') AS expected
           FROM work_item WHERE parent_item_id = $1`,
        [parentId],
      );
      const [written] = await ds.query(
        `SELECT (SELECT count(*)::int FROM work_item_event e JOIN work_item w ON w.id = e.item_id WHERE w.parent_item_id = $1) AS history,
                (SELECT count(*)::int FROM workflow_timer t JOIN work_item w ON w.id = t.item_id WHERE w.parent_item_id = $1) AS timers,
                (SELECT count(*)::int FROM outbox o JOIN work_item w ON w.id::text = o.payload->>'itemId' WHERE w.parent_item_id = $1) AS outbox`,
        [parentId],
      );
      // The reference, same rows, same indexes, one transaction.
      await ds.query(`DROP TABLE IF EXISTS bench_ref_item, bench_ref_event, bench_ref_timer, bench_ref_outbox`);
      await ds.query(`CREATE TABLE bench_ref_item (LIKE work_item INCLUDING ALL)`);
      await ds.query(`CREATE TABLE bench_ref_event (LIKE work_item_event INCLUDING ALL)`);
      await ds.query(`CREATE TABLE bench_ref_timer (LIKE workflow_timer INCLUDING ALL)`);
      await ds.query(`CREATE TABLE bench_ref_outbox (LIKE outbox INCLUDING ALL)`);
      await ds.query(`SELECT count(*) FROM work_item WHERE parent_item_id = $1`, [parentId]); // warm the source like the cascade's own reads
      const r0 = Date.now();
      await ds.transaction(async (m) => {
        await m.query(`INSERT INTO bench_ref_item SELECT * FROM work_item WHERE parent_item_id = $1`, [parentId]);
        await m.query(`INSERT INTO bench_ref_event SELECT e.* FROM work_item_event e JOIN work_item w ON w.id = e.item_id WHERE w.parent_item_id = $1`, [parentId]);
        await m.query(`INSERT INTO bench_ref_timer SELECT t.* FROM workflow_timer t JOIN work_item w ON w.id = t.item_id WHERE w.parent_item_id = $1`, [parentId]);
        await m.query(`INSERT INTO bench_ref_outbox SELECT o.* FROM outbox o JOIN work_item w ON w.id::text = o.payload->>'itemId' WHERE w.parent_item_id = $1`, [parentId]);
      });
      const referenceMs = Date.now() - r0;
      await ds.query(`DROP TABLE bench_ref_item, bench_ref_event, bench_ref_timer, bench_ref_outbox`);
      probeMs.sort((a, b) => a - b);
      const pct = (q) => (probeMs.length ? Math.round(probeMs[Math.min(probeMs.length - 1, Math.floor(probeMs.length * q))] * 10) / 10 : null);
      runs.push({
        ms: cascadeMs,
        referenceMs,
        ratio: Math.round((cascadeMs / Math.max(1, referenceMs)) * 10) / 10,
        children: counts.children,
        distinctUnits: counts.units,
        expected: counts.expected,
        written,
        status: final?.status,
        reached: final?.reached,
        total: final?.total,
        otherReadsMs: { p50: pct(0.5), p99: pct(0.99), max: probeMs.length ? Math.round(probeMs[probeMs.length - 1] * 10) / 10 : null, n: probeMs.length },
        load1AtStart: Math.round(load1 * 100) / 100,
        progressSamples: rep === 0 ? samples : undefined,
      });
      // Each repeat on its own line as soon as it ends: a run cut short (a shared machine, a deadline) keeps its figures.
      const { progressSamples, ...line } = runs[runs.length - 1];
      console.log(JSON.stringify({ bench: 'campaigns.launch-cascade.repeat', repeat: rep + 1, of: REPEATS, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), ...line }));
    }
    await other.end();

    // 3. Crash in the middle, cursor lost, resume: no duplicate.
    const [province] = await ds.query(
      `SELECT p.id, p.code, (SELECT count(*)::int FROM unit u WHERE u.path LIKE p.path || '%' AND u.kind = 'grassroots_union') AS n
         FROM unit p WHERE p.kind = 'province_federation' ORDER BY n DESC LIMIT 1`,
    );
    const crashId = await launchAt(app, ds, province.id, `Phát động ${province.code}`);
    const partial = await cascades.runFanout(crashId, { maxBatches: CRASH_AFTER });
    // The worst case: the process died and the cursor is lost; the fan-out starts again from the first unit.
    await ds.query(`UPDATE work_item SET cascade = jsonb_set(cascade, '{afterUnitId}', 'null') WHERE id = $1`, [crashId]);
    const resumed = await cascades.runFanout(crashId);
    const [crash] = await ds.query(
      `SELECT count(*)::int AS children, count(DISTINCT unit_id)::int AS units FROM work_item WHERE parent_item_id = $1`,
      [crashId],
    );

    const stat = (xs) => {
      const v = [...xs].sort((a, b) => a - b);
      return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1] };
    };
    const result = {
      bench: 'campaigns.launch-cascade',
      database: db.kind,
      machine: `${os.cpus().length} cpu (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
      treeUnits: tree.length,
      loadMs,
      repeats: REPEATS,
      cascadeMs: stat(runs.map((r) => r.ms)),
      referenceMs: stat(runs.map((r) => r.referenceMs)),
      ratio: stat(runs.map((r) => r.ratio)),
      otherReadsP99Ms: stat(runs.map((r) => r.otherReadsMs.p99)),
      runs,
      crash: { province: province.code, expected: province.n, stoppedAfterBatches: CRASH_AFTER, reachedAtCrash: partial?.reached, resumedStatus: resumed?.status, children: crash.children, distinctUnits: crash.units, duplicates: crash.children - crash.units },
      limits: { ms: LIMIT_MS, ratio: RATIO_LIMIT, otherReadsP99Ms: READ_P99_LIMIT },
      underLimit: stat(runs.map((r) => r.ms)).median <= LIMIT_MS,
      ratioUnderLimit: stat(runs.map((r) => r.ratio)).median <= RATIO_LIMIT,
      readsUnderLimit: stat(runs.map((r) => r.otherReadsMs.p99)).median < READ_P99_LIMIT,
    };
    console.log(JSON.stringify(result));
    if (!result.underLimit || runs.some((r) => r.children !== r.expected) || crash.children !== crash.units || crash.units !== province.n) process.exitCode = 1;
  } finally {
    await app.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
