import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns';
import { DocumentsModule } from '../documents';
import { OrgModule } from '../org';
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
