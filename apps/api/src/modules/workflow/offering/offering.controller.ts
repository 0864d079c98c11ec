import { Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  commitmentViewSchema,
  commitToStageSchema,
  upcomingListViewSchema,
  withdrawCommitmentQuerySchema,
  withdrawnCommitmentsViewSchema,
  type CommitmentView,
  type CommitToStageRequest,
  type UpcomingListView,
  type WithdrawCommitmentQuery,
  type WithdrawnCommitmentsView,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { Returns } from '../../../common/openapi/returns.decorator';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { OfferingService } from './offering.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller()
export class OfferingController {
  constructor(private readonly offering: OfferingService) {}

  @Returns(upcomingListViewSchema)
  @Get('inbox/upcoming')
  @Authenticated()
  @ApiOperation({ summary: 'Early offering: items whose upcoming stage I would be offered when it opens, with who committed to it' })
  upcoming(@CurrentPrincipal() p: Principal): Promise<UpcomingListView> {
    return this.offering.upcoming(p);
  }

  @Returns(commitmentViewSchema)
  @Post('items/:id/commitments')
  @Authenticated()
  @ApiOperation({ summary: 'Commit to take an upcoming stage of the item when it opens (409 COMMITMENT_TAKEN with the holder when someone was first)' })
  commit(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(commitToStageSchema) body: CommitToStageRequest): Promise<CommitmentView> {
    return this.offering.commit(p, id, body);
  }

  @Returns(withdrawnCommitmentsViewSchema)
  @Delete('items/:id/commitments')
  @Authenticated()
  @ApiOperation({ summary: 'Withdraw my commitment to an upcoming stage of the item (all of mine on the item without `stage`)' })
  withdraw(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodQuery(withdrawCommitmentQuerySchema) q: WithdrawCommitmentQuery): Promise<WithdrawnCommitmentsView> {
    return this.offering.withdraw(p, id, q);
  }
}
