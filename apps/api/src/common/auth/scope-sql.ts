import type { CoveredRegion } from '@thidua/workflow-core';

/**
 * The ONE place that writes a unit-path predicate in SQL (the scope rule's regions, or a plain subtree).
 * Paths are materialised (`/k1/k2/`, keys `[0-9a-z]`, no LIKE wildcard to escape), so "within" is a prefix
 * LIKE on the `text_pattern_ops` index `idx_unit_path`. `scope-rule.spec.ts` fails on a path LIKE/`<@` written
 * anywhere else.
 */

/** `$n` parameters collected while building a query. */
export interface SqlParams {
  /** Adds a value; returns its placeholder. */
  add(value: unknown): string;
  values: unknown[];
}

/** Parameters numbered from `first` ($first, $first+1, …). */
export function sqlParams(first = 1, values: unknown[] = []): SqlParams {
  const out: SqlParams = {
    values,
    add(value) {
      values.push(value);
      return `$${first + values.length - 1}`;
    },
  };
  return out;
}

/** The LIKE pattern of a subtree (the root itself included). */
export function subtreePattern(rootPath: string): string {
  return `${rootPath}%`;
}

/** `column` is the path `placeholder` (a pattern from subtreePattern, or a path when `raw`) or below it. */
export function pathWithinSql(column: string, placeholder: string, options: { raw?: boolean } = {}): string {
  return options.raw ? `${column} LIKE ${placeholder} || '%'` : `${column} LIKE ${placeholder}`;
}

/** `column` is within any of the patterns in the array placeholder (`text[]` of subtree patterns). */
export function pathWithinAnySql(column: string, arrayPlaceholder: string): string {
  return `${column} LIKE ANY(${arrayPlaceholder})`;
}

/** `column` lies on the path of `pathColumn` (an ancestor of it or itself): the reversed prefix test. */
export function pathIsAncestorSql(column: string, pathExpression: string): string {
  return `${pathExpression} LIKE ${column} || '%'`;
}

/** A condition limiting `column` (a path) to the regions; `FALSE` when there are none. */
export function regionsSql(column: string, regions: readonly CoveredRegion[], params: SqlParams): string {
  if (regions.length === 0) return 'FALSE';
  return `(${regions.map((r) => (r.subtree ? `${column} LIKE ${params.add(subtreePattern(r.path))}` : `${column} = ${params.add(r.path)}`)).join(' OR ')})`;
}

/** regionsSql with `$n` numbering from `firstParam`, returning its parameters. */
export function scopeSql(column: string, regions: readonly CoveredRegion[], firstParam: number): { sql: string; params: string[] } {
  const params = sqlParams(firstParam);
  const sql = regionsSql(column, regions, params);
  return { sql, params: params.values as string[] };
}

/** regionsSql for TypeORM's query builder (named parameters `:<prefix>0`, …). */
export function scopeSqlNamed(column: string, regions: readonly CoveredRegion[], prefix: string): { sql: string; params: Record<string, string> } {
  if (regions.length === 0) return { sql: 'FALSE', params: {} };
  const params: Record<string, string> = {};
  const parts = regions.map((r, i) => {
    params[`${prefix}${i}`] = r.subtree ? subtreePattern(r.path) : r.path;
    return r.subtree ? `${column} LIKE :${prefix}${i}` : `${column} = :${prefix}${i}`;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}

/**
 * The region of a path: its first two levels (`/k1/k2/` of `/k1/k2/k3/…`), NULL for the root itself. It is the
 * expression `idx_work_item_inbox_region` indexes (migration 1796260000000; keep both texts identical, the planner
 * matches the expression). For a subtree rooted at depth 2 (`isRegionRoot`), `pathRegionSql(column) = root` holds
 * exactly when `column` is within the root: keys hold no `/`, so the pattern cannot stop anywhere but the second `/`
 * after the first.
 */
export function pathRegionSql(column: string): string {
  return `substring(${column} from '^/[^/]+/[^/]+/')`;
}

/** Whether a materialised path is at depth 2 (`/k1/k2/`), the root of one region. */
export function isRegionRoot(path: string): boolean {
  return /^\/[^/]+\/[^/]+\/$/.test(path);
}
