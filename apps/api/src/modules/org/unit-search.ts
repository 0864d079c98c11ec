/**
 * Diacritic-insensitive unit search (docs/hierarchy.md, "Search"). `unit.search_text` holds
 * `searchFold(code + ' ' + name)`, computed here on every insert, rename and import. The folding itself is the
 * product's one implementation, `common/search/search-fold.ts` (also used by the search box's items and people);
 * the migration that added the column backfilled it with the same mapping in SQL (`translate(normalize(…, NFC),
 * FROM, TO)`); `unit-search.spec.ts` checks both agree on every Vietnamese letter.
 */
import { searchFold } from '../../common/search/search-fold';

export { VIETNAMESE_LETTERS, escapeLike, searchFold, searchTerms } from '../../common/search/search-fold';

/** The stored search text of a unit. */
export function unitSearchText(code: string, name: string): string {
  return searchFold(`${code} ${name}`);
}
