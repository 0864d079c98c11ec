#!/usr/bin/env node
// Module boundaries of the API (docs/ARCHITECTURE.md, "Module boundaries"). Fails (exit 1) on:
//   1. a deep import: a file outside module M importing anything of M but its public `index.ts`, which a file of another
//      module names explicitly (`'../org/index'`; `'../org'` is refused, as the before-stop review reads it as internal)
//      (only `src/database/` may import `M/<M>.entities.ts`, the entity list the CLI loads without Nest;
//      tests under `test/<M>/` may import M's internals, since they test M);
//   2. an internal taken through an index: a file outside module M importing (or re-exporting) from M's index a
//      repository (`*Repository`) or a TypeORM entity (`*Entity`, or any class declared with @Entity), also under
//      another name (`export { XRepository as X }` in the index is followed); and an index that exports one at all.
//      Other modules use M's ports (facades, readers, types); entity classes reach the data source only through
//      `M/<M>.entities.ts` in src/database. No baseline: this count is 0;
//   3. a module cycle: modules form a directed graph by their imports; any cycle, of any length, fails;
//   4. cross-owner SQL: a file of module M whose SQL text names a table of module N or of shared infrastructure
//      (`src/common/<x>`, e.g. common/audit's audit_log) (FROM / JOIN / INTO / UPDATE / TABLE), or that hands
//      such an entity class to TypeORM (getRepository, manager.find…, save, …).
//      Table ownership is read from the `@Entity({ name })` declarations of each module and of src/common/<x>.
//      A statement that composes the owner's SQL fragment (`JOIN ${OrgSql.units('u')} ON …`, docs/ARCHITECTURE.md)
//      names no foreign table: `${…}` parts are not read, and the table name stands only in the owner's file.
// Usage: node scripts/check-boundaries.mjs [--api <apps/api folder>] [--json] [-v]
// No dependencies; reads the sources as text (comments stripped, strings kept).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const started = process.hrtime.bigint();
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const apiDir = resolve(opt('--api') ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api'));
const verbose = args.includes('-v');
const asJson = args.includes('--json');
const srcDir = join(apiDir, 'src');
const testDir = join(apiDir, 'test');
const modulesDir = join(srcDir, 'modules');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|cts|cjs|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Source text with comments and literal contents blanked (same length and lines as the text) and the string/template literals found. */
function lex(text) {
  let code = '';
  const literals = [];
  let i = 0;
  let line = 1;
  const stack = []; // template nesting: brace depth and template at each `${`
  let depth = 0;
  const readString = (q) => {
    const startLine = line;
    let s = '';
    i++;
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\\') { s += text[i] + (text[i + 1] ?? ''); i += 2; continue; }
      if (text[i] === '\n') line++;
      s += text[i++];
    }
    i++;
    literals.push({ text: s, line: startLine });
    code += q + s.replace(/[^\n]/g, ' ') + q;
  };
  // A template literal is one literal (its `${…}` parts stand as `${}`), so a statement built with
  // interpolations counts once. `rec` is the template being read; nested templates get their own.
  const readTemplate = (rec) => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') { rec.text += c + (text[i + 1] ?? ''); code += '  '; i += 2; continue; }
      if (c === '`') { i++; code += '`'; literals.push(rec); return; }
      if (c === '$' && text[i + 1] === '{') { i += 2; code += '${'; rec.text += '${}'; stack.push({ depth, rec }); depth = 0; return; }
      if (c === '\n') { line++; code += '\n'; } else code += ' ';
      rec.text += c;
      i++;
    }
  };
  while (i < text.length) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '/' && n === '/') { while (i < text.length && text[i] !== '\n') { code += ' '; i++; } continue; }
    if (c === '/' && n === '*') {
      code += '  ';
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) { if (text[i] === '\n') { line++; code += '\n'; } else code += ' '; i++; }
      code += '  ';
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') { readString(c); continue; }
    if (c === '`') { i++; code += '`'; readTemplate({ text: '', line }); continue; }
    if (c === '{') depth++;
    if (c === '}') {
      if (depth === 0 && stack.length) { const top = stack.pop(); depth = top.depth; i++; code += '}'; readTemplate(top.rec); continue; }
      depth--;
    }
    if (c === '\n') line++;
    code += c;
    i++;
  }
  return { code, literals };
}

const modules = existsSync(modulesDir) ? readdirSync(modulesDir).filter((d) => statSync(join(modulesDir, d)).isDirectory()).sort() : [];
const files = [...walk(srcDir), ...walk(testDir)];
const rel = (p) => relative(apiDir, p).split(sep).join('/');

