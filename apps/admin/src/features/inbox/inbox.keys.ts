import type { InboxCountFilters, InboxFilters } from './inbox.api';

export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => [...inboxKeys.all, 'list'] as const,
  list: (filters: InboxFilters) => [...inboxKeys.lists(), filters] as const,
  counts: (filters: InboxCountFilters) => [...inboxKeys.all, 'counts', filters] as const,
  upcoming: () => [...inboxKeys.all, 'upcoming'] as const,
};
