// Subtree counting at national scale. Loads the generated national tree (~126,000 units) into a
// database — DATABASE_URL (a scratch database is created on that server and dropped after) or an
// embedded PGlite — then times counting the largest province's subtree with the indexed path
// query TreeService.countSubtree uses, against a recursive CTE over parent_id measured in the same
// run. Prints one JSON line. Usage: node bench/org.bench.cjs [runs=60]
require('reflect-metadata');
require('./support/register-ts.cjs');
const os = require('node:os');
const { DataSource } = require('typeorm');
const { buildDataSourceOptions } = require('../src/database/data-source-options.ts');
const { startEmbeddedPostgres } = require('../src/database/embedded-postgres.ts');
const { openScratchDatabase } = require('./support/scratch-database.cjs');
const { generateNationalTree } = require('../src/modules/org/national-tree.ts');
const { bulkLoadUnits } = require('../src/modules/org/bulk-load.ts');
const { UnitRepository } = require('../src/modules/org/unit.repository.ts');

const RUNS = Number(process.argv[2] ?? 60);
const LIMIT_MS = 50;

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (x) => Math.round(x * 100) / 100;

async function time(fn) {
  const ms = [];
  let result;
  for (let i = 0; i < 5; i++) result = await fn(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { result, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1]) };
}

function openDatabase() {
  return openScratchDatabase('thidua_org_bench', startEmbeddedPostgres);
}

async function main() {
  const db = await openDatabase();
  const ds = new DataSource({ ...buildDataSourceOptions(db.url, 4), logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const tree = generateNationalTree();
    const t0 = Date.now();
    await bulkLoadUnits(ds, tree);
    const loadMs = Date.now() - t0;
    await ds.query('ANALYZE unit');
    await ds.query('ANALYZE unit_parent_link');

    const [province] = await ds.query(
      `SELECT p.id, p.code, p.path, (SELECT count(*) FROM unit u WHERE u.path LIKE p.path || '%')::int AS n
         FROM unit p WHERE p.kind = 'province_federation' ORDER BY n DESC LIMIT 1`,
    );
    const repo = new UnitRepository(ds);
    const indexed = await time(() => repo.countActiveInSubtree(province.path));
    const reference = await time(async () => {
      const rows = await ds.query(
        `WITH RECURSIVE sub AS (SELECT id, status FROM unit WHERE id = $1
           UNION ALL SELECT u.id, u.status FROM unit u JOIN sub ON u.parent_id = sub.id)
         SELECT count(*) AS n FROM sub WHERE status = 'active'`,
        [province.id],
      );
      return Number(rows[0].n);
    });
    if (indexed.result !== reference.result) throw new Error(`counts differ: ${indexed.result} vs ${reference.result}`);
    const plan = (await ds.query(`EXPLAIN SELECT count(*) FROM unit WHERE path LIKE $1 AND status = 'active'`, [`${province.path}%`]))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    console.log(
      JSON.stringify({
        bench: 'org.subtree-count',
        database: db.kind,
        machine: `${os.cpus().length} cpu, node ${process.version}`,
        units: tree.length,
        loadMs,
        province: { code: province.code, subtreeUnits: indexed.result },
        runs: RUNS,
        indexedPathMs: { p50: indexed.p50, p95: indexed.p95, max: indexed.max },
        recursiveCteMs: { p50: reference.p50, p95: reference.p95, max: reference.max },
        speedupP50: round(reference.p50 / indexed.p50),
        usesPathIndex: plan.includes('idx_unit_path'),
        underLimit: indexed.p95 < LIMIT_MS,
      }),
    );
    if (indexed.p95 >= LIMIT_MS) process.exitCode = 1;
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
