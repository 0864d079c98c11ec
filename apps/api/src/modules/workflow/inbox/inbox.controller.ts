import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type InboxCounts,
  type InboxCountsQuery,
  inboxCountsQuerySchema,
  inboxCountsSchema,
  type InboxItemView,
  inboxItemViewPageSchema,
  type InboxQuery,
  inboxQuerySchema,
  type Page,
  type TakeNextRequest,
  takeNextSchema,
  type WorkItemView,
  workItemViewSchema,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { TakeNextUseCase } from './take-next.use-case';
import { InboxService } from './inbox.service';
import { Returns } from '../../../common/openapi/returns.decorator';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly takeNextUseCase: TakeNextUseCase,
  ) {}

  @Returns(inboxItemViewPageSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Items waiting for an action I may take (roles, subtree scope, delegations); keyset-paginated' })
  page(@CurrentPrincipal() p: Principal, @ZodQuery(inboxQuerySchema) q: InboxQuery): Promise<Page<InboxItemView>> {
    return this.inbox.page(p, q);
  }

  @Returns(inboxCountsSchema)
  @Get('counts')
  @Authenticated()
  @ApiOperation({ summary: 'Counts of my inbox by workflow and stage, and how many are overdue; per unit (paged) with byUnit=true' })
  counts(@CurrentPrincipal() p: Principal, @ZodQuery(inboxCountsQuerySchema) q: InboxCountsQuery): Promise<InboxCounts> {
    return this.inbox.counts(p, q);
  }

  @Returns(workItemViewSchema)
  @Post('take-next')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Piled execution: claim and start the next item of this workflow stage offered to me (oldest due first); 404 NOTHING_TO_TAKE when none' })
  takeNext(@CurrentPrincipal() p: Principal, @ZodBody(takeNextSchema) body: TakeNextRequest): Promise<WorkItemView> {
    return this.takeNextUseCase.take(p, body);
  }
}
