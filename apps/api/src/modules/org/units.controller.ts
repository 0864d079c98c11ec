import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateUnitRequest,
  createUnitRequestSchema,
  type DissolveUnitRequest,
  dissolveUnitRequestSchema,
  type ListScheduledReorganisationsQuery,
  listScheduledReorganisationsQuerySchema,
  type ListUnitsQuery,
  listUnitsQuerySchema,
  type MergeUnitRequest,
  mergeUnitRequestSchema,
  type MoveUnitRequest,
  moveUnitRequestSchema,
  type Page,
  type PageQuery,
  pageQuerySchema,
  type RenameUnitRequest,
  renameUnitRequestSchema,
  type ReorganisationReport,
  reorganisationReportSchema,
  type ScheduledReorganisationView,
  scheduledReorganisationViewSchema,
  type SubtreeCount,
  subtreeCountSchema,
  type TreeAsOfQuery,
  treeAsOfQuerySchema,
  type TreeAsOfResponse,
  treeAsOfResponseSchema,
  type UnitDetail,
  unitDetailSchema,
  type UnitHistoryResponse,
  unitHistoryResponseSchema,
  type UnitPeopleQuery,
  unitPeopleQuerySchema,
  type UnitPeopleResponse,
  unitPeopleResponseSchema,
  type UnitView,
  unitViewPageSchema,
  unitViewSchema,
  type UpdateUnitRequest,
  updateUnitRequestSchema,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal, RequireRoles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { ReorganisationService } from './reorganisation.service';
import { UnitsService } from './units.service';
import { z } from 'zod';
import { Returns, ReturnsNothing } from '../../common/openapi/returns.decorator';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly reorg: ReorganisationService,
  ) {}

  @Returns(unitViewPageSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Units I may see, filtered (kind, status, parent, subtree root, text), keyset-paginated by code' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listUnitsQuerySchema) q: ListUnitsQuery): Promise<Page<UnitView>> {
    return this.units.list(p, q);
  }

  @Returns(treeAsOfResponseSchema)
  @Get('tree')
  @Authenticated()
  @ApiOperation({ summary: 'A subtree as it stood at a date (effective-dated parent links), in path order' })
  tree(@CurrentPrincipal() p: Principal, @ZodQuery(treeAsOfQuerySchema) q: TreeAsOfQuery): Promise<TreeAsOfResponse> {
    return this.units.treeAsOf(p, q);
  }

  @Returns(unitViewSchema)
  @Post()
  @RequireRoles(['admin'], { unitParam: 'parentId' })
  @ApiOperation({ summary: 'Create a unit under a parent I administer' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createUnitRequestSchema) body: CreateUnitRequest): Promise<UnitView> {
    return this.units.create(p, body);
  }

  @Returns(unitDetailSchema)
  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One unit with its ancestors; 404 when outside my scope' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<UnitDetail> {
    return this.units.get(p, id);
  }

  @Returns(unitViewPageSchema)
  @Get(':id/children')
  @Authenticated()
  @ApiOperation({ summary: 'Active child units, keyset-paginated by code' })
  children(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodQuery(pageQuerySchema) q: PageQuery): Promise<Page<UnitView>> {
    return this.units.children(p, id, q);
  }

  @Returns(unitPeopleResponseSchema)
  @Get(':id/people')
  @Authenticated()
  @ApiOperation({ summary: 'People holding a role at the unit at a date (default now) or based there, with their roles here and active delegations; 404 outside my scope' })
  people(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodQuery(unitPeopleQuerySchema) q: UnitPeopleQuery): Promise<UnitPeopleResponse> {
    return this.units.peopleOf(p, id, q);
  }

  @Returns(unitHistoryResponseSchema)
  @Get(':id/history')
  @Authenticated()
  @ApiOperation({ summary: 'What happened to the unit when: its positions (parent, path, from–to), recorded changes at their effective dates, scheduled changes' })
  history(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<UnitHistoryResponse> {
    return this.units.history(p, id);
  }

  @Returns(subtreeCountSchema)
  @Get(':id/subtree-count')
  @Authenticated()
  @ApiOperation({ summary: 'How many units the subtree holds, by kind (one indexed path query)' })
  subtreeCount(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<SubtreeCount> {
    return this.units.subtreeCount(p, id);
  }

  @Returns(unitViewSchema)
  @Patch(':id')
  @RequireRoles(['admin'], { unitParam: 'id' })
  @ApiOperation({ summary: 'Update sector / member count' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(updateUnitRequestSchema) body: UpdateUnitRequest): Promise<UnitView> {
    return this.units.update(p, id, body);
  }

  @Returns(reorganisationReportSchema)
  @Post(':id/rename')
  @HttpCode(200)
  @RequireRoles(['admin'], { unitParam: 'id' })
  @ApiOperation({ summary: 'Rename (and optionally re-code) a unit; paths do not change. preview=true: dry run' })
  rename(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(renameUnitRequestSchema) body: RenameUnitRequest): Promise<ReorganisationReport> {
    return this.reorg.rename(p, id, body);
  }

  @Returns(reorganisationReportSchema)
  @Post(':id/move')
  @HttpCode(200)
  @RequireRoles(['admin'], { unitParam: 'id' })
  @ApiOperation({ summary: 'Move a unit with its subtree under a new parent, effective at effectiveAt (past: back-dated, 409 REORG_LATER_CHANGE if it contradicts a later change; future: scheduled). 422 UNIT_CYCLE under itself. preview=true: dry run' })
  move(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(moveUnitRequestSchema) body: MoveUnitRequest): Promise<ReorganisationReport> {
    return this.reorg.move(p, id, body);
  }

  @Returns(reorganisationReportSchema)
  @Post(':id/merge')
  @HttpCode(200)
  @RequireRoles(['admin'], { unitParam: 'id' })
  @ApiOperation({ summary: 'Merge this unit into another at effectiveAt: children and open items go to the target, roles as roleMapping confirms (unlisted: ended); this one stays readable as merged' })
  merge(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(mergeUnitRequestSchema) body: MergeUnitRequest): Promise<ReorganisationReport> {
    return this.reorg.merge(p, id, body);
  }

  @Returns(reorganisationReportSchema)
  @Post(':id/dissolve')
  @HttpCode(200)
  @RequireRoles(['admin'], { unitParam: 'id' })
  @ApiOperation({ summary: 'Dissolve a unit at effectiveAt; 409 UNIT_HAS_OPEN_WORK with the list unless transferToId says where things go; roles as roleMapping confirms (unlisted: ended)' })
  dissolve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(dissolveUnitRequestSchema) body: DissolveUnitRequest): Promise<ReorganisationReport> {
    return this.reorg.dissolve(p, id, body);
  }
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('reorganisations')
export class ReorganisationsController {
  constructor(
    private readonly units: UnitsService,
    private readonly reorg: ReorganisationService,
  ) {}

  @Returns(z.array(scheduledReorganisationViewSchema))
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Stored future-dated reorganisations (and applied / failed / cancelled ones) of units I may see, by effective date' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listScheduledReorganisationsQuerySchema) q: ListScheduledReorganisationsQuery): Promise<ScheduledReorganisationView[]> {
    return this.units.scheduledReorganisations(p, q);
  }

  @ReturnsNothing()
  @Post(':id/cancel')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Cancel a scheduled reorganisation (admin over its unit); 409 when it is no longer scheduled' })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.reorg.cancelScheduled(p, id);
  }
}
