import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface SavedFilterRecord {
  id: string;
  userId: string;
  page: string;
  name: string;
  filters: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, user_id AS "userId", page, name, filters, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The only class that queries `saved_filter`. Every statement is keyed by the owner: nobody reaches another's row. */
@Injectable()
export class SavedFilterRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  list(userId: string, page: string): Promise<SavedFilterRecord[]> {
    return this.m().query(`SELECT ${COLUMNS} FROM saved_filter WHERE user_id = $1 AND page = $2 ORDER BY name, id`, [userId, page]);
  }

  async findOwn(userId: string, id: string, manager?: EntityManager, lock = false): Promise<SavedFilterRecord | null> {
    const rows: SavedFilterRecord[] = await this.m(manager).query(`SELECT ${COLUMNS} FROM saved_filter WHERE id = $1 AND user_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, userId]);
    return rows[0] ?? null;
  }

  /**
   * Whether the user has another filter of this name on this page, whatever the case. The case is folded here, not
   * with SQL's lower(): that follows the database's locale, and a C-locale database (the embedded default) does not
   * lower "Ầ". The transaction-scoped advisory lock on (user, page) makes the check and the write one step for
   * concurrent requests of the same user.
   */
  async nameTaken(userId: string, page: string, name: string, exceptId: string | null, manager: EntityManager): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`saved_filter:${userId}:${page}`]);
    const rows: Array<{ id: string; name: string }> = await manager.query(`SELECT id, name FROM saved_filter WHERE user_id = $1 AND page = $2`, [userId, page]);
    const key = foldCase(name);
    return rows.some((r) => r.id !== exceptId && foldCase(r.name) === key);
  }

  async insert(row: { userId: string; page: string; name: string; filters: Record<string, string> }, manager: EntityManager): Promise<SavedFilterRecord> {
    const rows: SavedFilterRecord[] = await manager.query(`INSERT INTO saved_filter (user_id, page, name, filters) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`, [
      row.userId,
      row.page,
      row.name,
      JSON.stringify(row.filters),
    ]);
    return rows[0]!;
  }

  async update(userId: string, id: string, patch: { name: string; filters: Record<string, string> }, manager: EntityManager): Promise<SavedFilterRecord> {
    const rows: [SavedFilterRecord[], number] = await manager.query(
      `UPDATE saved_filter SET name = $3, filters = $4::jsonb, updated_at = now() WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, patch.name, JSON.stringify(patch.filters)],
    );
    return rows[0][0]!;
  }

  async delete(userId: string, id: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM saved_filter WHERE id = $1 AND user_id = $2`, [id, userId]);
  }
}

/** Case-folded, canonically composed: "TUẦN NÀY" and "Tuần này" are one name. */
function foldCase(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
