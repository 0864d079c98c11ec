import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { createCampaignSchema, type IndicatorSpec } from '@thidua/contracts';
import type { Principal } from '../../common/auth/principal';
import { rootLogger } from '../../common/logging/logger';
import type { DemoSeeder } from '../../seed/seed.service';
import { DocumentNumberingService } from '../documents/index';
import { OrgSql } from '../org/index';
import { CascadeService, DefaultDefinitionsSeeder, ItemRuntime, WorkflowSql } from '../workflow/index';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { EvaluationsService } from './evaluations.service';

interface Fixture {
  campaign: {
    code: string;
    title: string;
    period: { from: string; to: string };
    launchingUnit: string;
    legalBasis: string[];
    reviews: Array<{ kind: 'so_ket' | 'tong_ket'; label: string; due: string }>;
    indicators: Array<Omit<IndicatorSpec, 'rollup'> & { rollup: string }>;
  };
}

/** Demo values at a few units (accepted, submitted, returned), so the campaign is visibly in progress. */
const DEMO_VALUES: Array<{ unit: string; values: Record<string, number | boolean>; review: 'accept' | 'return' | null }> = [
  { unit: 'CDCS-YT-BVDK', values: { propaganda_done: true, member_participation_pct: 99, office_culture_rules: true, citizen_very_satisfied_pct: 96.5, citizen_responses: 420, models_registered: 2 }, review: 'accept' },
  { unit: 'CDCS-YT-TCYT', values: { propaganda_done: true, member_participation_pct: 97.5, office_culture_rules: true, citizen_very_satisfied_pct: 94, citizen_responses: 150, models_registered: 1 }, review: 'accept' },
  { unit: 'CDCS-VC-VPUBND', values: { propaganda_done: true, member_participation_pct: 100, office_culture_rules: true, citizen_very_satisfied_pct: 97, citizen_responses: 800, models_registered: 1 }, review: 'accept' },
  { unit: 'CDCS-VC-KHUYENNONG', values: { propaganda_done: true, member_participation_pct: 95, office_culture_rules: false, models_registered: 0 }, review: 'return' },
  { unit: 'CDCS-GD-THPT01', values: { propaganda_done: true, member_participation_pct: 98, office_culture_rules: true, models_registered: 1 }, review: null },
];

const PLAN = { goals: 'Xây dựng văn hóa công sở, chuẩn mực giao tiếp, ứng xử', measures: 'Tuyên truyền, ký cam kết thực hiện, đưa nội dung vào quy chế nội bộ', timeline: 'Quý IV/2019 - năm 2025' };

/** Unit plans in the demo: submitted at these units, then approved, returned with a comment, or left waiting. */
const DEMO_PLANS: Array<{ unit: string; review: 'approve' | 'return' | null; models?: Array<{ name: string; description?: string; field?: string }>; guidance?: string }> = [
  { unit: 'CDCS-YT-BVDK', review: 'approve', models: [{ name: 'Đổi mới phong cách thái độ phục vụ của nhân viên y tế hướng tới sự hài lòng người bệnh', field: 'y tế' }] },
  { unit: 'CDCS-YT-TCYT', review: 'approve' },
  { unit: 'CDCS-GD-THPT01', review: 'approve', models: [{ name: 'Trường học thân thiện, văn minh', field: 'giáo dục' }] },
  { unit: 'CDCS-GD-THPT02', review: null },
  { unit: 'CDCS-VC-VPUBND', review: 'approve' },
  { unit: 'CDCS-VC-KHUYENNONG', review: 'return' },
  { unit: 'CDCS-NS-MIADUONG', review: null },
  { unit: 'CDCS-TB-VP', review: null },
  { unit: 'CDCS-NT-CQ', review: 'approve' },
];

/** Upper unions that attach their own guidance to the acknowledgement. */
const GUIDANCE: Record<string, { guidanceRef: string; guidanceNote: string }> = {
  'CDN-YT': { guidanceRef: '25/HD-CĐN', guidanceNote: 'Hướng dẫn triển khai trong các cơ sở y tế: gắn với đổi mới phong cách phục vụ người bệnh.' },
  'CDN-GD': { guidanceRef: '12/HD-CĐN', guidanceNote: 'Gắn với phong trào trường học thân thiện.' },
};

