import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OrgSql, type UnitRow } from '../org/index';
import { WorkflowSql } from '../workflow/index';
import { pathIsAncestorSql, pathWithinSql } from '../../common/auth/scope-sql';

/** Outcomes of a unit-plan item that no longer count as the unit's plan (it may get a new one). */
export const DEAD_OUTCOMES = ['cancelled', 'withdrawn', 'closed'];

/**
 * Read queries over the runtime's `work_item` rows of a campaign (campaign_id is set on every item
 * the campaign makes), and the units they are for. The runtime owns the table; campaigns only read
 * it here and change items through ItemsService / ItemRuntime / CascadeService.
 */
@Injectable()
export class CampaignCascadeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private q<T>(m: EntityManager | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return (m ?? this.ds.manager).query(sql, params);
  }

  /** Active grassroots unions directly under the launching unit without a live plan item of the campaign. */
  directGrassrootsWithoutPlan(m: EntityManager, campaignId: string, launchingUnitId: string, limit: number): Promise<UnitRow[]> {
    return this.q<UnitRow>(
      m,
      `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM ${OrgSql.units('u')}
        WHERE u.parent_id = $2 AND u.kind = 'grassroots_union' AND u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM ${WorkflowSql.items('w')} WHERE w.campaign_id = $1 AND w.workflow_key = 'unit_plan' AND w.unit_id = u.id
                           AND (w.status <> 'final' OR w.outcome IS NULL OR NOT (w.outcome = ANY($4::text[]))))
        ORDER BY u.id LIMIT $3`,
      [campaignId, launchingUnitId, limit, DEAD_OUTCOMES],
    );
  }

  /** Open plan items the campaign made itself (no parent) whose unit is no longer directly under the launching unit. */
  strayDirectPlans(campaignId: string, launchingUnitId: string): Promise<Array<{ id: string; stage: string }>> {
    return this.q(
      undefined,
      `SELECT w.id, w.stage FROM ${WorkflowSql.items('w')} JOIN ${OrgSql.units('u')} ON u.id = w.unit_id
        WHERE w.campaign_id = $1 AND w.workflow_key = 'unit_plan' AND w.parent_item_id IS NULL AND w.status <> 'final'
          AND (u.parent_id IS DISTINCT FROM $2 OR u.status <> 'active')`,
      [campaignId, launchingUnitId],
    );
  }

  openAckItems(campaignId: string): Promise<Array<{ id: string }>> {
    return this.q(undefined, `SELECT id FROM ${WorkflowSql.items('work_item')} WHERE campaign_id = $1 AND workflow_key = 'launch_ack' AND status <> 'final' ORDER BY id`, [campaignId]);
  }

  async launchItem(id: string): Promise<{ id: string; stage: string; status: string; cascade: Record<string, unknown> | null } | null> {
    const rows = await this.q<{ id: string; stage: string; status: string; cascade: Record<string, unknown> | null }>(undefined, `SELECT id, stage, status, cascade FROM ${WorkflowSql.items('work_item')} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Per upper union under the launching unit (and the launching unit itself for direct grassroots): totals and plan figures. */
  byUnit(campaignId: string, launchingUnitId: string, launchingPath: string): Promise<
    Array<{ id: string; code: string; name: string; ackItemId: string | null; ackStage: string | null; ackSubmitted: boolean | null; grassrootsTotal: number; plansReached: number; plansSubmitted: number; plansApproved: number; plansReturned: number }>
  > {
    return this.q(
      undefined,
      `WITH heads AS (
         SELECT u.id, u.code, u.name, u.path, false AS is_root FROM ${OrgSql.units('u')} WHERE u.parent_id = $2 AND u.kind = 'upper_union' AND u.status = 'active'
         UNION ALL SELECT u.id, u.code, u.name, u.path, true FROM ${OrgSql.units('u')} WHERE u.id = $2),
       plans AS (
         SELECT DISTINCT ON (w.unit_id) w.unit_id, w.stage, w.status, w.outcome, w.submitted_at,
                EXISTS (SELECT 1 FROM ${WorkflowSql.itemEvents('e')} WHERE e.item_id = w.id AND e.event = 'return') AS was_returned
           FROM ${WorkflowSql.items('w')} WHERE w.campaign_id = $1 AND w.workflow_key = 'unit_plan' AND ${pathWithinSql('w.unit_path', '$3')}
            AND NOT (w.status = 'final' AND w.outcome = ANY($4::text[]))
          ORDER BY w.unit_id, w.created_at DESC)
       SELECT h.id, h.code, h.name,
              (SELECT a.id FROM ${WorkflowSql.items('a')} WHERE a.campaign_id = $1 AND a.workflow_key = 'launch_ack' AND a.unit_id = h.id ORDER BY a.created_at DESC LIMIT 1) AS "ackItemId",
              (SELECT a.stage FROM ${WorkflowSql.items('a')} WHERE a.campaign_id = $1 AND a.workflow_key = 'launch_ack' AND a.unit_id = h.id ORDER BY a.created_at DESC LIMIT 1) AS "ackStage",
              (SELECT a.submitted_at IS NOT NULL FROM ${WorkflowSql.items('a')} WHERE a.campaign_id = $1 AND a.workflow_key = 'launch_ack' AND a.unit_id = h.id ORDER BY a.created_at DESC LIMIT 1) AS "ackSubmitted",
              (SELECT count(*)::int FROM ${OrgSql.units('g')} WHERE g.kind = 'grassroots_union' AND g.status = 'active'
                 AND CASE WHEN h.is_root THEN g.parent_id = h.id ELSE ${pathIsAncestorSql('h.path', 'g.path')} END) AS "grassrootsTotal",
              count(p.unit_id)::int AS "plansReached",
              count(p.unit_id) FILTER (WHERE p.submitted_at IS NOT NULL)::int AS "plansSubmitted",
              count(p.unit_id) FILTER (WHERE p.status = 'final' AND p.outcome = 'approved')::int AS "plansApproved",
              count(p.unit_id) FILTER (WHERE p.was_returned AND p.status <> 'final')::int AS "plansReturned"
         FROM heads h
         LEFT JOIN ${OrgSql.units('g')} ON g.kind = 'grassroots_union' AND g.status = 'active' AND CASE WHEN h.is_root THEN g.parent_id = h.id ELSE ${pathIsAncestorSql('h.path', 'g.path')} END
         LEFT JOIN plans p ON p.unit_id = g.id
        GROUP BY h.id, h.code, h.name, h.path, h.is_root
        ORDER BY h.is_root DESC, h.code`,
      [campaignId, launchingUnitId, `${launchingPath}%`, DEAD_OUTCOMES],
    );
  }

  /** Totals over the launching unit's subtree: upper unions directly under it, grassroots unions anywhere below. */
  async totals(campaignId: string, launchingUnitId: string, launchingPath: string): Promise<{ upperTotal: number; upperReached: number; acknowledged: number; grassrootsTotal: number }> {
    const [r] = await this.q<{ upperTotal: number; upperReached: number; acknowledged: number; grassrootsTotal: number }>(
      undefined,
      `SELECT (SELECT count(*)::int FROM ${OrgSql.units('u')} WHERE u.parent_id = $2 AND u.kind = 'upper_union' AND u.status = 'active') AS "upperTotal",
              (SELECT count(DISTINCT a.unit_id)::int FROM ${WorkflowSql.items('a')} WHERE a.campaign_id = $1 AND a.workflow_key = 'launch_ack' AND NOT (a.status = 'final' AND a.outcome = ANY($4::text[]))) AS "upperReached",
              (SELECT count(DISTINCT a.unit_id)::int FROM ${WorkflowSql.items('a')} WHERE a.campaign_id = $1 AND a.workflow_key = 'launch_ack' AND a.submitted_at IS NOT NULL) AS "acknowledged",
              (SELECT count(*)::int FROM ${OrgSql.units('u')} WHERE ${pathWithinSql('u.path', '$3')} AND u.kind = 'grassroots_union' AND u.status = 'active') AS "grassrootsTotal"`,
      [campaignId, launchingUnitId, `${launchingPath}%`, DEAD_OUTCOMES],
    );
    return r;
  }

  /** Evaluation items of a milestone: unit id → item id (the latest per unit). */
  async evaluationItems(workflowKey: string, campaignId: string, milestoneId: string, unitIds: readonly string[] | null, m?: EntityManager): Promise<Map<string, { id: string; stage: string; status: string }>> {
    const rows = await this.q<{ unitId: string; id: string; stage: string; status: string }>(
      m,
      `SELECT DISTINCT ON (w.unit_id) w.unit_id AS "unitId", w.id, w.stage, w.status FROM ${WorkflowSql.items('w')}
        WHERE w.workflow_key = $1 AND w.campaign_id = $2 AND w.data->>'milestoneId' = $3 AND ($4::uuid[] IS NULL OR w.unit_id = ANY($4::uuid[]))
        ORDER BY w.unit_id, w.created_at DESC`,
      [workflowKey, campaignId, milestoneId, unitIds],
    );
    return new Map(rows.map((r) => [r.unitId, { id: r.id, stage: r.stage, status: r.status }]));
  }

  /** Active grassroots unions under a path that have no evaluation item for the milestone yet. */
  unitsWithoutEvaluation(m: EntityManager, workflowKey: string, campaignId: string, milestoneId: string, path: string, limit: number): Promise<UnitRow[]> {
    return this.q<UnitRow>(
      m,
      `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM ${OrgSql.units('u')}
        WHERE ${pathWithinSql('u.path', '$4')} AND u.kind = 'grassroots_union' AND u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM ${WorkflowSql.items('w')} WHERE w.workflow_key = $1 AND w.campaign_id = $2 AND w.unit_id = u.id AND w.data->>'milestoneId' = $3)
        ORDER BY u.id LIMIT $5`,
      [workflowKey, campaignId, milestoneId, `${path}%`, limit],
    );
  }

  /** The campaign's open item of a workflow at a unit (the latest). */
  async openItem(campaignId: string, workflowKey: string, unitId: string): Promise<{ id: string; stage: string; version: number } | null> {
    const rows = await this.q<{ id: string; stage: string; version: number }>(
      undefined,
      `SELECT id, stage, version FROM ${WorkflowSql.items('work_item')} WHERE campaign_id = $1 AND workflow_key = $2 AND unit_id = $3 AND status <> 'final' ORDER BY created_at DESC LIMIT 1`,
      [campaignId, workflowKey, unitId],
    );
    return rows[0] ?? null;
  }

  async unitRow(id: string, m?: EntityManager): Promise<UnitRow | null> {
    const rows = await this.q<UnitRow>(m, `SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path FROM ${OrgSql.units('u')} WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async lockCampaign(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM campaign WHERE id = $1 FOR UPDATE`, [id]);
  }

  async lockMilestone(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM campaign_milestone WHERE id = $1 FOR UPDATE`, [id]);
  }
}
