import { Module } from '@nestjs/common';
import { OrgModule } from '../org/index';
import { WorkflowModule } from '../workflow/index';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** The admin's one search box across items, units and people (issue 19, line 5). Owns no table. */
@Module({
  imports: [OrgModule, WorkflowModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
