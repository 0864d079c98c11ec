import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql, type UnitRow } from '../../org/index';
import { rowsOf } from '../engine/sql';
import type { OutboxMessage } from '../outbox/outbox.repository';
import { pathWithinAnySql, pathWithinSql } from '../../../common/auth/scope-sql';

/**
 * What every child of a batch shares, with placeholders (@@UNIT@@, @@PARENT@@, @@PATH@@, @@PPATH@@,
 * @@TITLE@@, @@ITEM@@, @@USER@@) where each child's own values go (see cascade-children.ts).
 */
export interface ChildTemplate {
  definitionId: string;
  workflowKey: string;
  workflowVersion: number;
  campaignId: string | null;
  parentItemId: string;
  titlePrefix: string;
  stage: string;
  status: string;
  /** The snapshot's JSON text with placeholders. */
  snapshot: string;
  assignedTo: 'none' | 'self' | 'parent';
  assignedRole: string | null;
  dueAt: string | null;
  submitterId: string | null;
  event: { details: Record<string, unknown>; requestId: string | null };
  timers: Array<{ key: string; kind: string; stage: string; fireAt: string }>;
  /** Outbox rows: payload JSON text with placeholders. */
  messages: Array<{ topic: string; payload: string }>;
}

/** SQL filling a template text for the child of unit s (alias s: id, parent_id, path, parent_path, title) and item `item`. */
function fill(text: string, item: string | null): string {
  const inner = (x: string): string => `substr(to_jsonb(${x})::text, 2, length(to_jsonb(${x})::text) - 2)`;
  let sql = text;
  if (item) sql = `replace(${sql}, '@@ITEM@@', ${item}::text)`;
  // The person each child's work was allocated to (the batch's allocation pass), by unit in $19.
  sql = `replace(${sql}, '@@USER@@', COALESCE($19::jsonb -> s.id::text ->> 'userId', ''))`;
  return `replace(replace(replace(replace(replace(${sql}, '@@UNIT@@', s.id::text), '@@PARENT@@', COALESCE(s.parent_id::text, '')),
          '@@PATH@@', ${inner('s.path')}), '@@PPATH@@', ${inner("COALESCE(s.parent_path, '')")}), '@@TITLE@@', ${inner('s.title')})`;
}

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
  else where.push(pathWithinSql('u.path', p(`${sel.rootPath}%`)));
  if (sel.selector.unitKind) where.push(`u.kind = ${p(sel.selector.unitKind)}`);
  if (sel.withdrawnPaths.length > 0) where.push(`NOT (${pathWithinAnySql('u.path', `${p(sel.withdrawnPaths.map((w) => `${w}%`))}::text[]`)})`);
  return { sql: where.join(' AND '), params };
}

