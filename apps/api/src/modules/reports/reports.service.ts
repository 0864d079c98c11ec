import { Injectable } from '@nestjs/common';
import { REPORT_SECTIONS, type DocumentView, type ReportDraftView, type ReportTreeView, type ReportSection, type RollupBreakdownView, type RollupFigureView, type RollupView, type SaveReportDraftRequest } from '@thidua/contracts';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { actorPath, assertRoleCovering } from '../../common/auth/role-scope';
import { type CampaignRecord, CampaignReader, type UnitInfo, CampaignsService } from '../campaigns/index';
import { DocumentNumberingService, DocumentsService, toDocumentView, typographicQuotes, vietnameseNumber, renderOfficialPdf } from '../documents/index';
import { FIGURE_COLUMNS, figureRows, renderXlsx } from './indicator-xlsx';
import { TreeService } from '../org/index';
import { ReportsRepository } from './reports.repository';
import { REVIEW_REPORT_RECIPIENTS, buildReviewReportBody, type ReviewReportData } from './review-report';
import { renderReviewReport } from './review-report-docx';
import { ReviewReportSource } from './review-report-source';
import { rollUp, type RollupNode, type RollupResult } from './rollup/indicator-rollup';
import { assertCovers, regionsOf } from '../../common/auth/scope';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Computed {
  campaign: CampaignRecord;
  unit: UnitInfo;
  /** The subtree of the tree used (as of `tree.asOf`), the root first. */
  units: Array<{ id: string; code: string; name: string; parentId: string | null }>;
  tree: ReportTreeView;
  result: RollupResult;
  ms: number;
}

/** `asOf` of a request or of a milestone: a date is 00:00 UTC of that day. */
export function treeDateOf(milestoneDue: string, asOf: string | undefined): { at: Date; source: ReportTreeView['source'] } {
  return asOf ? { at: new Date(asOf), source: 'request' } : { at: new Date(milestoneDue.slice(0, 10)), source: 'milestone_due' };
}

