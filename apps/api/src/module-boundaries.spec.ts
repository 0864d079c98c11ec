import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The module-boundary rule run by `npm run lint` (scripts/check-boundaries.mjs, docs/ARCHITECTURE.md "Module
 * boundaries"), pointed at small API trees written here: each breach must fail it, the clean tree must pass.
 */
const SCRIPT = resolve(__dirname, '../../../scripts/check-boundaries.mjs');

interface Report {
  deepImports: number;
  internalImports: number;
  internalExports: number;
  internalImportList: Array<{ file: string; module: string; symbol: string }>;
  internalExportList: Array<{ file: string; symbol: string }>;
  cycles: number;
  crossModuleSql: number;
  newCrossModuleSql: number;
  deep: Array<{ file: string; target: string }>;
  cycleList: Array<Array<{ from: string; to: string }>>;
  sql: Array<{ file: string; tables: Array<{ table: string; owner: string }> }>;
}

function run(apiDir: string, extra: string[] = []): { status: number | null; report: Report } {
  const r = spawnSync(process.execPath, [SCRIPT, '--api', apiDir, '--json', ...extra], { encoding: 'utf8' });
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const CLEAN: Record<string, string> = {
  'src/app.module.ts': "import { AModule } from './modules/a';\nimport { BModule } from './modules/b';\nexport const all = [AModule, BModule];\n",
  'src/database/entities.ts': "import { A_ENTITIES } from '../modules/a/a.entities';\nexport const ENTITIES = [...A_ENTITIES];\n",
  'src/modules/a/index.ts': "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\n",
  'src/modules/a/a.module.ts': 'export class AModule {}\n',
  'src/modules/a/a-thing.ts': "// import { nothing } from '../b/b-internal'; (a comment is not an import)\nexport class AThing { q = 'SELECT 1 FROM b_table'; }\n",
  'src/modules/a/a.entity.ts': "@Entity({ name: 'a_table' })\nexport class AEntity {}\n",
  'src/modules/a/a.entities.ts': "import { AEntity } from './a.entity';\nexport const A_ENTITIES = [AEntity];\n",
  'src/modules/a/a.repository.ts': 'export const q = `SELECT * FROM a_table WHERE id = $1`;\n',
  'src/modules/b/index.ts': "export { BModule } from './b.module';\n",
  'src/modules/b/b.module.ts': "import { AThing } from '../a/index';\nexport class BModule { t = AThing; }\n",
  'src/modules/b/b-internal.ts': 'export const nothing = 1;\n',
  'src/modules/b/b.entity.ts': "@Entity({ name: 'b_table' })\nexport class BEntity {}\n",
  // Tests of a module may use its internals; other modules only through their index.
  'test/a/a.int-spec.ts': "import { AThing } from '../../src/modules/a/a-thing';\nimport { BModule } from '../../src/modules/b';\nexport const t = [AThing, BModule];\n",
};

describe('module boundaries check', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const d = tree(files);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('passes a tree that imports through indexes, has no cycle and no foreign SQL', () => {
    const { status, report } = run(make(CLEAN));
    // a-thing.ts names b_table; a does not own it, so it is foreign SQL: the clean tree must not have it.
    expect(report.sql.map((s) => s.file)).toEqual(['src/modules/a/a-thing.ts']);
    expect(status).toBe(1);
    const clean = { ...CLEAN, 'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n" };
    const ok = run(make(clean));
    expect(ok.report).toMatchObject({ deepImports: 0, cycles: 0, crossModuleSql: 0 });
    expect(ok.status).toBe(0);
  });

  it('fails on a module file that takes another module\'s index without naming it (`../a` for `../a/index`)', () => {
    const { status, report } = run(
      make({
        ...CLEAN,
        'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n",
        'src/modules/b/b.module.ts': "import { AThing } from '../a';\nexport class BModule { t = AThing; }\n",
      }),
    );
    expect(report.deep).toEqual([expect.objectContaining({ file: 'src/modules/b/b.module.ts', target: 'a/index.ts' })]);
    expect(status).toBe(1);
  });

  it('fails on a deep import into another module, from a module, from outside and from another module\'s test', () => {
    const { status, report } = run(
      make({
        ...CLEAN,
        'src/modules/a/a-thing.ts': "import { nothing } from '../b/b-internal';\nexport class AThing { n = nothing; }\n",
        'src/app.module.ts': "import { AModule } from './modules/a/a.module';\nexport const all = [AModule];\n",
        'test/a/a.int-spec.ts': "import { nothing } from '../../src/modules/b/b-internal';\nexport const t = nothing;\n",
      }),
    );
    expect(status).toBe(1);
    expect(report.deep.map((d) => `${d.file} → ${d.target}`).sort()).toEqual([
      'src/app.module.ts → a/a.module.ts',
      'src/modules/a/a-thing.ts → b/b-internal.ts',
      'test/a/a.int-spec.ts → b/b-internal.ts',
    ]);
  });

  it('fails on a module cycle, also one that runs through indexes and over three modules', () => {
    const { status, report } = run(
      make({
        ...CLEAN,
        'src/modules/a/a-thing.ts': "import { CThing } from '../c/index';\nexport class AThing { c = CThing; }\n",
        'src/modules/c/index.ts': "export { CThing } from './c-thing';\n",
        'src/modules/c/c-thing.ts': "import type { BModule } from '../b/index';\nexport class CThing { b?: BModule; }\n",
      }),
    );
    expect(status).toBe(1);
    expect(report.deepImports).toBe(0);
    expect(report.cycleList.map((c) => c.map((e) => e.from).join('>'))).toEqual(['a>c>b']);
  });

  it('fails on SQL or TypeORM calls on another module\'s table, and honours the baseline', () => {
    const files = {
      ...CLEAN,
      'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n",
      'src/modules/b/b.repository.ts':
        "import { AEntity } from '../a/index';\nexport class BRepository {\n  m: any;\n  one() { return this.m.query(`SELECT b.id FROM b_table b JOIN \"a_table\" a ON a.id = b.a_id`); }\n  two() { return this.m.getRepository(AEntity).find(); }\n}\n",
      'src/modules/a/index.ts': "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\nexport { AEntity } from './a.entity';\n",
    };
    const dir = make(files);
    const { status, report } = run(dir);
    expect(status).toBe(1);
    expect(report.sql.map((s) => s.tables.map((t) => `${t.owner}.${t.table}`).join())).toEqual(['a.a_table', 'a.AEntity']);
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ crossModuleSql: { 'src/modules/b/b.repository.ts': { a_table: 1, AEntity: 1 } } }));
    const accepted = run(dir, ['--baseline', join(dir, 'baseline.json')]);
    expect(accepted.report.newCrossModuleSql).toBe(0);
    // The baseline covers SQL only: the entity taken through a's index still fails (no baseline for internals).
    expect(accepted.report.internalImports).toBe(1);
    expect(accepted.status).toBe(1);
    const sqlOnly = make({ ...files, 'src/modules/a/index.ts': "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\n", 'src/modules/b/b.repository.ts': "export class BRepository {\n  m: any;\n  one() { return this.m.query(`SELECT b.id FROM b_table b JOIN \"a_table\" a ON a.id = b.a_id`); }\n}\n" });
    writeFileSync(join(sqlOnly, 'baseline.json'), JSON.stringify({ crossModuleSql: { 'src/modules/b/b.repository.ts': { a_table: 1 } } }));
    expect(run(sqlOnly, ['--baseline', join(sqlOnly, 'baseline.json')]).status).toBe(0);
    expect(run(sqlOnly).status).toBe(1);
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ crossModuleSql: { 'src/modules/b/b.repository.ts': { a_table: 1 } } }));
    expect(run(dir, ['--baseline', join(dir, 'baseline.json')]).status).toBe(1);
  });

  it('accepts a statement that composes the owner\'s SQL fragment (the table is named only in the owner\'s file)', () => {
    const clean = { ...CLEAN, 'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n" };
    const files = {
      ...clean,
      'src/modules/a/a-sql.ts': 'export const ASql = { rows: (alias: string): string => `(SELECT id, name FROM a_table) ${alias}` };\n',
      'src/modules/a/index.ts': "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\nexport { ASql } from './a-sql';\n",
      'src/modules/b/b.repository.ts':
        "import { ASql } from '../a/index';\nexport const q = `SELECT b.id, a.name FROM b_table b JOIN ${ASql.rows('a')} ON a.id = b.a_id`;\n",
    };
    const { status, report } = run(make(files));
    expect(report).toMatchObject({ deepImports: 0, cycles: 0, crossModuleSql: 0 });
    expect(status).toBe(0);
    // The same statement naming the table itself is foreign SQL.
    const direct = run(make({ ...files, 'src/modules/b/b.repository.ts': 'export const q = `SELECT b.id, a.name FROM b_table b JOIN a_table a ON a.id = b.a_id`;\n' }));
    expect(direct.report.crossModuleSql).toBe(1);
    expect(direct.status).toBe(1);
  });

  it('fails on a repository or an entity taken through another module\'s index, and on an index that hands one out', () => {
    const clean = { ...CLEAN, 'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n" };
    const files = {
      ...clean,
      // A repository, an entity by its suffix, one by its @Entity decorator alone, and one renamed by the index.
      'src/modules/a/a-store.ts': "@Entity({ name: 'a_store' })\nexport class AStore {}\n",
      'src/modules/a/index.ts':
        "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\nexport { ARepository } from './a.repository';\nexport { AEntity } from './a.entity';\nexport { AStore } from './a-store';\nexport { ARepository as APort } from './a.repository';\n",
      'src/modules/a/a.repository.ts': 'export class ARepository { q = `SELECT * FROM a_table WHERE id = $1`; }\n',
      'src/modules/b/b.module.ts': "import { AThing, ARepository, type AEntity } from '../a/index';\nimport { AStore, APort } from '../a/index';\nexport class BModule { t = AThing; r = ARepository; s = AStore; p = APort; e?: AEntity; }\n",
    };
    const { status, report } = run(make(files));
    expect(status).toBe(1);
    expect(report.deepImports).toBe(0);
    expect(report.internalImportList.map((d) => `${d.file}:${d.module}.${d.symbol}`).sort()).toEqual([
      'src/modules/b/b.module.ts:a.AEntity',
      'src/modules/b/b.module.ts:a.APort',
      'src/modules/b/b.module.ts:a.ARepository',
      'src/modules/b/b.module.ts:a.AStore',
    ]);
    expect(report.internalExportList.map((d) => d.symbol).sort()).toEqual(['AEntity', 'APort', 'ARepository', 'AStore']);
    // A port in front of the repository (its own name, its own file) passes; so does the entity list of src/database.
    const ported = run(
      make({
        ...clean,
        'src/modules/a/a-reader.ts': "import { ARepository } from './a.repository';\nexport class AReader { constructor(private readonly repo: ARepository) {} }\n",
        'src/modules/a/a.repository.ts': 'export class ARepository { q = `SELECT * FROM a_table WHERE id = $1`; }\n',
        'src/modules/a/index.ts': "export { AModule } from './a.module';\nexport { AThing } from './a-thing';\nexport { AReader } from './a-reader';\n",
        'src/modules/b/b.module.ts': "import { AThing, AReader } from '../a/index';\nexport class BModule { t = AThing; r = AReader; }\n",
      }),
    );
    expect(ported.report).toMatchObject({ deepImports: 0, internalImports: 0, internalExports: 0, cycles: 0, crossModuleSql: 0 });
    expect(ported.status).toBe(0);
  });

  it('counts SQL of a module on a table owned by src/common/<x> as cross-owner SQL, and accepts the owner\'s fragment', () => {
    const clean = { ...CLEAN, 'src/modules/a/a-thing.ts': "export class AThing { q = 'SELECT 1 FROM a_table'; }\n" };
    const common = {
      ...clean,
      'src/common/audit/audit-log.entity.ts': "@Entity({ name: 'audit_log' })\nexport class AuditLogEntity {}\n",
      'src/common/audit/audit-sql.ts': 'export const AuditSql = { rows: (alias: string): string => `(SELECT id, action FROM audit_log) ${alias}` };\n',
    };
    const direct = run(make({ ...common, 'src/modules/a/a.repository.ts': 'export const q = `SELECT a.action FROM audit_log a JOIN a_table t ON t.id = a.entity_id`;\n' }));
    expect(direct.status).toBe(1);
    expect(direct.report.sql.map((s) => `${s.file}:${s.tables.map((t) => `${t.owner}.${t.table}`).join()}`)).toEqual(['src/modules/a/a.repository.ts:common/audit.audit_log']);
    const viaFragment = run(
      make({ ...common, 'src/modules/a/a.repository.ts': "import { AuditSql } from '../../common/audit/audit-sql';\nexport const q = `SELECT a.action FROM ${AuditSql.rows('a')} JOIN a_table t ON t.id = a.entity_id`;\n" }),
    );
    expect(viaFragment.report).toMatchObject({ crossModuleSql: 0 });
    expect(viaFragment.status).toBe(0);
  });

  it('passes on this repository', () => {
    const { status, report } = run(resolve(__dirname, '..'));
    expect(report).toMatchObject({ deepImports: 0, internalImports: 0, internalExports: 0, cycles: 0, crossModuleSql: 0, newCrossModuleSql: 0 });
    expect(status).toBe(0);
  });
});
