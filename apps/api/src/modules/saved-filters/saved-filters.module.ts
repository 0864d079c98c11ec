import { Module } from '@nestjs/common';
import { SavedFilterRepository } from './saved-filter.repository';
import { SavedFiltersController } from './saved-filters.controller';
import { SavedFiltersService } from './saved-filters.service';

/** Each user's saved filters of the admin's list pages (issue 19, line 5). */
@Module({
  controllers: [SavedFiltersController],
  providers: [SavedFilterRepository, SavedFiltersService],
})
export class SavedFiltersModule {}
