import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getInboxCounts, getInboxPage, type InboxCountFilters, type InboxFilters } from './inbox.api';
import { inboxKeys } from './inbox.keys';

/** The inbox, page after page (keyset cursor). */
export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getInboxPage(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInboxCounts(filters: InboxCountFilters) {
  return useQuery({ queryKey: inboxKeys.counts(filters), queryFn: ({ signal }) => getInboxCounts(filters, signal) });
}
