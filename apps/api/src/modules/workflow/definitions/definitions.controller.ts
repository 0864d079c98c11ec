import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type DefinitionListQuery,
  definitionListQuerySchema,
  definitionProblemsSchema,
  type DefinitionView,
  definitionViewSchema,
  type MigrateItemsRequest,
  migrateItemsSchema,
  type MigrationPlanView,
  migrationPlanViewSchema,
  type SaveDefinitionRequest,
  saveDefinitionSchema,
} from '@thidua/contracts';
import type { Problem } from '@thidua/workflow-core';
import { Authenticated, CurrentPrincipal, RequireRoles } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { DefinitionsService } from './definitions.service';
import { ItemMigrationService } from './item-migration.service';
import { z } from 'zod';
import { Returns } from '../../../common/openapi/returns.decorator';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class DefinitionsController {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly migrations: ItemMigrationService,
  ) {}

  @Returns(z.array(definitionViewSchema))
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Workflow definitions (every version; filter by key and status)' })
  list(@ZodQuery(definitionListQuerySchema) q: DefinitionListQuery): Promise<DefinitionView[]> {
    return this.definitions.list(q);
  }

  @Returns(definitionViewSchema)
  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One definition version' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DefinitionView> {
    return this.definitions.get(id);
  }

  @Returns(definitionProblemsSchema)
  @Post('validate')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Every problem of a definition, with its path (nothing saved)' })
  async validate(@ZodBody(saveDefinitionSchema) body: SaveDefinitionRequest): Promise<{ problems: Problem[] }> {
    return { problems: await this.definitions.problemsOf(body.definition) };
  }

  @Returns(definitionViewSchema)
  @Post()
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Create a draft: the next version of its key' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(saveDefinitionSchema) body: SaveDefinitionRequest): Promise<DefinitionView> {
    return this.definitions.createDraft(p, body.definition);
  }

  @Returns(definitionViewSchema)
  @Put(':id')
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Change a draft (409 DEFINITION_IMMUTABLE once published)' })
  update(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(saveDefinitionSchema) body: SaveDefinitionRequest): Promise<DefinitionView> {
    return this.definitions.updateDraft(p, id, body.definition);
  }

  @Returns(definitionViewSchema)
  @Post(':id/publish')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Publish a draft as an immutable version (422 DEFINITION_INVALID with details.problems)' })
  publish(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DefinitionView> {
    return this.definitions.publish(p, id);
  }

  @Returns(definitionViewSchema)
  @Post(':id/retire')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Retire a published version: no new items; running ones continue' })
  retire(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DefinitionView> {
    return this.definitions.retire(p, id);
  }

  @Returns(migrationPlanViewSchema)
  @Post('by-key/:key/migrations')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Move running items to a newer version with a stage mapping; dryRun lists what moves and what cannot' })
  migrate(@CurrentPrincipal() p: Principal, @Param('key') key: string, @ZodBody(migrateItemsSchema) body: MigrateItemsRequest): Promise<MigrationPlanView> {
    return this.migrations.migrate(p, key, body);
  }
}
