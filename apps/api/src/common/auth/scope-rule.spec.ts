import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROLES, coveredRegions, coversPath, type ScopePurpose } from '@thidua/workflow-core';
import { covers, regionsOf } from './scope';
import { regionsSql, sqlParams } from './scope-sql';

/**
 * Issue 13 (1): what each role covers is decided in workflow-core's scope.ts, and the API asks it only through
 * common/auth/scope.ts and scope-sql.ts. This spec reads every source file under src/ and fails on a scope
 * decision made another way: a role compared with a role name, a role looked up in a hand-written list, a path
 * prefix test, or a SQL path predicate (LIKE on a path column, `<@`) outside the one SQL helper.
 */
const SRC = join(__dirname, '..', '..');
const ALLOWED = new Set(['common/auth/scope.ts', 'common/auth/scope-sql.ts']);

const FORBIDDEN: Array<{ name: string; re: RegExp }> = [
  { name: 'role compared with a role name', re: /\.role\s*[!=]==?\s*['"`]|['"`]\s*[!=]==?\s*\w+\.role\b/ },
  { name: 'role looked up in a hand-written list', re: /\.(includes|has)\(\s*\w+(\.\w+)*\.role\s*\)/ },
  { name: 'path prefix test', re: /(?<!req\.)[pP]ath\w*(\)|\])?\??\.startsWith\(|\.startsWith\([^)]*[pP]ath/ },
  { name: 'SQL path LIKE', re: /\b\w*path\w*\s+(NOT\s+)?I?LIKE\b/i },
  { name: 'SQL LIKE against a path', re: /\bLIKE\s+(ANY\s*\()?\s*\w+\.\w*path/i },
  { name: 'SQL ltree containment', re: /<@|@>/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Strips comments so that prose about the rule does not count as code deciding it. */
function code(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ''))
    .split('\n')
    .map((l) => l.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

describe('one scope rule', () => {
  it('no module decides scope another way (role-name checks, path predicates outside common/auth/scope*.ts)', () => {
    const hits: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = relative(SRC, file).split('\\').join('/');
      if (ALLOWED.has(rel)) continue;
      code(readFileSync(file, 'utf8')).forEach((line, i) => {
        for (const f of FORBIDDEN) if (f.re.test(line)) hits.push(`${rel}:${i + 1} ${f.name}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the scan would catch each kind of violation', () => {
    const samples = [
      `if (g.role === 'officer') return true;`,
      `['supervisor', 'admin'].includes(r.role)`,
      `item.unitPath.startsWith(g.unitPath)`,
      "`SELECT id FROM unit WHERE path LIKE $1`",
      "`u.path LIKE ANY($2::text[])`",
      "`WHERE t.path <@ u.path`",
    ];
    for (const s of samples) expect([s, FORBIDDEN.some((f) => f.re.test(s))]).toEqual([s, true]);
    expect(FORBIDDEN.some((f) => f.re.test(`@RequireRoles(['admin'], { unitParam: 'unitId' })`))).toBe(false);
  });

  it('the API helpers answer as the rule, and the SQL covers the same regions', () => {
    const grants = [
      { role: 'officer' as const, unitPath: '/e/f/', unitId: 'x', workflows: null, onBehalfOf: null },
      { role: 'council_member' as const, unitPath: '/a/', unitId: 'y', workflows: ['commendation'], onBehalfOf: null },
    ];
    for (const purpose of ['act', 'see', 'receive'] as ScopePurpose[]) {
      for (const path of ['/a/', '/a/b/', '/e/f/', '/e/f/g/', '/e/']) expect(covers({ roles: grants }, path, purpose)).toBe(coversPath(grants, path, purpose));
      expect(regionsOf({ roles: grants }, purpose)).toEqual(coveredRegions(grants, purpose));
    }
    const p = sqlParams(3);
    expect(regionsSql('u.path', regionsOf({ roles: grants }, 'see'), p)).toBe('(u.path LIKE $3 OR u.path = $4)');
    expect(p.values).toEqual(['/a/%', '/e/f/']);
    expect(regionsSql('u.path', [], sqlParams())).toBe('FALSE');
    expect(ROLES.length).toBe(6);
  });
});
