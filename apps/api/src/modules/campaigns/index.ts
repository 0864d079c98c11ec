/** The public face of the campaigns module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { CampaignsModule } from './campaigns.module';
export { CampaignsService, assertReadable } from './campaigns.service';
// The read port of reports: no repository or entity leaves the module.
export { CampaignReader, type CampaignRecord, type MilestoneRecord, type ModelRecord, type SubmissionRecord } from './campaign-reader';
export type { UnitInfo } from './campaigns.repository';
export { CommendationsService } from './commendations.service';
export { InspectionsService } from './inspections.service';
export { EvaluationsService } from './evaluations.service';
export { CampaignProjections } from './campaign-projections.service';
export { launchData } from './campaign-launch.service';
export { DemoCampaignSeeder } from './demo-campaign.seeder';
export { CampaignsSql } from './campaigns-sql';
