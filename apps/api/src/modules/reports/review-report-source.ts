import { Injectable } from '@nestjs/common';
import { isWithin } from '../../common/auth/scope';
import { type CampaignRecord, CampaignReader, type UnitInfo, CommendationsService, InspectionsService } from '../campaigns/index';
import { DocumentsService } from '../documents/index';
import type { ReviewReportData } from './review-report';

type CampaignFacts = Pick<ReviewReportData, 'plan' | 'models' | 'inspections' | 'commendations'>;

/**
 * Every read of campaign data the review report makes, in one place, through the campaigns module's
 * read port (`CampaignReader`) and the documents service: when inspections and commendations become work items, this is
 * the file to re-point. Scope: the report's unit and its subtree.
 */
@Injectable()
export class ReviewReportSource {
  constructor(
    private readonly campaigns: CampaignReader,
    private readonly documents: DocumentsService,
    private readonly inspectionsOf: InspectionsService,
    private readonly commendations: CommendationsService,
  ) {}

  async facts(campaign: CampaignRecord, unit: UnitInfo): Promise<CampaignFacts> {
    const under = (path: string | undefined) => Boolean(path && isWithin(path, unit.path));
    const [docs, models, inspections, awarded] = await Promise.all([
      this.documents.campaignDocuments(campaign.id),
      this.campaigns.modelsUnder(campaign.id, unit.path),
      this.inspectionsOf.ofCampaign(campaign.id),
      this.commendations.awarded(campaign.id),
    ]);
    const unitIds = [...new Set([...inspections.flatMap((i) => [i.unitId, i.supervisingUnitId]), ...awarded.flatMap((n) => [n.nominatingUnitId, n.nomineeUnitId ?? n.nominatingUnitId])])];
    const units = new Map((await this.campaigns.unitsByIds(unitIds)).map((u) => [u.id, u]));
    // The plan and guidance of the report's own unit, and of the units above it (the campaign's launch).
    const issuers = new Set([unit.id, ...(await this.campaigns.ancestors(unit)).map((u) => u.id)]);
    const plan = docs
      .filter((d) => d.status === 'signed' && issuers.has(d.issuerUnitId) && (d.docType === 'KH' || d.docType === 'HD') && d.signedOn && d.symbol)
      .sort((a, b) => (a.signedOn! < b.signedOn! ? -1 : 1))
      .map((d) => ({ symbol: d.symbol!, signedOn: d.signedOn!, summary: d.summary, docType: d.docType! }));
    const decisions = new Map(docs.filter((d) => d.docType === 'QĐ').map((d) => [d.id, d]));
    return {
      plan,
      models: models.map((m) => ({ name: m.name, unitName: m.unitName, field: m.field })),
      inspections: inspections
        .filter((i) => under(units.get(i.unitId)?.path))
        .map((i) => ({
          unitName: units.get(i.unitId)?.name ?? '',
          supervisorName: units.get(i.supervisingUnitId)?.name ?? '',
          topic: i.topic,
          scheduledFor: i.scheduledFor,
          status: i.status,
          findings: i.findings,
          correctiveAction: i.correctiveAction,
          closedAt: i.closedAt ? i.closedAt.slice(0, 10) : null,
        })),
      commendations: awarded
        .filter((n) => under(units.get(n.nominatingUnitId)?.path))
        .map((n) => {
          const decision = n.decisionDocumentId ? decisions.get(n.decisionDocumentId) : undefined;
          return {
            nomineeName: n.nomineeName,
            nomineeUnitName: units.get(n.nomineeUnitId ?? n.nominatingUnitId)?.name ?? null,
            awardForm: n.awardForm,
            decisionSymbol: decision?.symbol ?? null,
            decisionDate: decision?.signedOn ?? null,
          };
        }),
    };
  }
}