@Injectable()
export class CascadeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async countSelected(sel: ChildSelection, m?: EntityManager): Promise<number> {
    const s = selectionSql(sel, 1);
    return Number(rowsOf<{ n: string }>(await (m ?? this.dataSource).query(`SELECT count(*) AS n FROM ${OrgSql.units('u')} WHERE ${s.sql}`, s.params))[0].n);
  }

  /** The next batch of selected units after `afterUnitId`, in id order (resumable). */
  async selectBatch(sel: ChildSelection, afterUnitId: string | null, limit: number, m?: EntityManager): Promise<UnitRow[]> {
    const s = selectionSql(sel, 3);
    return rowsOf<UnitRow>(
      await (m ?? this.dataSource).query(
        `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM ${OrgSql.units('u')}
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
        `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM ${OrgSql.units('u')}
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
            AND NOT EXISTS (SELECT 1 FROM ${OrgSql.units('u')} WHERE u.id = c.unit_id AND ${s.sql})
            AND NOT (c.id = ANY($3::uuid[]))
          ORDER BY c.id LIMIT $2`,
        [parentId, limit, carriedOver, ...s.params],
      ),
    );
  }

  /**
   * One batch of fan-out children in ONE statement: the items (one per unit; a unit that already has
   * its child is skipped by UNIQUE (parent_item_id, unit_id)), their `create` history rows, their timers
   * and outbox rows, each an INSERT … SELECT over the batch's units (data-modifying CTEs).
   */
  async insertChildren(m: EntityManager, t: ChildTemplate, unitIds: readonly string[], allocated: Readonly<Record<string, { userId: string; audit: unknown[] }>> = {}): Promise<{ rows: Array<{ id: string; unitId: string }>; outbox: OutboxMessage[] }> {
    const rows = rowsOf<{ kind: 'item' | 'outbox'; id: string; unitId: string | null; topic: string | null; payload: Record<string, unknown> | null }>(
      await m.query(
        `WITH s AS (
           SELECT u.id, u.parent_id, u.path, p.path AS parent_path, $2::text || u.name AS title
             FROM ${OrgSql.units('u')} LEFT JOIN ${OrgSql.units('p')} ON p.id = u.parent_id
            WHERE u.id = ANY($1::uuid[])
         ), ins AS (
           INSERT INTO work_item (id, definition_id, workflow_key, workflow_version, unit_id, unit_path, campaign_id, parent_item_id, title,
                                  stage, status, outcome, data, snapshot, assigned_unit_id, assigned_unit_path, assigned_role, assigned_user_id,
                                  due_at, submitter_id, created_by)
           SELECT gen_random_uuid(), $3::uuid, $4, $5, s.id, s.path, $6::uuid, $7::uuid, s.title, $8, $9, NULL, '{}'::jsonb, (${fill('$10::text', null)})::jsonb,
                  CASE $11 WHEN 'self' THEN s.id WHEN 'parent' THEN s.parent_id END,
                  CASE $11 WHEN 'self' THEN s.path WHEN 'parent' THEN s.parent_path END,
                  $12, ($19::jsonb -> s.id::text ->> 'userId')::uuid, $13::timestamptz, $14::uuid, NULL
             FROM s ORDER BY s.id
           ON CONFLICT ON CONSTRAINT uq_work_item_parent_unit DO NOTHING
           RETURNING id, unit_id
         ), ev AS (
           INSERT INTO work_item_event (item_id, item_version, event, actor_user_id, on_behalf_of_user_id, actor_unit_path, from_stage, to_stage, comment, changes, details, request_id)
           SELECT ins.id, 1, 'create', NULL, NULL, NULL, NULL, $8, NULL, '{}'::jsonb,
                  CASE WHEN $19::jsonb ? ins.unit_id::text THEN $15::jsonb || jsonb_build_object('audit', $19::jsonb -> ins.unit_id::text -> 'audit') ELSE $15::jsonb END, $16
             FROM ins
         ), tm AS (
           INSERT INTO workflow_timer (item_id, key, kind, stage, fire_at)
           SELECT ins.id, ${fill('t.key', 'ins.id')}, t.kind, t.stage, t."fireAt"
             FROM ins JOIN s ON s.id = ins.unit_id CROSS JOIN jsonb_to_recordset($17::jsonb) AS t(key text, kind text, stage text, "fireAt" timestamptz)
           ON CONFLICT ON CONSTRAINT uq_workflow_timer_item_key DO UPDATE SET fire_at = EXCLUDED.fire_at, status = 'pending', fired_at = NULL, result = NULL
         ), ob AS (
           INSERT INTO outbox (topic, payload)
           SELECT o.topic, (${fill('o.payload', 'ins.id')})::jsonb
             FROM ins JOIN s ON s.id = ins.unit_id CROSS JOIN jsonb_to_recordset($18::jsonb) AS o(topic text, payload text)
           RETURNING id, topic, payload
         )
         SELECT 'item' AS kind, id::text AS id, unit_id::text AS "unitId", NULL::text AS topic, NULL::jsonb AS payload FROM ins
         UNION ALL
         SELECT 'outbox', id::text, NULL, topic, payload FROM ob`,
        [
          unitIds, t.titlePrefix, t.definitionId, t.workflowKey, t.workflowVersion, t.campaignId, t.parentItemId, t.stage, t.status, t.snapshot,
          t.assignedTo, t.assignedRole, t.dueAt, t.submitterId, JSON.stringify(t.event.details), t.event.requestId, JSON.stringify(t.timers), JSON.stringify(t.messages),
          JSON.stringify(allocated),
        ],
      ),
    );
    return {
      rows: rows.filter((r) => r.kind === 'item').map((r) => ({ id: r.id, unitId: r.unitId as string })),
      outbox: rows.filter((r) => r.kind === 'outbox').map((r) => ({ id: r.id, topic: r.topic as string, payload: r.payload as Record<string, unknown> })),
    };
  }
}
