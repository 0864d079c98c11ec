// The search box (GET /api/search) at national scale: generateNationalTree() (~126,000 units), 200,000 people and
// 1,000,000 items with Vietnamese titles, into the embedded PostgreSQL 15 (default) or DATABASE_URL (a scratch
// database is created there and dropped after). Prints EXPLAIN (ANALYZE) of each kind's query as the repositories
// run it (national scope, and one province's scope) and their timings. Usage (from apps/api):
//   node test/org/search-box.bench.cjs [runs=10]
require('reflect-metadata');
require('../../bench/support/register-ts.cjs');
const { DataSource } = require('typeorm');
const { buildDataSourceOptions } = require('../../src/database/data-source-options.ts');
const { startEmbeddedPostgres } = require('../../src/database/embedded-postgres.ts');
const { openScratchDatabase } = require('../../bench/support/scratch-database.cjs');
const { generateNationalTree } = require('../../src/modules/org/national-tree.ts');
const { bulkLoadUnits } = require('../../src/modules/org/bulk-load.ts');
const { foldedSql, searchTerms, containsPattern } = require('../../src/common/search/search-fold.ts');
const { scopeSqlFilter } = require('../../src/modules/org/access-scope.ts');

const RUNS = Number(process.argv[2] ?? 10);
const PLACES = ['Phước Mỹ', 'Đô Vinh', 'Mỹ Hải', 'Hà Nội', 'Thành Hải', 'Văn Hải', 'Đông Hải', 'Tấn Tài', 'Kinh Dinh', 'Phủ Hà'];
const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
const round = (x) => Math.round(x * 10) / 10;

async function main() {
  const db = await openScratchDatabase('thidua_search_box_bench', startEmbeddedPostgres);
  const ds = new DataSource({ ...buildDataSourceOptions(db.url, 4), logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const tree = generateNationalTree();
    tree.forEach((u, i) => {
      if (u.kind === 'grassroots_union' && i % 600 === 0) u.name = `Công đoàn cơ sở xã ${PLACES[(i / 600) % PLACES.length]} ${i}`;
    });
    await bulkLoadUnits(ds, tree);
    const places = `ARRAY[${PLACES.map((p) => `'${p}'`).join(',')}]`;
    const words = `ARRAY['Kế hoạch','Báo cáo','Đề nghị khen thưởng','Đăng ký thi đua','Sơ kết','Tổng kết']`;
    const family = `ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ']`;
    const given = `ARRAY['Văn An','Thị Bình','Minh Châu','Văn Dũng','Thị Hà','Quốc Khánh','Thị Lan','Văn Minh','Thị Ngọc','Văn Phúc','Thị Uyên','Văn Tài']`;
    await ds.query(`CREATE TEMP TABLE grassroots AS SELECT row_number() OVER (ORDER BY id) AS n, id, path FROM unit WHERE kind = 'grassroots_union'`);
    const [{ g }] = await ds.query(`SELECT count(*)::int AS g FROM grassroots`);
    await ds.query(
      `INSERT INTO app_user (username, full_name, password_hash, home_unit_id)
       SELECT 'user' || s, (${family})[1 + s % 12] || ' ' || (${given})[1 + (s / 12) % 12] || ' ' || s, 'x', gr.id
         FROM generate_series(1, 200000) s JOIN grassroots gr ON gr.n = 1 + s % ${g}`,
    );
    for (let from = 0; from < 1_000_000; from += 250_000) {
      await ds.query(
        `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, data, snapshot)
         SELECT gen_random_uuid(), 'unit_plan', 1, gr.id, gr.path,
                (${words})[1 + s % 6] || ' năm 2026 ' || (${places})[1 + (s / 6) % 10] || ' số ' || s, 'review', 'active', '{}', '{}'
           FROM generate_series($1::int + 1, $1::int + 250000) s JOIN grassroots gr ON gr.n = 1 + s % ${g}`,
        [from],
      );
    }
    await ds.query('ANALYZE unit; ANALYZE app_user; ANALYZE work_item');
    const [root] = await ds.query(`SELECT path FROM unit WHERE code = 'VN'`);
    const [province] = await ds.query(`SELECT p.code, p.path FROM unit p WHERE p.kind = 'province_federation' ORDER BY p.code LIMIT 1`);
    const counts = (await ds.query(`SELECT (SELECT count(*) FROM unit)::int AS units, (SELECT count(*) FROM app_user)::int AS people, (SELECT count(*) FROM work_item)::int AS items`))[0];
    console.log(JSON.stringify({ database: db.kind, ...counts }));

    const query = (kind, scopePath, q) => {
      const scope = scopeSqlFilter(kind === 'units' ? 'u.path' : kind === 'people' ? 'h.path' : 'i.unit_path', [{ path: scopePath, subtree: true }], 1);
      const params = [...scope.params];
      const where = [scope.sql];
      const text = kind === 'units' ? 'u.search_text' : kind === 'people' ? foldedSql(`a.full_name || ' ' || a.username`) : foldedSql('i.title');
      for (const term of searchTerms(q)) {
        params.push(containsPattern(term));
        where.push(`${text} LIKE $${params.length}`);
      }
      const sql =
        kind === 'units'
          ? `SELECT u.id, u.code, u.name FROM unit u WHERE ${where.join(' AND ')} AND u.status = 'active' ORDER BY u.depth, u.code COLLATE "C" LIMIT 6`
          : kind === 'people'
            ? `SELECT a.id, a.full_name FROM app_user a LEFT JOIN unit h ON h.id = a.home_unit_id WHERE ${where.join(' AND ')} AND a.status = 'active' ORDER BY a.full_name, a.username COLLATE "C" LIMIT 6`
            : `SELECT i.id, i.title FROM work_item i WHERE ${where.join(' AND ')} ORDER BY i.updated_at DESC, i.id LIMIT 6`;
      return { sql, params };
    };
    const cases = [
      ['items', 'national', root.path, 'ha noi so 12345'],
      ['items', 'national', root.path, 'dang ky thi dua phuoc my'],
      ['items', `province ${province.code}`, province.path, 'ha noi'],
      ['units', 'national', root.path, 'do vinh'],
      ['people', 'national', root.path, 'tran thi uyen 1234'],
      ['people', `province ${province.code}`, province.path, 'nguyen van'],
    ];
    for (const [kind, label, path, q] of cases) {
      const { sql, params } = query(kind, path, q);
      const ms = [];
      let rows = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const t0 = process.hrtime.bigint();
        rows = (await ds.query(sql, params)).length;
        if (i >= 2) ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      ms.sort((a, b) => a - b);
      console.log(JSON.stringify({ kind, scope: label, q, rows, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)) }));
      const plan = await ds.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params);
      console.log(plan.map((p) => `  ${p['QUERY PLAN']}`).join('\n'));
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
