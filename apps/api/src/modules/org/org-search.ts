import { Injectable } from '@nestjs/common';
import type { SearchPersonHit, SearchUnitHit } from '@thidua/contracts';
import type { Principal } from '../../common/auth/principal';
import { AccessService } from './access.service';
import { PeopleRepository } from './people.repository';
import { UnitRepository } from './unit.repository';

/**
 * What the search box (modules/search) finds of the tree and of people, only where the caller sees: units in their
 * visible scopes (as GET /units lists them), people whose home unit is there (as the unit pages name them). Terms are
 * already folded (`common/search/search-fold.ts#searchTerms`); each asks for `limit + 1` rows to tell "more".
 */
@Injectable()
export class OrgSearch {
  constructor(
    private readonly access: AccessService,
    private readonly units: UnitRepository,
    private readonly people: PeopleRepository,
  ) {}

  unitsMatching(principal: Principal, terms: readonly string[], limit: number): Promise<SearchUnitHit[]> {
    return this.units.search({ scopes: this.access.visibleUnitPathPrefixes(principal), terms, limit });
  }

  peopleMatching(principal: Principal, terms: readonly string[], limit: number): Promise<SearchPersonHit[]> {
    return this.people.searchUsers({ scopes: this.access.visibleUnitPathPrefixes(principal), terms, limit });
  }
}
