import { Module, type OnModuleInit } from '@nestjs/common';
import { SeedService } from '../../seed/seed.service';
import { DocumentsModule } from '../documents/index';
import { WorkflowModule } from '../workflow/index';
import { CampaignCascadeRepository } from './campaign-cascade.repository';
import { CampaignLaunchService } from './campaign-launch.service';
import { CampaignProjections } from './campaign-projections.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignReader } from './campaign-reader';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CommendationHistoryController } from './commendation-history.controller';
import { CommendationHistoryRepository } from './commendation-history.repository';
import { CommendationHistoryService } from './commendation-history.service';
import { CommendationHooks } from './commendation-hooks';
import { CommendationsService } from './commendations.service';
import { DemoCampaignSeeder } from './demo-campaign.seeder';
import { EvaluationsService } from './evaluations.service';
import { InspectionsService } from './inspections.service';

/** Campaigns, evaluations, commendations and inspections (issue 6). */
@Module({
  imports: [DocumentsModule, WorkflowModule],
  controllers: [CampaignsController, CommendationHistoryController],
  providers: [
    CampaignsRepository, CampaignReader, CampaignCascadeRepository, CampaignLaunchService, CampaignProjections, CampaignsService, EvaluationsService, CommendationsService, InspectionsService, DemoCampaignSeeder, CommendationHistoryRepository, CommendationHistoryService,
    // The commendation workflow's stage hooks (registered with the runtime on module init).
    CommendationHooks,
  ],
  exports: [CampaignReader, CampaignLaunchService, CampaignProjections, CampaignsService, EvaluationsService, CommendationsService, InspectionsService],
})
export class CampaignsModule implements OnModuleInit {
  constructor(
    private readonly seed: SeedService,
    private readonly seeder: DemoCampaignSeeder,
  ) {}

  onModuleInit(): void {
    this.seed.register(this.seeder);
  }
}
