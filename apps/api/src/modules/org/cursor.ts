import { AppError } from '../../common/errors/app-error';

/** Keyset cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string | undefined, fields: readonly K[]): Record<K, string> | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (fields.every((f) => typeof v[f] === 'string')) return v as Record<K, string>;
  } catch {
    /* fall through */
  }
  throw AppError.validation([{ path: 'query.cursor', reason: 'invalid', message: 'unknown cursor' }]);
}

/** Fetch `limit + 1` rows; this trims the extra one and builds the next cursor from the last kept. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string>): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
