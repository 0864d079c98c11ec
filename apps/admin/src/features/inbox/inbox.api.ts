import type { InboxCounts, InboxItemView, Page } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Filters of the inbox as the page holds them (the API's query, before its defaults). */
export interface InboxFilters {
  workflow?: string;
  stage?: string;
  unitId?: string;
  campaignId?: string;
  overdue?: 'true';
  /** Suspended items are paused and left out of the inbox unless asked for (the API's default is active). */
  status?: 'suspended';
  sort: 'due_at' | 'updated_at';
}

export function getInboxPage(filters: InboxFilters, cursor: string | undefined, signal?: AbortSignal, limit = 50): Promise<Page<InboxItemView>> {
  return data(api.GET('/inbox', { params: { query: { ...filters, cursor, limit } }, signal }));
}

/** Counts by workflow and stage; per unit only when asked (`byUnit`, the `unitLimit` units with the most waiting). */
export type InboxCountFilters = Omit<InboxFilters, 'sort'> & { byUnit?: 'true'; unitLimit?: number };

export function getInboxCounts(filters: InboxCountFilters, signal?: AbortSignal): Promise<InboxCounts> {
  return data(api.GET('/inbox/counts', { params: { query: filters }, signal }));
}
