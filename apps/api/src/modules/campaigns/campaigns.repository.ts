import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CampaignStatus } from '@thidua/contracts';
import { stagesTagged, type WorkflowDefinition } from '@thidua/workflow-core';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoveredRegion } from '../../common/auth/scope';
import { pathWithinSql, regionsSql, scopeSqlNamed, sqlParams } from '../../common/auth/scope-sql';
import { OrgSql } from '../org/index';
import { WorkflowSql } from '../workflow/index';
import { PLAN_APPROVED_TAG } from './campaign-projections';
import { CampaignMilestoneEntity } from './campaign-milestone.entity';
import { CampaignEntity } from './campaign.entity';
import { CommendationQuotaEntity } from './commendation-quota.entity';
import { ExemplaryModelEntity } from './exemplary-model.entity';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';
import { NominationEntity } from './nomination.entity';

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
  memberCount: number | null;
  status: string;
  depth: number;
}

const UNIT_SELECT = `u.id, u.code, u.name, u.kind, u.path, u.parent_id AS "parentId", u.member_count AS "memberCount", u.status, u.depth`;

/** The campaigns module's only database code. Reads of the unit tree go through plain SQL on `unit`. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  // ---------- units ----------

  async unit(id: string, manager?: EntityManager): Promise<UnitInfo | null> {
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM ${OrgSql.units('u')} WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async unitsByIds(ids: readonly string[], manager?: EntityManager): Promise<UnitInfo[]> {
    if (ids.length === 0) return [];
    return this.m(manager).query(`SELECT ${UNIT_SELECT} FROM ${OrgSql.units('u')} WHERE u.id = ANY($1::uuid[])`, [ids]);
  }

  async unitByCode(code: string, manager?: EntityManager): Promise<UnitInfo | null> {
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM ${OrgSql.units('u')} WHERE u.code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** The unit and every unit below it, as the tree is now. */
  subtree(path: string, manager?: EntityManager): Promise<UnitInfo[]> {
    return this.m(manager).query(`SELECT ${UNIT_SELECT} FROM ${OrgSql.units('u')} WHERE ${pathWithinSql('u.path', '$1')} AND u.status = 'active' ORDER BY u.depth, u.code`, [`${path}%`]);
  }

  /** Ancestors, nearest first. */
  async ancestors(unit: UnitInfo, manager?: EntityManager): Promise<UnitInfo[]> {
    const keys = unit.path.split('/').filter(Boolean).slice(0, -1);
    if (keys.length === 0) return [];
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM ${OrgSql.units('u')} WHERE u.path_key = ANY($1::text[])`, [keys]);
    return rows.sort((a, b) => b.depth - a.depth);
  }

  async userIdsWithRole(unitId: string, role: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.m(manager).query(
      `SELECT DISTINCT ra.user_id FROM ${OrgSql.roleAssignments('ra')} JOIN ${OrgSql.people('au')} ON au.id = ra.user_id
        WHERE ra.unit_id = $1 AND ra.role = $2 AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now()) AND au.status = 'active'`,
      [unitId, role],
    );
    return rows.map((r) => r.user_id);
  }

  // ---------- campaigns ----------

  campaign(id: string, manager?: EntityManager, lock = false): Promise<CampaignEntity | null> {
    return this.m(manager).findOne(CampaignEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  campaignByLaunchItem(itemId: string, manager?: EntityManager): Promise<CampaignEntity | null> {
    return this.m(manager).findOne(CampaignEntity, { where: { launchItemId: itemId } });
  }

  campaignByCode(code: string, manager?: EntityManager): Promise<CampaignEntity | null> {
    return this.m(manager).findOne(CampaignEntity, { where: { code } });
  }

  /** Campaigns whose launching unit is in `scope.draft` (drafts) or `scope.issued` (past draft). */
  async listCampaigns(filter: { status?: string; q?: string }, scope: { draft: readonly CoveredRegion[]; issued: readonly CoveredRegion[] }): Promise<CampaignEntity[]> {
    const draft = scopeSqlNamed('lu.path', scope.draft, 'sd');
    const issued = scopeSqlNamed('lu.path', scope.issued, 'si');
    const qb = this.ds.manager
      .createQueryBuilder(CampaignEntity, 'c')
      .innerJoin('unit', 'lu', 'lu.id = c.launching_unit_id')
      .where(`((c.status = 'draft' AND ${draft.sql}) OR (c.status <> 'draft' AND ${issued.sql}))`, { ...draft.params, ...issued.params })
      .orderBy('c.period_from', 'DESC')
      .limit(200);
    if (filter.status) qb.andWhere('c.status = :s', { s: filter.status });
    if (filter.q) qb.andWhere('(c.code ILIKE :q OR c.title ILIKE :q)', { q: `%${filter.q}%` });
    return qb.getMany();
  }

  milestones(campaignId: string, manager?: EntityManager): Promise<CampaignMilestoneEntity[]> {
    return this.m(manager).find(CampaignMilestoneEntity, { where: { campaignId }, order: { due: 'ASC' } });
  }

  milestone(id: string, manager?: EntityManager): Promise<CampaignMilestoneEntity | null> {
    return this.m(manager).findOne(CampaignMilestoneEntity, { where: { id } });
  }

  save<T extends object>(manager: EntityManager, entity: T): Promise<T> {
    return manager.save(entity);
  }

  create<T>(manager: EntityManager, target: new () => T, values: Partial<T>): T {
    return manager.create(target, values as never) as T;
  }

  // ---------- submissions, models ----------

  submission(campaignId: string, milestoneId: string, unitId: string, manager?: EntityManager, lock = false): Promise<IndicatorSubmissionEntity | null> {
    return this.m(manager).findOne(IndicatorSubmissionEntity, { where: { campaignId, milestoneId, unitId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  submissionById(id: string, manager?: EntityManager, lock = false): Promise<IndicatorSubmissionEntity | null> {
    return this.m(manager).findOne(IndicatorSubmissionEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Accepted values of a milestone for the given units (reports: the subtree of the tree the report uses). */
  acceptedValuesOf(milestoneId: string, unitIds: readonly string[]): Promise<Array<{ unitId: string; scaled: Record<string, number> }>> {
    return this.ds.query(
      `SELECT s.unit_id AS "unitId", s.scaled FROM indicator_submission s WHERE s.milestone_id = $1 AND s.status = 'accepted' AND s.unit_id = ANY($2::uuid[])`,
      [milestoneId, unitIds],
    );
  }

  /** Accepted values of every unit under `path` (the tree as it is now) for a milestone. */
  async acceptedValuesUnder(milestoneId: string, path: string): Promise<Array<{ unitId: string; scaled: Record<string, number> }>> {
    return this.ds.manager.query(
      `SELECT s.unit_id AS "unitId", s.scaled FROM indicator_submission s JOIN ${OrgSql.units('u')} ON u.id = s.unit_id
        WHERE s.milestone_id = $1 AND s.status = 'accepted' AND ${pathWithinSql('u.path', '$2')}`,
      [milestoneId, `${path}%`],
    );
  }

  async submissionsUnder(milestoneId: string, path: string, visible: readonly CoveredRegion[]): Promise<IndicatorSubmissionEntity[]> {
    const scope = scopeSqlNamed('u.path', visible, 'v');
    return this.ds.manager
      .createQueryBuilder(IndicatorSubmissionEntity, 's')
      .where('s.milestone_id = :m', { m: milestoneId })
      .andWhere(`s.unit_id IN (SELECT u.id FROM ${OrgSql.units('u')} WHERE ${pathWithinSql('u.path', ':p')} AND ${scope.sql})`, { p: `${path}%`, ...scope.params })
      .getMany();
  }

  /**
   * The campaign's exemplary models under `path`: the models listed in the unit plans that stand at a stage
   * tagged `campaign.plan_approved` (derived from the items, never copied), plus the models registered on their
   * own (`POST /campaigns/:id/models`, e.g. by an upper union for a grassroots union below it).
   */
  async modelsUnder(campaignId: string, path: string, visible?: readonly CoveredRegion[], manager?: EntityManager): Promise<Array<ExemplaryModelEntity & { unitName: string }>> {
    const params = sqlParams(5);
    // `visible` (the caller's regions) narrows a list; a report of the unit's own subtree passes none.
    const scope = visible ? regionsSql('u.path', visible, params) : 'TRUE';
    const defs: Array<{ id: string; definition: WorkflowDefinition }> = await this.m(manager).query(`SELECT id, definition FROM ${WorkflowSql.definitions('workflow_definition')} WHERE key = 'unit_plan'`);
    const ids: string[] = [];
    const stages: string[] = [];
    for (const d of defs) {
      for (const st of stagesTagged(d.definition, PLAN_APPROVED_TAG)) {
        ids.push(d.id);
        stages.push(st);
      }
    }
    const rows: Array<Record<string, unknown>> = await this.m(manager).query(
      `SELECT * FROM (
         SELECT m.id::text AS id, m.campaign_id AS "campaignId", m.unit_id AS "unitId", m.name, m.description, m.field, m.plan_item_id AS "planItemId",
                m.registered_at AS "registeredAt", u.name AS "unitName"
           FROM exemplary_model m JOIN ${OrgSql.units('u')} ON u.id = m.unit_id WHERE m.campaign_id = $1 AND ${pathWithinSql('u.path', '$2')} AND ${scope}
         UNION ALL
         SELECT w.id::text || ':' || x.n AS id, w.campaign_id, w.unit_id, x.model->>'name', coalesce(x.model->>'description', ''), coalesce(x.model->>'field', ''), w.id,
                coalesce(w.submitted_at, w.created_at), u.name
           FROM ${WorkflowSql.items('w')} JOIN ${OrgSql.units('u')} ON u.id = w.unit_id
           CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(w.data->'models') = 'array' THEN w.data->'models' ELSE '[]'::jsonb END) WITH ORDINALITY AS x(model, n)
          WHERE w.campaign_id = $1 AND w.workflow_key = 'unit_plan' AND ${pathWithinSql('u.path', '$2')} AND ${scope}
            AND (w.definition_id, w.stage) IN (SELECT * FROM unnest($3::uuid[], $4::text[]))
            AND coalesce(x.model->>'name', '') <> ''
       ) all_models ORDER BY "registeredAt", id`,
      [campaignId, `${path}%`, ids, stages, ...params.values],
    );
    return rows as unknown as Array<ExemplaryModelEntity & { unitName: string }>;
  }

  // ---------- projections (campaign-projections.service.ts) ----------

  async userFullName(userId: string, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ fullName: string }> = await this.m(manager).query(`SELECT full_name AS "fullName" FROM ${OrgSql.people('au')} WHERE id = $1`, [userId]);
    return rows[0]?.fullName ?? null;
  }

  campaignsWithLaunchItem(manager: EntityManager): Promise<CampaignEntity[]> {
    return manager.createQueryBuilder(CampaignEntity, 'c').where('c.launch_item_id IS NOT NULL').orderBy('c.id').setLock('pessimistic_write').getMany();
  }

  async setCampaignStatus(manager: EntityManager, id: string, status: string): Promise<void> {
    await manager.query(`UPDATE campaign SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
  }

  /** Evaluation items of campaigns (the workflows whose key starts with `evaluation`). */
  evaluationItemIds(manager: EntityManager): Promise<Array<{ id: string }>> {
    return manager.query(`SELECT id FROM ${WorkflowSql.items('work_item')} WHERE campaign_id IS NOT NULL AND workflow_key LIKE 'evaluation%' AND data ? 'milestoneId' ORDER BY id`);
  }

  async removeSubmissionsExcept(manager: EntityManager, keep: readonly string[]): Promise<number> {
    const res: unknown = await manager.query(`DELETE FROM indicator_submission WHERE NOT (id = ANY($1::uuid[])) RETURNING id`, [keep]);
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const rows = Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as unknown[]) : (res as unknown[]);
    return rows.length;
  }

  async projectionSnapshot(): Promise<{ campaigns: Array<{ id: string; status: CampaignStatus }>; submissions: Array<Record<string, unknown>> }> {
    const campaigns: Array<{ id: string; status: CampaignStatus }> = await this.ds.query(`SELECT id, status FROM campaign ORDER BY id`);
    const submissions: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT campaign_id AS "campaignId", milestone_id AS "milestoneId", unit_id AS "unitId", values, scaled, self_assessment AS "selfAssessment", status,
              review_comment AS "reviewComment", submitted_by_user_id AS "submittedBy", reviewed_by_user_id AS "reviewedBy",
              submitted_at AS "submittedAt", reviewed_at AS "reviewedAt", version
         FROM indicator_submission ORDER BY campaign_id, milestone_id, unit_id`,
    );
    return { campaigns, submissions };
  }

  // ---------- quotas, nominations ----------

  quota(campaignId: string, unitId: string, awardForm: string, manager?: EntityManager, lock = false): Promise<CommendationQuotaEntity | null> {
    return this.m(manager).findOne(CommendationQuotaEntity, { where: { campaignId, unitId, awardForm }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async upsertQuota(manager: EntityManager, q: CommendationQuotaEntity): Promise<void> {
    await manager.upsert(CommendationQuotaEntity, q, ['campaignId', 'unitId', 'awardForm']);
  }

  quotas(campaignId: string): Promise<CommendationQuotaEntity[]> {
    return this.ds.manager.find(CommendationQuotaEntity, { where: { campaignId } });
  }

  /** The work items of a unit's nominations of one form in one campaign (the quota counts those not settled against). */
  async nominationItemIds(campaignId: string, unitId: string, awardForm: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ itemId: string }> = await this.m(manager).query(
      `SELECT item_id AS "itemId" FROM nomination WHERE campaign_id = $1 AND nominating_unit_id = $2 AND award_form = $3`,
      [campaignId, unitId, awardForm],
    );
    return rows.map((r) => r.itemId);
  }

  nomination(id: string, manager?: EntityManager, lock = false): Promise<NominationEntity | null> {
    return this.m(manager).findOne(NominationEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  nominationByItem(itemId: string, manager?: EntityManager): Promise<NominationEntity | null> {
    return this.m(manager).findOne(NominationEntity, { where: { itemId } });
  }

  nominationsByItems(itemIds: readonly string[], manager?: EntityManager): Promise<NominationEntity[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.m(manager).createQueryBuilder(NominationEntity, 'n').where('n.item_id = ANY(:ids)', { ids: [...itemIds] }).getMany();
  }

  /** A campaign's nominations (or every campaign's, newest campaigns' first, for the council's list), oldest first. */
  nominations(campaignId: string | null, limit = 5000): Promise<NominationEntity[]> {
    return this.ds.manager.find(NominationEntity, { where: campaignId ? { campaignId } : {}, order: { createdAt: 'ASC' }, take: limit });
  }

  async userName(id: string, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.m(manager).query(`SELECT full_name AS name FROM ${OrgSql.people('au')} WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }
}
