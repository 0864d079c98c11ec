import { Injectable } from '@nestjs/common';
import type { InboxCounts, Role } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';
import { isWithin } from '../../../common/auth/scope';
import { isRegionRoot, pathRegionSql, pathWithinSql } from '../../../common/auth/scope-sql';

/** One way a user may act on items: a role at an exact unit path, or over a subtree. */
export interface ActingScope {
  role: Role;
  path: string;
  subtree: boolean;
  workflows: string[] | null;
}

export interface InboxFilter {
  userId: string;
  scopes: ActingScope[];
  workflow?: string;
  campaignId?: string;
  stage?: string;
  unitPath?: string;
  overdue?: boolean;
  /**
   * Active (the default of the API) or suspended items. Status is not in `idx_work_item_inbox`, so `page` does not
   * filter on it in the branches (that would cost a heap visit per entry): it returns every open candidate with its
   * status and the service skips the others. `counts` filters after its join to the table.
   */
  status?: 'active' | 'suspended';
  now: Date;
}

export interface InboxRow {
  id: string;
  workflowKey: string;
  title: string;
  unitId: string;
  unitPath: string;
  /** Name and code of the item's unit, joined by primary key for the page's rows only. */
  unitName: string;
  unitCode: string;
  stage: string;
  status: 'active' | 'suspended';
  assignedRole: Role | null;
  assignedUnitPath: string | null;
  assignedUserId: string | null;
  /** When the holder started the work (the snapshot's `assignment.startedAt`), read for the page's rows only. */
  startedAt: string | null;
  dueAt: Date | null;
  campaignId: string | null;
  updatedAt: Date;
  version: number;
  /** The sort key as the database prints it (microseconds kept, so the cursor is exact). */
  sortKey: string;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * The inbox query. Each acting scope becomes one branch that walks `idx_work_item_inbox`
 * (role, path prefix or exact path; open items only) and keeps its own top-N by (due_at, id);
 * the branches are merged and cut to the page. Only the page's rows are then read from the heap.
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One WHERE per acting scope, then the direct branch. With `byRegion` (the page in deadline order) a subtree scope
   * rooted at depth 2 — a province — is written as an equality on its region instead of a path prefix: the same
   * entries (see `pathRegionSql`), but a shape only `idx_work_item_inbox_region` (role, region, deadline order)
   * answers, walked in order and stopped at the page's LIMIT, whatever the planner guesses of the subtree's size
   * (PostgreSQL 15 estimates a province's prefix at ~800 entries of its 20,000 and would read them all to sort them).
   * Not for `status=suspended` (status is in neither index; the small `idx_work_item_suspended` answers that by path).
   */
  private branches(f: InboxFilter, p: Params, extra: (alias: string) => string[], byStatus: boolean, byRegion = false): string[] {
    const me = p.add(f.userId);
    let nowParam: string | undefined;
    const now = (): string => (nowParam ??= `${p.add(f.now.toISOString())}::timestamptz`);
    const common = (alias: string): string[] => {
      const w = [`${alias}.status <> 'final'`];
      if (byStatus && f.status) w.push(`${alias}.status = ${p.add(f.status)}`);
      if (f.workflow) w.push(`${alias}.workflow_key = ${p.add(f.workflow)}`);
      if (f.stage) w.push(`${alias}.stage = ${p.add(f.stage)}`);
      if (f.campaignId) w.push(`${alias}.campaign_id = ${p.add(f.campaignId)}`);
      if (f.unitPath) w.push(pathWithinSql(`${alias}.unit_path`, p.add(`${f.unitPath}%`)));
      if (f.overdue) w.push(`${alias}.due_at < ${p.add(f.now.toISOString())}`);
      return [...w, ...extra(alias)];
    };
    const out: string[] = [];
    for (const s of f.scopes) {
      const w = common('i');
      w.push(`i.assigned_role = ${p.add(s.role)}`);
      if (s.subtree && byRegion && isRegionRoot(s.path)) w.push(`${pathRegionSql('i.assigned_unit_path')} = ${p.add(s.path)}`);
      else w.push(s.subtree ? pathWithinSql('i.assigned_unit_path', p.add(`${s.path}%`)) : `i.assigned_unit_path = ${p.add(s.path)}`);
      // Unassigned only: the items assigned to the user come from the direct branch below, so a scope branch and
      // the direct one never return the same item (the counts can then add them up without a dedupe).
      w.push(`i.assigned_user_id IS NULL`);
      // Separation of duties: an item is never offered to someone its stage bars (the column is in both indexes).
      w.push(`NOT (${me}::uuid = ANY(i.excluded_user_ids))`);
      if (s.workflows) w.push(`i.workflow_key = ANY(${p.add(s.workflows)}::text[])`);
      // Late offering (workflow-core isOfferedNow): not before `offered_from`, and only while the reader holds fewer
      // open items than `offer_queue_below` (the count is one InitPlan, read only for items that set a limit).
      w.push(`(i.offered_from IS NULL OR i.offered_from <= ${now()})`);
      w.push(`(i.offer_queue_below IS NULL OR i.offer_queue_below > (SELECT count(*) FROM work_item q WHERE q.assigned_user_id = ${me} AND q.status <> 'final'))`);
      out.push(w.join(' AND '));
    }
    const direct = common('i');
    direct.push(`i.assigned_user_id = ${me}`);
    out.push(direct.join(' AND '));
    return out;
  }

  /**
   * Whether two scope branches may return the same item: same role and one path within (or equal to) the other.
   * Branches of different roles, or of disjoint paths, are disjoint (an item has one assigned role and unit), and
   * the direct branch is disjoint from all of them; then the branches can be concatenated (UNION ALL) rather
   * than deduplicated, which at 20,000 entries is most of the counts' time.
   */
  private static overlapping(scopes: ActingScope[]): boolean {
    const within = (a: ActingScope, b: ActingScope): boolean => (b.subtree ? isWithin(a.path, b.path) : a.path === b.path);
    for (let i = 0; i < scopes.length; i += 1) {
      for (let j = i + 1; j < scopes.length; j += 1) {
        const [a, b] = [scopes[i], scopes[j]];
        if (a.role === b.role && (within(a, b) || within(b, a))) return true;
      }
    }
    return false;
  }

  /**
   * Up to `limit` open candidates after the keyset position, in order. With `statusInBranches` false (the common
   * case: active items) the status is only read for the page's rows, so each branch stays an index-only scan; the
   * caller skips rows of the other status and asks for more when it needs to.
   */
  async page(f: InboxFilter, sort: 'due_at' | 'updated_at', after: { key: string; id: string } | null, limit: number, statusInBranches = false): Promise<InboxRow[]> {
    const p = new Params();
    const sortExpr = (a: string): string => (sort === 'due_at' ? `COALESCE(${a}.due_at, 'infinity'::timestamptz)` : `${a}.updated_at`);
    const keyset = (a: string): string[] => (after ? [`(${sortExpr(a)}, ${a}.id) > (${p.add(after.key)}::timestamptz, ${p.add(after.id)}::uuid)`] : []);
    const lim = p.add(limit);
    const branches = this.branches(f, p, keyset, statusInBranches, sort === 'due_at' && !statusInBranches).map((w) => `(SELECT i.id, ${sortExpr('i')} AS sk FROM work_item i WHERE ${w} ORDER BY 2, 1 LIMIT ${lim})`);
    const sql = `WITH cand AS (${branches.join(' UNION ')}),
      top AS (SELECT id, sk FROM cand ORDER BY sk, id LIMIT ${lim})
      SELECT i.id, i.workflow_key AS "workflowKey", i.title, i.unit_id AS "unitId", i.unit_path AS "unitPath",
             u.name AS "unitName", u.code AS "unitCode", i.stage, i.status,
             i.assigned_role AS "assignedRole", i.assigned_unit_path AS "assignedUnitPath", i.assigned_user_id AS "assignedUserId",
             i.snapshot #>> '{assignment,startedAt}' AS "startedAt", i.due_at AS "dueAt", i.campaign_id AS "campaignId", i.updated_at AS "updatedAt", i.version, top.sk::text AS "sortKey"
        FROM top JOIN work_item i ON i.id = top.id JOIN ${OrgSql.units('u')} ON u.id = i.unit_id ORDER BY top.sk, top.id`;
    return rowsOf<InboxRow>(await this.dataSource.query(sql, p.values));
  }

  /**
   * Counts by workflow and stage, over the index only: every branch is an index-only scan of
   * idx_work_item_inbox (workflow_key, stage and due_at are in it; UNION dedupes an item two overlapping scopes
   * reach, UNION ALL when no two scopes overlap).
   * Status is not in that index: the active items are the open ones less the suspended ones, which are
   * counted the same way over the small idx_work_item_suspended. Filters on columns outside the index
   * (campaign, unit subtree) read the table for the entries of the scope.
   */
  async counts(f: InboxFilter, byUnit?: { limit: number; offset: number }): Promise<InboxCounts> {
    // One statement (one snapshot): the open entries and the suspended ones, each grouped by workflow and stage.
    const p = new Params();
    const union = InboxRepository.overlapping(f.scopes) ? ' UNION ' : ' UNION ALL ';
    const now = p.add(f.now.toISOString());
    const part = (name: 'open' | 'suspended'): string => {
      const extra = (a: string): string[] => (name === 'suspended' ? [`${a}.status = 'suspended'`] : []);
      const branches = this.branches(f, p, extra, false).map((w) => `SELECT i.id, i.workflow_key, i.stage, i.due_at FROM work_item i WHERE ${w}`);
      return `SELECT '${name}' AS part, workflow_key AS workflow, stage, count(*) AS n, count(*) FILTER (WHERE due_at < ${now}) AS overdue
                FROM (${branches.join(union)}) ids GROUP BY 2, 3`;
    };
    const parts = f.status === 'suspended' ? [part('suspended')] : [part('open'), part('suspended')];
    const rows = rowsOf<{ part: 'open' | 'suspended'; workflow: string; stage: string; n: string; overdue: string }>(await this.dataSource.query(parts.join(' UNION ALL '), p.values));
    const byStage = new Map<string, { workflow: string; stage: string; count: number; overdue: number }>();
    for (const r of rows) {
      // Active = open less suspended; a suspended item's deadline is paused, so it is never overdue.
      const sign = f.status === 'suspended' || r.part === 'open' ? 1 : -1;
      const k = `${r.workflow}\u0000${r.stage}`;
      const s = byStage.get(k) ?? { workflow: r.workflow, stage: r.stage, count: 0, overdue: 0 };
      s.count += sign * Number(r.n);
      if (f.status !== 'suspended') s.overdue += sign * Number(r.overdue);
      byStage.set(k, s);
    }
    const stages = [...byStage.values()].filter((s) => s.count > 0).sort((a, b) => b.count - a.count || a.workflow.localeCompare(b.workflow) || a.stage.localeCompare(b.stage));
    const out: InboxCounts = {
      total: stages.reduce((n, s) => n + s.count, 0),
      overdue: stages.reduce((n, s) => n + s.overdue, 0),
      byStage: stages.map(({ workflow, stage, count }) => ({ workflow, stage, count })),
    };
    if (byUnit) Object.assign(out, await this.countsByUnit(f, byUnit));
    return out;
  }

  /** One page of per-unit counts (most waiting first, then by unit id): reads the table for the scope's entries. */
  private async countsByUnit(f: InboxFilter, page: { limit: number; offset: number }): Promise<Pick<InboxCounts, 'byUnit' | 'nextUnitOffset'>> {
    const p = new Params();
    const branches = this.branches(f, p, () => [], false).map((w) => `SELECT i.id FROM work_item i WHERE ${w}`);
    const status = f.status ? `WHERE i.status = ${p.add(f.status)}` : '';
    const lim = p.add(page.limit + 1);
    const off = p.add(page.offset);
    const rows = rowsOf<{ unitId: string; unitName: string; unitCode: string; n: string }>(
      await this.dataSource.query(
        `WITH ids AS (${branches.join(InboxRepository.overlapping(f.scopes) ? ' UNION ' : ' UNION ALL ')}),
         g AS (SELECT i.unit_id, count(*) AS n FROM ids JOIN work_item i ON i.id = ids.id ${status} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${lim} OFFSET ${off})
         SELECT g.unit_id AS "unitId", u.name AS "unitName", u.code AS "unitCode", g.n FROM g JOIN ${OrgSql.units('u')} ON u.id = g.unit_id ORDER BY g.n DESC, g.unit_id`,
        p.values,
      ),
    );
    return {
      byUnit: rows.slice(0, page.limit).map((r) => ({ unitId: r.unitId, unitName: r.unitName, unitCode: r.unitCode, count: Number(r.n) })),
      nextUnitOffset: rows.length > page.limit ? page.offset + page.limit : null,
    };
  }
}
