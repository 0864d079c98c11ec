import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateSavedFilterRequest,
  createSavedFilterSchema,
  type ListSavedFiltersQuery,
  listSavedFiltersQuerySchema,
  type SavedFilterView,
  savedFilterViewSchema,
  type UpdateSavedFilterRequest,
  updateSavedFilterSchema,
} from '@thidua/contracts';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { Returns, ReturnsNothing } from '../../common/openapi/returns.decorator';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { SavedFiltersService } from './saved-filters.service';

@ApiTags('saved-filters')
@ApiBearerAuth()
@Controller('saved-filters')
export class SavedFiltersController {
  constructor(private readonly savedFilters: SavedFiltersService) {}

  @Returns(z.array(savedFilterViewSchema))
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My saved filters of a list page, by name' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listSavedFiltersQuerySchema) q: ListSavedFiltersQuery): Promise<SavedFilterView[]> {
    return this.savedFilters.list(p, q.page);
  }

  @Returns(savedFilterViewSchema)
  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Save the current filters of a page under a name (409 SAVED_FILTER_NAME_TAKEN when I have that name there)' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createSavedFilterSchema) body: CreateSavedFilterRequest): Promise<SavedFilterView> {
    return this.savedFilters.create(p, body);
  }

  @Returns(savedFilterViewSchema)
  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Rename one of my saved filters, or replace its filters' })
  update(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(updateSavedFilterSchema) body: UpdateSavedFilterRequest): Promise<SavedFilterView> {
    return this.savedFilters.update(p, id, body);
  }

  @ReturnsNothing()
  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Delete one of my saved filters' })
  remove(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.savedFilters.remove(p, id);
  }
}