/** Roll-ups of accepted indicator values, drill-down, review-report drafts and their exports. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly campaignsRepo: CampaignReader,
    private readonly campaigns: CampaignsService,
    private readonly repo: ReportsRepository,
    private readonly numbering: DocumentNumberingService,
    private readonly audit: AuditService,
    private readonly tree: TreeService,
    private readonly documents: DocumentsService,
    private readonly source: ReviewReportSource,
  ) {}

  /**
   * One bottom-up pass over the unit's subtree as it stood at the milestone's due date (or at
   * `asOf`), from the effective-dated parent links, and the accepted values of those units: a
   * reorganisation after that date does not change the figures of that milestone.
   */
  async compute(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<Computed> {
    const { campaign } = await this.campaigns.readableCampaign(principal, campaignId);
    const milestone = await this.campaignsRepo.milestone(milestoneId);
    if (!milestone || milestone.campaignId !== campaignId) throw AppError.notFound('milestone');
    const unit = await this.campaigns.requireUnit(unitId);
    // A roll-up names the figures of every unit below: it is read by those who SEE the unit (not from below).
    assertCovers(principal, unit.path, 'see', { resource: 'unit' });
    const { at, source } = treeDateOf(milestone.due, asOf);
    const units = await this.tree.subtreeAsOf(unit.id, at);
    if (units.length === 0) throw new AppError('UNPROCESSABLE', { details: { reason: 'unit_not_in_tree_at', unitId: unit.id, asOf: at.toISOString() } });
    const values = await this.campaignsRepo.acceptedValuesOf(
      milestoneId,
      units.map((u) => u.id),
    );
    const byUnit = new Map(values.map((v) => [v.unitId, v.scaled]));
    const started = performance.now();
    const nodes: RollupNode[] = units.map((u) => ({
      id: u.id,
      parentId: u.id === unit.id ? null : u.parentId,
      depth: u.depth,
      members: u.memberCount,
      isExpected: u.kind === 'grassroots_union',
      values: byUnit.get(u.id) ?? null,
    }));
    const result = rollUp(campaign.indicators, nodes);
    return { campaign, unit, units, tree: { asOf: at.toISOString(), source, units: units.length }, result, ms: performance.now() - started };
  }

  async rollup(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<RollupView> {
    const c = await this.compute(principal, campaignId, milestoneId, unitId, asOf);
    return { campaignId, milestoneId, unit: ref(c.unit), tree: c.tree, figures: c.result.figures(c.unit.id), computedInMs: Math.round(c.ms * 100) / 100 };
  }

  async breakdown(principal: Principal, campaignId: string, milestoneId: string, unitId: string, key: string, asOf?: string): Promise<RollupBreakdownView> {
    const c = await this.compute(principal, campaignId, milestoneId, unitId, asOf);
    if (!c.campaign.indicators.some((i) => i.key === key)) throw AppError.notFound('indicator');
    const byId = new Map(c.units.map((u) => [u.id, u]));
    return {
      key,
      tree: c.tree,
      unit: ref(c.unit),
      total: c.result.figure(c.unit.id, key),
      own: c.result.own(c.unit.id, key),
      children: c.result.childIds(c.unit.id).map((id) => ({ unit: ref(byId.get(id)!), figure: c.result.figure(id, key) })),
    };
  }

  async draft(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<ReportDraftView> {
    const c = await this.compute(principal, campaignId, milestoneId, unitId, asOf);
    const stored = await this.repo.draft(milestoneId, unitId);
    const models = (await this.campaignsRepo.modelsUnder(campaignId, c.unit.path)).map((m) => ({ name: m.name, unitName: m.unitName, field: m.field }));
    const figures = c.result.figures(c.unit.id);
    const prefilled = prefill(c.campaign, c.unit, figures, models.length);
    const sections = Object.fromEntries(REPORT_SECTIONS.map((s) => [s, stored?.sections[s] ?? prefilled[s]])) as Record<ReportSection, string>;
    return { campaignId, milestoneId, unitId, sections, edited: REPORT_SECTIONS.filter((s) => stored?.sections[s] !== undefined), version: stored?.version ?? 0, tree: c.tree, figures, models };
  }

  async saveDraft(principal: Principal, campaignId: string, input: SaveReportDraftRequest): Promise<ReportDraftView> {
    await this.campaigns.readableCampaign(principal, campaignId);
    const unit = await this.campaigns.requireUnit(input.unitId);
    assertRoleCovering(principal, ['officer', 'supervisor'], unit.path, true, 'see');
    const ms = await this.campaignsRepo.milestone(input.milestoneId);
    if (!ms || ms.campaignId !== campaignId) throw AppError.notFound('milestone');
    await this.repo.transaction(async (m) => {
      const current = await this.repo.draft(input.milestoneId, input.unitId, m, true);
      const version = current?.version ?? 0;
      if (input.expectedVersion !== undefined && input.expectedVersion !== version) throw new AppError('VERSION_CONFLICT', { details: { version } });
      await this.repo.save(m, { milestoneId: input.milestoneId, unitId: input.unitId, campaignId, sections: { ...(current?.sections ?? {}), ...input.sections }, version: version + 1, updatedByUserId: principal.userId, updatedAt: new Date() });
      await this.audit.record(m, { action: 'report.draft_saved', entityType: 'report_draft', entityId: `${input.milestoneId}:${input.unitId}`, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { sections: Object.keys(input.sections) } });
    });
    return this.draft(principal, campaignId, input.milestoneId, input.unitId);
  }

  /** Everything the report is generated from: the draft's prose and figures, and the campaign's facts. */
  private async reportData(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<{ data: ReviewReportData; campaign: CampaignRecord; label: string; kind: string; unit: UnitInfo }> {
    const d = await this.draft(principal, campaignId, milestoneId, unitId, asOf);
    const c = await this.campaigns.requireCampaign(campaignId);
    const ms = (await this.campaignsRepo.milestone(milestoneId))!;
    const unit = await this.campaigns.requireUnit(unitId);
    const facts = await this.source.facts(c, unit);
    const issuer = await this.numbering.issuer(null, unitId);
    return {
      campaign: c,
      label: ms.label,
      kind: ms.kind,
      unit,
      data: {
        campaign: { title: c.title, periodFrom: c.periodFrom, periodTo: c.periodTo, legalBasis: c.legalBasis },
        milestone: { label: ms.label },
        issuerShortName: shortName(issuer.issuingBodyName),
        figures: d.figures,
        indicatorNames: Object.fromEntries(c.indicators.map((i) => [i.key, i.name])),
        weightFields: Object.fromEntries(c.indicators.map((i) => [i.key, i.weightField])),
        sections: d.sections,
        ...facts,
      },
    };
  }

  private reportRequest(r: { data: ReviewReportData; campaign: CampaignRecord; label: string; unit: UnitInfo }) {
    const c = r.campaign;
    return {
      issuerUnitId: r.unit.id,
      series: 'main' as const,
      docType: 'BC' as const,
      summary: `${r.label} thực hiện Phong trào thi đua “${c.title}”`,
      title: `${r.label} thực hiện Phong trào thi đua\n“${c.title}”\ngiai đoạn ${c.periodFrom.slice(0, 4)} - ${c.periodTo.slice(0, 4)}`,
      body: buildReviewReportBody(r.data),
      authority: 'TM' as const,
      authorityBody: 'BAN THƯỜNG VỤ',
      signerTitle: 'CHỦ TỊCH',
      signerName: '',
      recipients: REVIEW_REPORT_RECIPIENTS,
      archiveDepartments: ['Ban CTCS'],
      campaignId: c.id,
    };
  }

  /**
   * Makes the report a document of the register: a BC draft of the unit (numbered when signed, dated
   * by the signer, Nơi nhận editable), regenerated from the data while it is a draft.
   */
  async issueReport(principal: Principal, campaignId: string, milestoneId: string, unitId: string): Promise<DocumentView> {
    const r = await this.reportData(principal, campaignId, milestoneId, unitId);
    const doc = await this.documents.upsertFromSource(principal, reportSource(milestoneId, unitId), this.reportRequest(r));
    return toDocumentView(doc);
  }

  async reportDocx(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<{ fileName: string; content: Buffer }> {
    const r = await this.reportData(principal, campaignId, milestoneId, unitId, asOf);
    const fileName = `bao-cao-${r.campaign.code}-${r.kind}.docx`;
    const issued = await this.documents.bySource(reportSource(milestoneId, unitId));
    if (issued) return { fileName, content: await this.documents.render(issued) };
    const issuer = await this.numbering.issuer(null, unitId);
    const req = this.reportRequest(r);
    const content = await renderReviewReport({
      header: { parentBodyName: issuer.parentBodyName, issuingBodyName: issuer.issuingBodyName, symbol: null, symbolSuffix: `BC-${issuer.abbreviation}`, place: issuer.place || '……', date: null, docType: 'BC', summary: req.summary, title: req.title },
      signature: { authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerTitle: 'CHỦ TỊCH', signerName: '' },
      recipients: req.recipients,
      archiveDepartments: req.archiveDepartments,
      data: r.data,
    });
    return { fileName, content };
  }

  /** The report as PDF: its register document's (signed when it is), else a preview of the draft. */
  async reportPdf(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<{ fileName: string; content: Buffer }> {
    const r = await this.reportData(principal, campaignId, milestoneId, unitId, asOf);
    const issued = await this.documents.bySource(reportSource(milestoneId, unitId));
    if (issued) return this.documents.pdf(principal, issued.id);
    const issuer = await this.numbering.issuer(null, unitId);
    const req = this.reportRequest(r);
    const content = await renderOfficialPdf({
      header: { parentBodyName: issuer.parentBodyName, issuingBodyName: issuer.issuingBodyName, symbol: null, symbolSuffix: `BC-${issuer.abbreviation}`, place: issuer.place || '……', date: null, docType: 'BC', summary: req.summary, title: req.title },
      body: req.body,
      recipients: req.recipients,
      archiveDepartments: req.archiveDepartments,
      signature: { authority: 'TM', authorityBody: 'BAN THƯỜNG VỤ', signerTitle: 'CHỦ TỊCH', signerName: '' },
    });
    return { fileName: `bao-cao-${r.campaign.code}-${r.kind}.pdf`, content };
  }

  /** The figures of the unit and of each child subtree, and the exemplary models, as .xlsx. */
  async indicatorsXlsx(principal: Principal, campaignId: string, milestoneId: string, unitId: string, asOf?: string): Promise<{ fileName: string; content: Buffer }> {
    const c = await this.compute(principal, campaignId, milestoneId, unitId, asOf);
    const byId = new Map(c.units.map((u) => [u.id, u]));
    const rows = [...figureRows(c.unit.name, c.result.figures(c.unit.id)), ...c.result.childIds(c.unit.id).flatMap((id) => figureRows(byId.get(id)!.name, c.result.figures(id)))];
    const submissions = await this.campaignsRepo.submissionsUnder(milestoneId, c.unit.path, regionsOf(principal, 'see'));
    const inTree = new Set(c.units.map((u) => u.id));
    const models = await this.campaignsRepo.modelsUnder(campaignId, c.unit.path);
    const content = await renderXlsx([
      { name: 'Chỉ tiêu', columns: FIGURE_COLUMNS, rows },
      {
        name: 'Báo cáo đơn vị',
        columns: [{ header: 'Đơn vị', key: 'unit', width: 40 }, { header: 'Trạng thái', key: 'status', width: 14 }, ...c.campaign.indicators.map((i) => ({ header: i.name, key: i.key, width: 16 }))],
        rows: submissions.filter((s) => inTree.has(s.unitId)).map((s) => ({ unit: byId.get(s.unitId)?.name ?? s.unitId, status: s.status, ...Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'Có' : 'Không') : v])) })),
      },
      { name: 'Mô hình điển hình', columns: [{ header: 'Đơn vị', key: 'unit', width: 40 }, { header: 'Mô hình', key: 'name', width: 50 }, { header: 'Lĩnh vực', key: 'field', width: 20 }], rows: models.map((m) => ({ unit: m.unitName, name: m.name, field: m.field })) },
    ]);
    return { fileName: `chi-tieu-${c.campaign.code}-${c.unit.code}.xlsx`, content };
  }
}

function ref(u: Pick<UnitInfo, 'id' | 'code' | 'name'>): { id: string; code: string; name: string } {
  return { id: u.id, code: u.code, name: u.name };
}

export function reportSource(milestoneId: string, unitId: string): string {
  return `report:${milestoneId}:${unitId}`;
}

/** `LĐLĐ TỈNH NINH THUẬN` → `LĐLĐ tỉnh`, as the report names itself in prose. */
function shortName(issuingBodyName: string): string {
  const m = /^(LĐLĐ|CÔNG ĐOÀN|CĐ)\s+(TỈNH|THÀNH PHỐ|HUYỆN|NGÀNH)\b/i.exec(issuingBodyName);
  return m ? `${m[1].toUpperCase()} ${m[2].toLowerCase()}` : issuingBodyName;
}

/**
 * Pre-filled prose, a starting point for the officer: figures written into sentences in Vietnamese
 * formatting. The citations of the plan and guidance, the indicator table, models, inspections and
 * commendations are generated from data in `buildReviewReportBody`, not here.
 */
export function prefill(c: CampaignRecord, unit: UnitInfo, figures: RollupFigureView[], modelCount: number): Record<ReportSection, string> {
  const pct = (f: RollupFigureView) => (f.value === null ? 'chưa có số liệu' : `${vietnameseNumber(f.value, 2)}%`);
  const shares = figures.filter((f) => f.rule === 'share_of_units' && f.value !== null);
  const participation = figures.find((f) => f.rule === 'weighted_by_members' && f.value !== null);
  return {
    advantages: typographicQuotes(`Phong trào thi đua "${c.title}" nhận được sự quan tâm lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp; các cấp công đoàn thuộc ${unit.name} tích cực hưởng ứng.`),
    difficulties: 'Một số công đoàn cơ sở chưa thực sự quan tâm, phối hợp với chuyên môn cùng cấp tổ chức thực hiện phong trào.',
    leadership: '',
    propaganda: [
      ...shares.filter((f) => /tuyên truyền/i.test(f.name)).map((f) => `${pct(f)} CĐCS đã báo cáo tổ chức tuyên truyền phong trào (${f.name.toLowerCase()}).`),
      ...(participation ? [`${participation.name}: ${pct(participation)}.`] : []),
    ].join('\n'),
    results: figures.map((f) => `${f.name}: ${f.display} (${f.reporting}/${f.expected} đơn vị đã báo cáo)`).join('.\n'),
    good_practices: modelCount ? `Các cấp công đoàn tổ chức cho đoàn viên đăng ký xây dựng mô hình điển hình; ${modelCount} mô hình đã được đăng ký.` : '',
    impact: typographicQuotes(`Phong trào thi đua "${c.title}" góp phần nâng cao ý thức tự tu dưỡng, rèn luyện đạo đức công vụ của cán bộ, công chức, viên chức, gắn với đẩy mạnh "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".`),
    inspection: '',
    commendation: '',
    overall: '',
    shortcomings: '',
    directions: '',
  };
}
