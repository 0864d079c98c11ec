import type { SearchResponse } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** The header's search box: items, units and people the signed-in user may read (GET /api/search). */
export function searchEverything(q: string, signal?: AbortSignal): Promise<SearchResponse> {
  return data(api.GET('/search', { params: { query: { q, limit: 5 } }, signal }));
}

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};
