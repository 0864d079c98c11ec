import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  cancelHelpRequestSchema,
  createHelpRequestSchema,
  declineHelpRequestSchema,
  helpInboxQuerySchema,
  helpRequestViewSchema,
  itemHelpViewSchema,
  replyHelpRequestSchema,
  signHelpRequestSchema,
  type CancelHelpRequest,
  type CreateHelpRequest,
  type DeclineHelpRequest,
  type HelpInboxQuery,
  type HelpRequestView,
  type ItemHelpView,
  type ReplyHelpRequest,
  type SignHelpRequest,
} from '@thidua/contracts';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { Returns } from '../../../common/openapi/returns.decorator';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { HelpRequestsService } from './help-requests.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemHelpRequestsController {
  constructor(private readonly help: HelpRequestsService) {}

  @Returns(itemHelpViewSchema)
  @Get(':id/help-requests')
  @Authenticated()
  @ApiOperation({ summary: 'Help and co-sign requests of an item, where its co-signing stands and whether the caller may ask (whoever reads the item)' })
  list(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ItemHelpView> {
    return this.help.forItem(p, id);
  }

  @Returns(z.array(helpRequestViewSchema))
  @Post(':id/help-requests')
  @Authenticated()
  @ApiOperation({ summary: 'The holder asks named colleagues to help or co-sign (422 HELP_RECIPIENT_CANNOT_READ for anyone who cannot read the item)' })
  ask(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(createHelpRequestSchema) body: CreateHelpRequest): Promise<HelpRequestView[]> {
    return this.help.ask(p, id, body);
  }
}

@ApiTags('items')
@ApiBearerAuth()
@Controller('help-requests')
export class HelpRequestsController {
  constructor(private readonly help: HelpRequestsService) {}

  @Returns(z.array(helpRequestViewSchema))
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Requests addressed to me ("Được nhờ hỗ trợ"): open ones of the items\' current stages, or all' })
  inbox(@CurrentPrincipal() p: Principal, @ZodQuery(helpInboxQuerySchema) q: HelpInboxQuery): Promise<HelpRequestView[]> {
    return this.help.inbox(p, q.status);
  }

  @Returns(helpRequestViewSchema)
  @Post(':id/reply')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The person asked replies to a help request' })
  reply(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(replyHelpRequestSchema) body: ReplyHelpRequest): Promise<HelpRequestView> {
    return this.help.answer(p, id, 'reply', body.text);
  }

  @Returns(helpRequestViewSchema)
  @Post(':id/sign')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The person asked co-signs' })
  sign(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(signHelpRequestSchema) body: SignHelpRequest): Promise<HelpRequestView> {
    return this.help.answer(p, id, 'sign', body.note);
  }

  @Returns(helpRequestViewSchema)
  @Post(':id/decline')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The person asked declines to co-sign, with a reason' })
  decline(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(declineHelpRequestSchema) body: DeclineHelpRequest): Promise<HelpRequestView> {
    return this.help.answer(p, id, 'decline', body.reason);
  }

  @Returns(helpRequestViewSchema)
  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The holder cancels an open request' })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(cancelHelpRequestSchema) body: CancelHelpRequest): Promise<HelpRequestView> {
    return this.help.cancel(p, id, body.reason);
  }
}
