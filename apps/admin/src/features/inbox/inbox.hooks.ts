import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commitToStage, getUpcoming, withdrawCommitment } from './upcoming.api';
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

/** Early offering: the upcoming list, and committing to / withdrawing from one of its stages. */
export function useUpcoming() {
  return useQuery({ queryKey: inboxKeys.upcoming(), queryFn: ({ signal }) => getUpcoming(signal) });
}

export function useCommitment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ itemId, stage, withdraw }: { itemId: string; stage: string; withdraw: boolean }): Promise<void> => {
      if (withdraw) await withdrawCommitment(itemId, stage);
      else await commitToStage(itemId, stage);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: inboxKeys.upcoming() }),
  });
}