/**
 * Loads the Ninh Thuận campaign of apps/api/data/ninh-thuan-2019.json in progress, through the
 * services and the workflow runtime: the launch item submitted and approved, the plan signed as
 * 72/KH-LĐLĐ on 13/11/2019 through the one numbering register, the cascade done (every upper union
 * acknowledged, some with guidance; every grassroots union has its unit plan), several plans
 * submitted, some approved, one returned with a comment, and mid-term values at some units (some
 * accepted, one returned). Idempotent: keyed by the campaign code. Needs the org seeder's units and
 * users; without them it skips.
 */
@Injectable()
export class DemoCampaignSeeder implements DemoSeeder {
  readonly name = 'campaigns';

  constructor(
    private readonly repo: CampaignsRepository,
    private readonly numbering: DocumentNumberingService,
    private readonly campaigns: CampaignsService,
    private readonly evaluations: EvaluationsService,
    private readonly definitions: DefaultDefinitionsSeeder,
    private readonly cascadeRepo: CampaignCascadeRepository,
    private readonly cascades: CascadeService,
    private readonly runtime: ItemRuntime,
  ) {}

  async seed(): Promise<{ created: number }> {
    const fixture = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'data', 'ninh-thuan-2019.json'), 'utf8')) as Fixture;
    const f = fixture.campaign;
    if (await this.repo.campaignByCode(f.code)) return { created: 0 };
    // Runs after the org seeder; the workflow definitions are published here if they are not yet
    // (SeedService order does not depend on module init order, and a test may have emptied them).
    await this.definitions.seed();
    const province = await this.repo.unitByCode(f.launchingUnit);
    if (!province) {
      rootLogger().warn({ unit: f.launchingUnit }, 'demo campaign skipped: launching unit not loaded');
      return { created: 0 };
    }
    const officer = await this.principalOf('tdkt.tinh');
    const chair = await this.principalOf('chutich.tinh');
    if (!officer || !chair) {
      rootLogger().warn('demo campaign skipped: demo users not loaded');
      return { created: 0 };
    }
    const input = createCampaignSchema.parse({
      code: f.code,
      title: f.title,
      period: f.period,
      launchingUnitId: province.id,
      legalBasis: f.legalBasis,
      criteria: ['Kỷ cương, kỷ luật hành chính', 'Chuẩn mực trong giao tiếp, ứng xử', 'Xây dựng cơ quan xanh, sạch, đẹp', 'Cải cách hành chính, ứng dụng công nghệ thông tin'],
      // The fixture names the weighted rule after its weight (`weighted_by_responses`); here it is `weighted_by_field`.
      indicators: f.indicators.map((i) => ({ ...i, rollup: i.rollup.startsWith('weighted_by_') && i.rollup !== 'weighted_by_members' ? 'weighted_by_field' : i.rollup })),
      milestones: f.reviews.map((r) => ({ kind: r.kind, label: r.label, due: r.due })),
    });
    await this.repo.transaction(async (m) => {
      await this.numbering.saveIssuerProfile(m, province.id, { abbreviation: 'LĐLĐ', parentBodyName: 'TỔNG LĐLĐ VIỆT NAM', issuingBodyName: 'LĐLĐ TỈNH NINH THUẬN', place: 'Ninh Thuận', councilAbbreviation: 'HĐTĐKT' });
      // The province had issued 71 documents in 2019 before this system: the plan takes number 72, as it did.
      await this.numbering.startAfter(m, province.id, 2019, 'main', 71);
    });
    const campaign = await this.campaigns.create(officer, input);
    await this.campaigns.submitPlan(officer, campaign.id, { body: [], signerName: 'Trần Văn Đông' });
    await this.campaigns.approveLaunch(chair, campaign.id, { signedOn: '2019-11-13' });
    let created = 1;
    created += await this.runCascade(campaign.id, chair);
    created += await this.demoPlans(campaign.id);
    const soKet = campaign.milestones.find((x) => x.kind === 'so_ket')!;
    for (const d of DEMO_VALUES) {
      const unit = await this.repo.unitByCode(d.unit);
      if (!unit) continue;
      const unitOfficer = await this.principalOfUnit(unit.id, 'officer');
      if (!unitOfficer) continue;
      const s = await this.evaluations.submit(unitOfficer, campaign.id, soKet.id, { unitId: unit.id, values: d.values });
      created++;
      if (!d.review || !unit.parentId) continue;
      const supervisor = await this.principalOfUnit(unit.parentId, 'supervisor');
      if (supervisor) await this.evaluations.review(supervisor, s.id, { decision: d.review, comment: d.review === 'return' ? 'Đề nghị bổ sung số phiếu khảo sát người dân.' : undefined });
    }
    return { created };
  }

  /**
   * The launch's fan-out to the upper unions, their acknowledgements (some with guidance) and their
   * fan-outs to the grassroots unions, run to the end here (the same jobs the outbox dispatches are
   * idempotent, so they find nothing left to do).
   */
  private async runCascade(campaignId: string, chair: Principal): Promise<number> {
    const c = (await this.repo.campaign(campaignId))!;
    await this.cascades.runFanout(c.launchItemId!);
    let n = 0;
    for (const ack of await this.cascadeRepo.openAckItems(campaignId)) {
      const row = (await this.cascadeRepo.launchItem(ack.id))!;
      if (row.stage === 'acknowledge') {
        const unitId = (await this.repo.transaction((m) => m.query(`SELECT unit_id FROM ${WorkflowSql.items('work_item')} WHERE id = $1`, [ack.id])))[0].unit_id as string;
        const unit = await this.repo.unit(unitId);
        const by = (await this.principalOfUnit(unitId, 'supervisor')) ?? chair;
        await this.runtime.act({ kind: 'user', principal: by }, ack.id, { type: 'acknowledge' }, { dataPatch: unit && GUIDANCE[unit.code] ? GUIDANCE[unit.code] : {} });
        n++;
      }
      await this.cascades.runFanout(ack.id);
    }
    return n;
  }

  /** Unit plans submitted at a few units; some approved, one returned with a comment. */
  private async demoPlans(campaignId: string): Promise<number> {
    let n = 0;
    for (const d of DEMO_PLANS) {
      const unit = await this.repo.unitByCode(d.unit);
      if (!unit) continue;
      const item = await this.cascadeRepo.openItem(campaignId, 'unit_plan', unit.id);
      const officer = await this.principalOfUnit(unit.id, 'officer');
      if (!item || !officer) continue;
      await this.runtime.act({ kind: 'user', principal: officer }, item.id, { type: 'submit' }, { dataPatch: { ...PLAN, models: d.models ?? [] } });
      // The plan's models become the campaign's models once the plan is approved (derived from the item).
      n += 1 + (d.models?.length ?? 0);
      if (!d.review || !unit.parentId) continue;
      const supervisor = (await this.principalOfUnit(unit.parentId, 'supervisor')) ?? (await this.principalOf('chutich.tinh'));
      if (!supervisor) continue;
      if (d.review === 'approve') await this.runtime.act({ kind: 'user', principal: supervisor }, item.id, { type: 'approve' });
      else await this.runtime.act({ kind: 'user', principal: supervisor }, item.id, { type: 'return', comment: 'Đề nghị bổ sung mô hình điển hình đăng ký và tiến độ cụ thể từng quý.' });
    }
    return n;
  }

  /** A principal for a seeded user, built from their current role assignments (as the guard would). */
  private async principalOf(username: string): Promise<Principal | null> {
    const rows: Array<{ id: string; full_name: string; role: string; unit_id: string; path: string }> = await this.repo.transaction((m) =>
      m.query(
        `SELECT au.id, au.full_name, ra.role, ra.unit_id, u.path FROM ${OrgSql.people('au')} JOIN ${OrgSql.roleAssignments('ra')} ON ra.user_id = au.id AND ra.valid_to IS NULL
           JOIN ${OrgSql.units('u')} ON u.id = ra.unit_id WHERE au.username = $1`,
        [username],
      ),
    );
    if (rows.length === 0) return null;
    return { userId: rows[0].id, username, fullName: rows[0].full_name, roles: rows.map((r) => ({ role: r.role as never, unitId: r.unit_id, unitPath: r.path, workflows: null, onBehalfOf: null })) };
  }

  private async principalOfUnit(unitId: string, role: string): Promise<Principal | null> {
    const ids = await this.repo.userIdsWithRole(unitId, role);
    if (ids.length === 0) return null;
    const rows: Array<{ username: string }> = await this.repo.transaction((m) => m.query(`SELECT username FROM ${OrgSql.people('au')} WHERE id = $1`, [ids[0]]));
    return this.principalOf(rows[0].username);
  }
}