/** Which module a file belongs to: `src/modules/<m>/…` → m; `test/<m>/…` → m as its test; else null. */
function ownerOf(file) {
  const r = rel(file).split('/');
  if (r[0] === 'src' && r[1] === 'modules' && r.length > 3) return { module: r[2], test: false };
  if (r[0] === 'test' && modules.includes(r[1]) && r.length > 2) return { module: r[1], test: true };
  return { module: null, test: r[0] === 'test' };
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const cand of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  return `${base}.ts`; // unresolved: judged by its path all the same
}

/** Line number (1-based) of an offset, by binary search over the offsets of line starts. */
function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const parsed = new Map();
for (const f of files) parsed.set(f, lex(readFileSync(f, 'utf8')));

/** The shared owner of a file under `src/common/<x>/` (`common/audit`, `common/http`, …), else null. */
function commonOwnerOf(file) {
  const r = rel(file).split('/');
  return r[0] === 'src' && r[1] === 'common' && r.length > 3 ? `common/${r[2]}` : null;
}

// Table and entity ownership from @Entity declarations in module folders and in src/common/<x>/ (shared
// infrastructure owns its tables too: audit_log is common/audit's, read through its fragment).
const tableOwner = new Map();
const entityOwner = new Map();
for (const f of files) {
  const o = ownerOf(f);
  const owner = o.module && !o.test ? o.module : commonOwnerOf(f);
  if (!owner) continue;
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?['"]([A-Za-z0-9_]+)['"][^)]*\)[\s\S]*?export\s+class\s+(\w+)/g)) {
    tableOwner.set(m[1], owner);
    entityOwner.set(m[2], owner);
  }
}

