import { CampaignMilestoneEntity } from './campaign-milestone.entity';
import { CampaignEntity } from './campaign.entity';
import { CommendationQuotaEntity } from './commendation-quota.entity';
import { ExemplaryModelEntity } from './exemplary-model.entity';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';
import { NominationEntity } from './nomination.entity';

export const CAMPAIGNS_ENTITIES = [
  CampaignEntity,
  CampaignMilestoneEntity,
  IndicatorSubmissionEntity,
  ExemplaryModelEntity,
  CommendationQuotaEntity,
  NominationEntity,
];
