import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { UnitRow } from '../engine/org-gateway';
import { rowsOf } from '../engine/sql';

export interface ChildSelection {
  rootUnitId: string;
  rootPath: string;
  selector: { kind: string; unitKind?: string };
  withdrawnPaths: readonly string[];
}

/** SQL over `unit` choosing a fan-out's children (the workflow-core ChildSelector, as a query). */
function selectionSql(sel: ChildSelection, firstParam: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const where = [`u.status = 'active'`, `u.id <> ${p(sel.rootUnitId)}::uuid`];
  if (sel.selector.kind === 'children_of_kind') where.push(`u.parent_id = ${p(sel.rootUnitId)}::uuid`);
  else where.push(`u.path LIKE ${p(`${sel.rootPath}%`)}`);
  if (sel.selector.unitKind) where.push(`u.kind = ${p(sel.selector.unitKind)}`);
  if (sel.withdrawnPaths.length > 0) where.push(`NOT (u.path LIKE ANY(${p(sel.withdrawnPaths.map((w) => `${w}%`))}::text[]))`);
  return { sql: where.join(' AND '), params };
}

@Injectable()
export class CascadeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async countSelected(sel: ChildSelection, m?: EntityManager): Promise<number> {
    const s = selectionSql(sel, 1);
    return Number(rowsOf<{ n: string }>(await (m ?? this.dataSource).query(`SELECT count(*) AS n FROM unit u WHERE ${s.sql}`, s.params))[0].n);
  }

  /** The next batch of selected units after `afterUnitId`, in id order (resumable). */
  async selectBatch(sel: ChildSelection, afterUnitId: string | null, limit: number, m?: EntityManager): Promise<UnitRow[]> {
    const s = selectionSql(sel, 3);
    return rowsOf<UnitRow>(
      await (m ?? this.dataSource).query(
        `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM unit u
          WHERE ($1::uuid IS NULL OR u.id > $1) AND ${s.sql} ORDER BY u.id LIMIT $2`,
        [afterUnitId, limit, ...s.params],
      ),
    );
  }

  /** Selected units that have no child item of the parent yet (joined the subtree after the cascade). */
  async missingChildren(parentId: string, sel: ChildSelection, limit: number): Promise<UnitRow[]> {
    const s = selectionSql(sel, 3);
    return rowsOf<UnitRow>(
      await this.dataSource.query(
        `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM unit u
          WHERE ${s.sql} AND NOT EXISTS (SELECT 1 FROM work_item c WHERE c.parent_item_id = $1 AND c.unit_id = u.id)
          ORDER BY u.id LIMIT $2`,
        [parentId, limit, ...s.params],
      ),
    );
  }

  /** Open children whose unit is no longer selected (moved out, dissolved, merged away). */
  async strayChildren(parentId: string, sel: ChildSelection, carriedOver: readonly string[], limit: number): Promise<Array<{ id: string; unitId: string }>> {
    const s = selectionSql(sel, 4);
    return rowsOf(
      await this.dataSource.query(
        `SELECT c.id, c.unit_id AS "unitId" FROM work_item c
          WHERE c.parent_item_id = $1 AND c.status <> 'final'
            AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = c.unit_id AND ${s.sql})
            AND NOT (c.id = ANY($3::uuid[]))
          ORDER BY c.id LIMIT $2`,
        [parentId, limit, carriedOver, ...s.params],
      ),
    );
  }
}
