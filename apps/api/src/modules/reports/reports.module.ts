import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/index';
import { DocumentsModule } from '../documents/index';
import { OrgModule } from '../org/index';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { ReviewReportSource } from './review-report-source';

/** Indicator roll-ups, review-report drafts, .docx and .xlsx exports. */
@Module({
  imports: [CampaignsModule, DocumentsModule, OrgModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, ReviewReportSource],
  exports: [ReportsService],
})
export class ReportsModule {}
