/**
 * TypeORM's postgres `query()` answers UPDATE/DELETE with `[rows, rowCount]` and everything else
 * with the rows: this gives the rows in both cases.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * The `SET` list of an UPDATE for the entries of a patch that are not undefined (null is written).
 * Parameters start at $2: $1 is kept for the row's id.
 */
export function setClause(columns: Record<string, unknown>): { sql: string; params: unknown[] } {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  return { sql: entries.map(([col], i) => `${col} = $${i + 2}`).join(', '), params: entries.map(([, v]) => v) };
}
