import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { returnedRows } from './sql-result';

/**
 * What the org module needs to know about open work items, without depending on the workflow
 * runtime. Reorganisations (merge, dissolve) ask and move them through this port, in their own
 * transaction. The runtime may provide its own implementation under OPEN_WORK_PORT.
 */
export interface OpenWorkPort {
  countOpenItems(unitId: string, manager?: EntityManager): Promise<number>;
  listOpenItems(unitId: string, limit: number, manager?: EntityManager): Promise<Array<{ id: string; status: string }>>;
  /** Moves the open items of a unit to another; returns how many moved. */
  transferOpenItems(manager: EntityManager, fromUnitId: string, toUnitId: string): Promise<number>;
  /**
   * A subtree was re-pathed (move, merge): open items of its units take the new path so inbox
   * scope filters keep working. Closed items keep the path they had, as history must.
   */
  repathOpenItems(manager: EntityManager, oldRootPath: string, newRootPath: string): Promise<number>;
}

export const OPEN_WORK_PORT = Symbol('OPEN_WORK_PORT');

/**
 * Default port: plain SQL on `work_item` (unit_id, status; open = status <> 'final'), when that
 * table exists; before the runtime lands every unit has no open work.
 */
@Injectable()
export class SqlOpenWorkPort implements OpenWorkPort {
  constructor(private readonly dataSource: DataSource) {}

  private async columns(manager: EntityManager): Promise<Set<string>> {
    const rows: Array<{ column_name: string }> = await manager.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'work_item'`,
    );
    return new Set(rows.map((r) => r.column_name));
  }

  async countOpenItems(unitId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (!(await this.columns(manager)).has('unit_id')) return 0;
    const rows: Array<{ n: string }> = await manager.query(`SELECT count(*) AS n FROM work_item WHERE unit_id = $1 AND status <> 'final'`, [unitId]);
    return Number(rows[0]?.n ?? 0);
  }

  async listOpenItems(unitId: string, limit: number, manager: EntityManager = this.dataSource.manager): Promise<Array<{ id: string; status: string }>> {
    if (!(await this.columns(manager)).has('unit_id')) return [];
    return manager.query(`SELECT id::text AS id, status FROM work_item WHERE unit_id = $1 AND status <> 'final' ORDER BY id LIMIT $2`, [unitId, limit]);
  }

  async transferOpenItems(manager: EntityManager, fromUnitId: string, toUnitId: string): Promise<number> {
    const cols = await this.columns(manager);
    if (!cols.has('unit_id')) return 0;
    const setPath = cols.has('unit_path') ? `, unit_path = (SELECT path FROM unit WHERE id = $2)` : '';
    const res = await manager.query(`UPDATE work_item SET unit_id = $2${setPath} WHERE unit_id = $1 AND status <> 'final' RETURNING id`, [fromUnitId, toUnitId]);
    return returnedRows(res).length;
  }

  async repathOpenItems(manager: EntityManager, oldRootPath: string, newRootPath: string): Promise<number> {
    const cols = await this.columns(manager);
    let n = 0;
    for (const col of ['unit_path', 'assigned_unit_path']) {
      if (!cols.has(col)) continue;
      const res = await manager.query(
        `UPDATE work_item SET ${col} = $2 || substr(${col}, length($1) + 1) WHERE ${col} LIKE $3 AND status <> 'final' RETURNING id`,
        [oldRootPath, newRootPath, `${oldRootPath}%`],
      );
      n += returnedRows(res).length;
    }
    return n;
  }
}
