import { CampaignMilestoneEntity } from './campaign-milestone.entity';
import { CampaignEntity } from './campaign.entity';
import { CommendationQuotaEntity } from './commendation-quota.entity';
import { CouncilBallotEntity, CouncilBallotTallyEntity, CouncilBallotVoterEntity } from './council-ballot.entity';
import { ExemplaryModelEntity } from './exemplary-model.entity';
import { IndicatorSubmissionEntity } from './indicator-submission.entity';
import { InspectionEntity } from './inspection.entity';
import { NominationEntity } from './nomination.entity';

export const CAMPAIGNS_ENTITIES = [
  CampaignEntity,
  CampaignMilestoneEntity,
  IndicatorSubmissionEntity,
  ExemplaryModelEntity,
  CommendationQuotaEntity,
  NominationEntity,
  CouncilBallotEntity,
  CouncilBallotVoterEntity,
  CouncilBallotTallyEntity,
  InspectionEntity,
];
