import type { InboxFilters } from './inbox.api';

export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => [...inboxKeys.all, 'list'] as const,
  list: (filters: InboxFilters) => [...inboxKeys.lists(), filters] as const,
  counts: (filters: Omit<InboxFilters, 'sort'>) => [...inboxKeys.all, 'counts', filters] as const,
};
