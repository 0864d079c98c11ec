// Unit search (GET /api/units?q=) at national scale: loads generateNationalTree() (~126,000 units)
// into PGlite (default) or DATABASE_URL (a scratch database is created there and dropped after),
// gives 200 units Vietnamese place names, then times UnitRepository.list — the query behind
// GET /api/units — for a few searches and scopes. Prints one JSON line per case.
// Usage (from apps/api): node test/org/unit-search.bench.cjs [runs=30]
require('reflect-metadata');
require('../../bench/support/register-ts.cjs');
const { DataSource } = require('typeorm');
const { buildDataSourceOptions } = require('../../src/database/data-source-options.ts');
const { startEmbeddedPostgres } = require('../../src/database/embedded-postgres.ts');
const { openScratchDatabase } = require('../../bench/support/scratch-database.cjs');
const { generateNationalTree } = require('../../src/modules/org/national-tree.ts');
const { bulkLoadUnits } = require('../../src/modules/org/bulk-load.ts');
const { UnitRepository } = require('../../src/modules/org/unit.repository.ts');

const RUNS = Number(process.argv[2] ?? 30);
const PLACES = ['Phước Mỹ', 'Đô Vinh', 'Mỹ Hải', 'Phước Hải', 'Thành Hải', 'Văn Hải', 'Đông Hải', 'Tấn Tài', 'Kinh Dinh', 'Phủ Hà'];
const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
const round = (x) => Math.round(x * 10) / 10;

async function time(fn) {
  const ms = [];
  let result;
  for (let i = 0; i < 3; i++) result = await fn();
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { rows: result.length, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)) };
}

function openDatabase() {
  return openScratchDatabase('thidua_search_bench', startEmbeddedPostgres);
}

async function main() {
  const db = await openDatabase();
  const ds = new DataSource({ ...buildDataSourceOptions(db.url, 4), logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const tree = generateNationalTree();
    tree.forEach((u, i) => {
      if (u.kind === 'grassroots_union' && i % 600 === 0) u.name = `Công đoàn cơ sở xã ${PLACES[(i / 600) % PLACES.length]} ${i}`;
    });
    await bulkLoadUnits(ds, tree);
    await ds.query('ANALYZE unit');
    const repo = new UnitRepository(ds);
    const [root] = await ds.query(`SELECT path FROM unit WHERE code = 'VN'`);
    const [province] = await ds.query(
      `SELECT p.code, p.path, (SELECT count(*) FROM unit u WHERE u.path LIKE p.path || '%')::int AS n FROM unit p WHERE p.kind = 'province_federation' ORDER BY n DESC LIMIT 1`,
    );
    const national = [{ path: root.path, subtree: true }];
    const prov = [{ path: province.path, subtree: true }];
    const cases = [
      ['national scope, "phuoc my" (rare)', national, 'phuoc my'],
      ['national scope, "Đô Vinh" (rare)', national, 'Đô Vinh'],
      ['national scope, "zzz" (no match)', national, 'zzz'],
      ['national scope, "cong doan" (matches all: top 51 of 126k)', national, 'cong doan'],
      ['national scope, code prefix "p49-g01"', national, 'p49-g01'],
      [`largest province ${province.code} (${province.n} units), "phuoc"`, prov, 'phuoc'],
    ];
    const units = (await ds.query('SELECT count(*)::int AS n FROM unit'))[0].n;
    for (const [label, scopes, q] of cases) {
      const r = await time(() => repo.list({ scopes, q, limit: 51 }));
      console.log(JSON.stringify({ database: db.kind, units, case: label, ...r }));
    }
    const plan = await ds.query(`EXPLAIN SELECT id FROM unit u WHERE u.search_text LIKE 'p49-g01%'`);
    console.log(JSON.stringify({ prefixPlan: plan.map((p) => p['QUERY PLAN']).join(' | ') }));
    if (process.env.EXPLAIN) {
      const a = await ds.query(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT u.* FROM unit u WHERE (u.path LIKE $1) AND u.search_text LIKE $2 ORDER BY u.code COLLATE "C" LIMIT 51`,
        [`${root.path}%`, '%zzz%'],
      );
      console.log(a.map((p) => p['QUERY PLAN']).join('\n'));
    }
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
