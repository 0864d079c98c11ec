import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CoveredRegion } from '../../common/auth/scope';
import type { CampaignMilestoneEntity } from './campaign-milestone.entity';
import type { CampaignEntity } from './campaign.entity';
import { CampaignsRepository, type UnitInfo } from './campaigns.repository';
import type { ExemplaryModelEntity } from './exemplary-model.entity';
import type { IndicatorSubmissionEntity } from './indicator-submission.entity';

/** What other modules read of a campaign (reports: titles, period, legal basis, the indicators to roll up). */
export type CampaignRecord = Pick<CampaignEntity, 'id' | 'code' | 'title' | 'periodFrom' | 'periodTo' | 'legalBasis' | 'indicators' | 'status' | 'launchingUnitId'>;
export type MilestoneRecord = Pick<CampaignMilestoneEntity, 'id' | 'campaignId' | 'kind' | 'label' | 'due' | 'status'>;
export type SubmissionRecord = Pick<IndicatorSubmissionEntity, 'unitId' | 'status' | 'values'>;
export type ModelRecord = Pick<ExemplaryModelEntity, 'name' | 'field'> & { unitName: string };

/**
 * The campaigns module's read port for reports (docs/ARCHITECTURE.md, "Module boundaries"): milestones, accepted
 * indicator values, submissions and models under a unit, and the units they name. Each call is the one statement of
 * `CampaignsRepository` it delegates to; neither the repository nor an entity class leaves the module.
 */
@Injectable()
export class CampaignReader {
  constructor(private readonly repo: CampaignsRepository) {}

  milestone(id: string, manager?: EntityManager): Promise<MilestoneRecord | null> {
    return this.repo.milestone(id, manager);
  }

  /** The scaled values of the accepted submissions of these units at the milestone. */
  acceptedValuesOf(milestoneId: string, unitIds: readonly string[]): Promise<Array<{ unitId: string; scaled: Record<string, number> }>> {
    return this.repo.acceptedValuesOf(milestoneId, unitIds);
  }

  submissionsUnder(milestoneId: string, path: string, visible: readonly CoveredRegion[]): Promise<SubmissionRecord[]> {
    return this.repo.submissionsUnder(milestoneId, path, visible);
  }

  /** Exemplary models of the campaign's approved plans in the subtree at `path` (narrowed to `visible` when given). */
  modelsUnder(campaignId: string, path: string, visible?: readonly CoveredRegion[], manager?: EntityManager): Promise<ModelRecord[]> {
    return this.repo.modelsUnder(campaignId, path, visible, manager);
  }

  unitsByIds(ids: readonly string[], manager?: EntityManager): Promise<UnitInfo[]> {
    return this.repo.unitsByIds(ids, manager);
  }

  ancestors(unit: UnitInfo, manager?: EntityManager): Promise<UnitInfo[]> {
    return this.repo.ancestors(unit, manager);
  }
}
