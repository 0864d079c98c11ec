import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type SearchQuery, type SearchResponse, searchQuerySchema, searchResponseSchema } from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { Returns } from '../../common/openapi/returns.decorator';
import { ZodQuery } from '../../common/validation/zod-validation';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Returns(searchResponseSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Items, units and people I may read whose text holds every word of q (accent- and case-insensitive), grouped, limit per kind' })
  find(@CurrentPrincipal() p: Principal, @ZodQuery(searchQuerySchema) q: SearchQuery): Promise<SearchResponse> {
    return this.search.search(p, q);
  }
}