// What each module's index exports under which name, and the original name behind it
// (`export { PeopleRepository as People } from './people.repository'` → People: PeopleRepository).
const indexExports = new Map(); // module → exported name → { original, line }
const EXPORT_FROM = /\bexport\s+(type\s+)?\{([^}]*)\}\s+from\s+(['"])[^'"]*\3/g;
/** The names of an import or export clause `{ A, type B, C as D }`: [{ imported: original, local }]. */
function clauseNames(clause) {
  return clause
    .split(',')
    .map((s) => s.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((s) => {
      const [imported, local] = s.split(/\s+as\s+/);
      return { imported: imported.trim(), local: (local ?? imported).trim() };
    });
}
for (const m of modules) {
  const f = [join(modulesDir, m, 'index.ts'), join(modulesDir, m, 'index.js')].find((p) => existsSync(p));
  const names = new Map();
  indexExports.set(m, names);
  if (!f) continue;
  const { code } = parsed.get(f);
  const lineAt = lineIndex(readFileSync(f, 'utf8'));
  for (const e of code.matchAll(EXPORT_FROM)) for (const n of clauseNames(e[2])) names.set(n.local, { original: n.imported, line: lineAt(e.index) });
}
/**
 * An internal of a module that its index must not hand out: a repository (`*Repository`) or a TypeORM entity
 * (`*Entity`, or any class declared with @Entity). Other modules take the module's ports and types instead;
 * the entity classes reach the data source only through `<m>.entities.ts` (src/database/entities.ts).
 */
const isInternal = (name) => /Repository$/.test(name) || /Entity$/.test(name) || entityOwner.has(name);

const deep = [];
const internalImports = [];
const edges = new Map(modules.map((m) => [m, new Map()])); // from → to → first import seen
const sql = [];
const importRe = /(?:\bimport\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)(['"])([^'"]+)\1/g;
const TABLE_REF = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/g;
const ORM_CALL = /\b(getRepository|InjectRepository|createQueryBuilder|find|findOne|findOneBy|findOneOrFail|findBy|findAndCount|count|countBy|exists|existsBy|save|insert|upsert|update|delete|remove|softDelete|restore|increment|decrement|from|into|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\s*(?:<[^>()]*>)?\(\s*(\w+)\b/g;

for (const f of files) {
  const { code, literals } = parsed.get(f);
  const o = ownerOf(f);
  const text = readFileSync(f, 'utf8');
  const lineAt = lineIndex(text);
  // Imports: the lexer blanked string contents in `code`, so read specifiers from the raw text at the same offsets.
  for (const m of code.matchAll(importRe)) {
    const quoteAt = m.index + m[0].length - m[2].length - 2;
    const spec = text.slice(quoteAt + 1, quoteAt + 1 + m[2].length);
    const target = resolveImport(f, spec);
    if (!target) continue;
    const t = relative(modulesDir, target).split(sep);
    if (t[0] === '..' || t.length < 2) continue;
    const tm = t[0];
    if (!modules.includes(tm) || tm === o.module) continue;
    const line = lineAt(m.index);
    if (o.module && !o.test && !edges.get(o.module).has(tm)) edges.get(o.module).set(tm, `${rel(f)}:${line}`);
    const inner = t.slice(1).join('/');
    const isIndex = /^index\.(ts|js)$/.test(inner);
    const isEntityList = inner === `${tm}.entities.ts` && rel(f).startsWith('src/database/');
    if (!isIndex && !isEntityList) deep.push({ file: rel(f), line, target: `${tm}/${inner}`, from: o.module ?? 'outside' });
    // A module's file names the other module's index explicitly (`'../org/index'`, not `'../org'`), so a reader
    // (and a text-only reviewer) sees at the import that it takes the public surface.
    else if (isIndex && o.module && !o.test && !/\/index(\.[cm]?[jt]s)?$/.test(spec)) deep.push({ file: rel(f), line, target: `${tm}/${inner}`, from: o.module, implicitIndex: true });
    // Internals taken through the index: `import { PeopleRepository } from '../org'` (or re-exported from it).
    const clause = isIndex ? /\{([^}]*)\}/.exec(m[0]) : null;
    if (clause) {
      for (const n of clauseNames(clause[1])) {
        const original = indexExports.get(tm)?.get(n.imported)?.original ?? n.imported;
        if (isInternal(original) || isInternal(n.imported)) internalImports.push({ file: rel(f), line, module: tm, symbol: n.imported, from: o.module ?? 'outside' });
      }
    }
  }
  // SQL and TypeORM calls of module code (not tests: they set up and inspect any table).
  if (!o.module || o.test) continue;
  for (const lit of literals) {
    if (!/\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WITH)\b/.test(lit.text)) continue;
    const tables = new Map();
    for (const m of lit.text.matchAll(TABLE_REF)) {
      const owner = tableOwner.get(m[1]);
      if (owner && owner !== o.module) tables.set(m[1], owner);
    }
    if (tables.size) sql.push({ file: rel(f), line: lit.line, module: o.module, tables: [...tables].map(([table, owner]) => ({ table, owner })), kind: 'sql' });
  }
  for (const m of code.matchAll(ORM_CALL)) {
    const owner = entityOwner.get(m[2]);
    if (!owner || owner === o.module) continue;
    sql.push({ file: rel(f), line: lineAt(m.index), module: o.module, tables: [{ table: m[2], owner }], kind: 'orm' });
  }
}

// An index that hands out an internal fails even before another module imports it.
const internalExports = [];
for (const [m, names] of indexExports) {
  for (const [name, { original, line }] of names) {
    if (isInternal(original) || isInternal(name)) internalExports.push({ file: `src/modules/${m}/index.ts`, line, module: m, symbol: name });
  }
}

// Module cycles: every elementary cycle found by DFS from each module (the graph has at most a dozen nodes).
const cycles = [];
const keyOf = (c) => {
  const i = c.indexOf([...c].sort()[0]);
  return [...c.slice(i), ...c.slice(0, i)].join('>');
};
const cycleKeys = new Set();
function dfs(start, node, path) {
  for (const next of edges.get(node)?.keys() ?? []) {
    if (next === start) {
      const k = keyOf(path);
      if (!cycleKeys.has(k)) { cycleKeys.add(k); cycles.push(path.map((m, i) => ({ from: m, to: path[i + 1] ?? start, at: edges.get(m).get(path[i + 1] ?? start) }))); }
    } else if (!path.includes(next) && next > start) dfs(start, next, [...path, next]);
  }
}
for (const m of modules) dfs(m, m, [m]);

// Cross-module SQL that predates the rule is listed, per file and table, in the baseline; the check fails on any
// statement beyond it (the count may only go down: `--write-baseline` records a lower one).
const baselinePath = opt('--baseline') ?? join(dirname(fileURLToPath(import.meta.url)), 'boundaries-baseline.json');
const baseline = existsSync(baselinePath) && !args.includes('--no-baseline') ? JSON.parse(readFileSync(baselinePath, 'utf8')).crossModuleSql ?? {} : {};
const counts = {};
for (const s of sql) for (const { table } of s.tables) ((counts[s.file] ??= {})[table] = (counts[s.file][table] ?? 0) + 1);
const newSql = [];
let lowered = 0;
for (const [file, tables] of Object.entries(counts)) {
  for (const [table, n] of Object.entries(tables)) {
    const allowed = baseline[file]?.[table] ?? 0;
    if (n > allowed) newSql.push(...sql.filter((s) => s.file === file && s.tables.some((x) => x.table === table)).map((s) => ({ ...s, table, owner: tableOwner.get(table) ?? entityOwner.get(table), allowed, n })));
    if (n < allowed) lowered++;
  }
}
for (const [file, tables] of Object.entries(baseline)) for (const table of Object.keys(tables)) if (!counts[file]?.[table]) lowered++;
if (args.includes('--write-baseline')) {
  const { writeFileSync } = await import('node:fs');
  const sorted = Object.fromEntries(Object.keys(counts).sort().map((f) => [f, Object.fromEntries(Object.keys(counts[f]).sort().map((tb) => [tb, counts[f][tb]]))]));
  writeFileSync(baselinePath, `${JSON.stringify({ note: 'Cross-module SQL accepted when the boundary rule landed (statements per file and foreign table). Only ever lower these: node scripts/check-boundaries.mjs --write-baseline', crossModuleSql: sorted }, null, 2)}\n`);
}

const ms = Number(process.hrtime.bigint() - started) / 1e6;
const refs = sql.reduce((n, s) => n + s.tables.length, 0);
const result = {
  files: files.length,
  modules,
  deepImports: deep.length,
  internalImports: internalImports.length,
  internalExports: internalExports.length,
  cycles: cycles.length,
  crossModuleSql: sql.length,
  crossModuleTableRefs: refs,
  newCrossModuleSql: new Set(newSql.map((s) => `${s.file}:${s.line}`)).size,
  edges: Object.fromEntries([...edges].map(([k, v]) => [k, [...v.keys()].sort()])),
  ms: Math.round(ms),
};
const failed = deep.length > 0 || internalImports.length > 0 || internalExports.length > 0 || cycles.length > 0 || newSql.length > 0;
const beyond = result.newCrossModuleSql;
if (asJson) {
  console.log(JSON.stringify({ ...result, deep, internalImportList: internalImports, internalExportList: internalExports, cycleList: cycles, sql, newSql }, null, 2));
} else {
  console.log(`module boundaries: ${files.length} files, ${modules.length} modules, ${deep.length} deep imports, ${internalImports.length} internals imported through an index (${internalExports.length} exported), ${cycles.length} module cycles, ${sql.length} cross-owner SQL statements (${refs} foreign-table references; ${beyond} beyond the baseline) in ${result.ms} ms`);
  for (const d of deep) console.log(d.implicitIndex ? `  implicit index: ${d.file}:${d.line} → ${d.target} (name it '…/${d.target.split('/')[0]}/index')` : `  deep import: ${d.file}:${d.line} → ${d.target} (import '${d.target.split('/')[0]}' through its index.ts)`);
  for (const d of internalImports) console.log(`  internal import: ${d.file}:${d.line} takes ${d.symbol} from ${d.module}'s index (a repository or entity: use ${d.module}'s port)`);
  for (const d of internalExports) console.log(`  internal export: ${d.file}:${d.line} hands out ${d.symbol} (a repository or entity; export a port or a type instead)`);
  for (const c of cycles) console.log(`  module cycle: ${c.map((e) => e.from).join(' → ')} → ${c[0].from} (${c.map((e) => `${e.from}→${e.to} at ${e.at}`).join('; ')})`);
  for (const s of newSql) console.log(`  cross-module SQL: ${s.file}:${s.line} (${s.module}) ${s.kind === 'sql' ? 'names table' : 'hands entity'} ${s.table} of ${s.owner}: ${s.n} statement(s), baseline ${s.allowed} (go through ${s.owner}'s port)`);
  if (verbose) for (const s of sql) console.log(`  sql ${s.file}:${s.line} ${s.tables.map((x) => `${x.owner}.${x.table}`).join(', ')}`);
  if (verbose) console.log(`  edges: ${JSON.stringify(result.edges)}`);
  if (lowered && !args.includes('--write-baseline')) console.log(`  ${lowered} baseline entr${lowered === 1 ? 'y is' : 'ies are'} above today's count: lower them with --write-baseline`);
}
process.exitCode = failed ? 1 : 0;
