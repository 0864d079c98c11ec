import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CommitRequest,
  commitRequestSchema,
  type HelpAnswerRequest,
  helpAnswerSchema,
  type HelpRequestCreate,
  helpRequestCreateSchema,
  type HelpRequestList,
  helpRequestListSchema,
  type ItemOfferingView,
  itemOfferingViewSchema,
  type UpcomingItemList,
  upcomingItemListSchema,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { Returns } from '../../../common/openapi/returns.decorator';
import { ZodBody } from '../../../common/validation/zod-validation';
import { OfferingService } from './offering.service';

/** Early offering and help/co-sign requests (issue 15, line 6). */
@ApiTags('items')
@ApiBearerAuth()
@Controller()
export class OfferingController {
  constructor(private readonly offering: OfferingService) {}

  @Returns(itemOfferingViewSchema)
  @Get('items/:id/offering')
  @Authenticated()
  @ApiOperation({ summary: 'The early-offered next stages of an item, whether I may commit to them, and the commitments' })
  view(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ItemOfferingView> {
    return this.offering.offering(p, id);
  }

  @Returns(itemOfferingViewSchema)
  @Post('items/:id/commitments')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Commit to an upcoming stage: it is allocated to me when it opens (separation of duties applies)' })
  commit(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(commitRequestSchema) body: CommitRequest): Promise<ItemOfferingView> {
    return this.offering.commit(p, id, body.stage);
  }

  @Returns(itemOfferingViewSchema)
  @Delete('items/:id/commitments/:stage')
  @Authenticated()
  @ApiOperation({ summary: 'Withdraw my commitment to an upcoming stage' })
  withdraw(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('stage') stage: string): Promise<ItemOfferingView> {
    return this.offering.withdraw(p, id, stage);
  }

  @Returns(helpRequestListSchema)
  @Get('items/:id/help-requests')
  @Authenticated()
  @ApiOperation({ summary: 'Help and co-sign requests of an item, and whether deciding waits for the co-signers' })
  helpRequests(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<HelpRequestList> {
    return this.offering.helpRequests(p, id);
  }

  @Returns(helpRequestListSchema)
  @Post('items/:id/help-requests')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The holder of the started item asks named colleagues (who can see it) to help or co-sign' })
  requestHelp(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(helpRequestCreateSchema) body: HelpRequestCreate): Promise<HelpRequestList> {
    return this.offering.requestHelp(p, id, body);
  }

  @Returns(helpRequestListSchema)
  @Post('items/:id/help-requests/:requestId/answer')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Answer a help or co-sign request addressed to me: done, co-signed, or declined with a reason' })
  answer(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string, @ZodBody(helpAnswerSchema) body: HelpAnswerRequest): Promise<HelpRequestList> {
    return this.offering.answer(p, id, requestId, body);
  }

  @Returns(upcomingItemListSchema)
  @Get('inbox/upcoming')
  @Authenticated()
  @ApiOperation({ summary: 'Items coming my way: their next stage is offered early to me and I may commit to it' })
  upcoming(@CurrentPrincipal() p: Principal): Promise<UpcomingItemList> {
    return this.offering.upcomingFor(p);
  }

  @Returns(helpRequestListSchema)
  @Get('inbox/help-requests')
  @Authenticated()
  @ApiOperation({ summary: 'Open help and co-sign requests addressed to me' })
  mine(@CurrentPrincipal() p: Principal): Promise<HelpRequestList> {
    return this.offering.mine(p);
  }
}
