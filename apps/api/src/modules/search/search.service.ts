import { Injectable } from '@nestjs/common';
import type { SearchQuery, SearchResponse } from '@thidua/contracts';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { searchTerms } from '../../common/search/search-fold';
import { OrgSearch } from '../org/index';
import { ItemsService } from '../workflow/index';

/**
 * The admin's one search box (issue 19, line 5; docs/ARCHITECTURE.md, "Search"): the query folded once
 * (`searchTerms`, the product's one folding), then each kind asked of its owner, which applies the caller's scope in
 * its own SQL: items by the items list's visibility rule, units and people by the tree scope (`OrgSearch`).
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly org: OrgSearch,
    private readonly items: ItemsService,
  ) {}

  async search(principal: Principal, q: SearchQuery): Promise<SearchResponse> {
    const terms = searchTerms(q.q);
    // zod trimmed q; a query of only spaces of another kind (no-break space...) folds to no word.
    if (terms.length === 0) throw AppError.validation([{ path: 'query.q', reason: 'too_small', message: 'q has no word to search' }]);
    const asked = new Set(q.kinds);
    const take = q.limit + 1;
    const [items, units, people] = await Promise.all([
      asked.has('items') ? this.items.searchTitles(principal, terms, take) : [],
      asked.has('units') ? this.org.unitsMatching(principal, terms, take) : [],
      asked.has('people') ? this.org.peopleMatching(principal, terms, take) : [],
    ]);
    return {
      items: items.slice(0, q.limit),
      units: units.slice(0, q.limit),
      people: people.slice(0, q.limit),
      moreItems: items.length > q.limit,
      moreUnits: units.length > q.limit,
      morePeople: people.length > q.limit,
    };
  }
}
