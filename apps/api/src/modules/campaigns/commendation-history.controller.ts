import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commendationHistoryPageSchema, commendationHistoryQuerySchema, type CommendationHistoryPage, type CommendationHistoryQuery } from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { Returns } from '../../common/openapi/returns.decorator';
import { ZodQuery } from '../../common/validation/zod-validation';
import { CommendationHistoryService } from './commendation-history.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('commendations')
export class CommendationHistoryController {
  constructor(private readonly history: CommendationHistoryService) {}

  @Returns(commendationHistoryPageSchema)
  @Get('history')
  @Authenticated()
  @ApiOperation({ summary: "A person's (userId) or a unit's (unitId) commendations: the nominations that reached a decision, newest decision first" })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(commendationHistoryQuerySchema) q: CommendationHistoryQuery): Promise<CommendationHistoryPage> {
    return this.history.history(p, q);
  }
}
