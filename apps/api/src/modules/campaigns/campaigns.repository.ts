import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
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
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM unit u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async unitsByIds(ids: readonly string[], manager?: EntityManager): Promise<UnitInfo[]> {
    if (ids.length === 0) return [];
    return this.m(manager).query(`SELECT ${UNIT_SELECT} FROM unit u WHERE u.id = ANY($1::uuid[])`, [ids]);
  }

  async unitByCode(code: string, manager?: EntityManager): Promise<UnitInfo | null> {
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM unit u WHERE u.code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** The unit and every unit below it, as the tree is now. */
  subtree(path: string, manager?: EntityManager): Promise<UnitInfo[]> {
    return this.m(manager).query(`SELECT ${UNIT_SELECT} FROM unit u WHERE u.path LIKE $1 AND u.status = 'active' ORDER BY u.depth, u.code`, [`${path}%`]);
  }

  /** Ancestors, nearest first. */
  async ancestors(unit: UnitInfo, manager?: EntityManager): Promise<UnitInfo[]> {
    const keys = unit.path.split('/').filter(Boolean).slice(0, -1);
    if (keys.length === 0) return [];
    const rows: UnitInfo[] = await this.m(manager).query(`SELECT ${UNIT_SELECT} FROM unit u WHERE u.path_key = ANY($1::text[])`, [keys]);
    return rows.sort((a, b) => b.depth - a.depth);
  }

  async userIdsWithRole(unitId: string, role: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.m(manager).query(
      `SELECT DISTINCT ra.user_id FROM role_assignment ra JOIN app_user au ON au.id = ra.user_id
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

  async listCampaigns(filter: { status?: string; q?: string }): Promise<CampaignEntity[]> {
    const qb = this.ds.manager.createQueryBuilder(CampaignEntity, 'c').orderBy('c.period_from', 'DESC').limit(200);
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

  /** Accepted values of every unit under `path` (the tree as it is now) for a milestone. */
  async acceptedValuesUnder(milestoneId: string, path: string): Promise<Array<{ unitId: string; scaled: Record<string, number> }>> {
    return this.ds.manager.query(
      `SELECT s.unit_id AS "unitId", s.scaled FROM indicator_submission s JOIN unit u ON u.id = s.unit_id
        WHERE s.milestone_id = $1 AND s.status = 'accepted' AND u.path LIKE $2`,
      [milestoneId, `${path}%`],
    );
  }

  async submissionsUnder(milestoneId: string, path: string): Promise<IndicatorSubmissionEntity[]> {
    return this.ds.manager
      .createQueryBuilder(IndicatorSubmissionEntity, 's')
      .where('s.milestone_id = :m', { m: milestoneId })
      .andWhere('s.unit_id IN (SELECT u.id FROM unit u WHERE u.path LIKE :p)', { p: `${path}%` })
      .getMany();
  }

  async modelsUnder(campaignId: string, path: string): Promise<Array<ExemplaryModelEntity & { unitName: string }>> {
    const rows: Array<Record<string, unknown>> = await this.ds.manager.query(
      `SELECT m.id, m.campaign_id AS "campaignId", m.unit_id AS "unitId", m.name, m.description, m.field, m.plan_item_id AS "planItemId",
              m.registered_at AS "registeredAt", u.name AS "unitName"
         FROM exemplary_model m JOIN unit u ON u.id = m.unit_id WHERE m.campaign_id = $1 AND u.path LIKE $2 ORDER BY m.registered_at`,
      [campaignId, `${path}%`],
    );
    return rows as unknown as Array<ExemplaryModelEntity & { unitName: string }>;
  }

  // ---------- quotas, nominations ----------

  quota(campaignId: string, unitId: string, awardForm: string, manager: EntityManager, lock = false): Promise<CommendationQuotaEntity | null> {
    return manager.findOne(CommendationQuotaEntity, { where: { campaignId, unitId, awardForm }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
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
    const rows: Array<{ name: string }> = await this.m(manager).query(`SELECT full_name AS name FROM app_user WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }
}
