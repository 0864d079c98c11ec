import type { InboxCounts, InboxItemView, Page } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

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
  return apiRequest<Page<InboxItemView>>('/inbox', { query: { ...filters, cursor, limit }, signal });
}

export function getInboxCounts(filters: Omit<InboxFilters, 'sort'>, signal?: AbortSignal): Promise<InboxCounts> {
  return apiRequest<InboxCounts>('/inbox/counts', { query: { ...filters }, signal });
}
