import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useHasSession } from '../auth/session';
import { getUnreadCount, listNotifications, markAllRead, markRead, type NotificationFilter } from './notifications.api';
import { notificationsKeys } from './notifications.keys';

/** The header's unread count: polled every minute and when the window regains focus. */
export function useUnreadCount() {
  const hasSession = useHasSession();
  return useQuery({
    queryKey: notificationsKeys.unread(),
    queryFn: ({ signal }) => getUnreadCount(signal),
    enabled: hasSession,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(filter: NotificationFilter) {
  return useInfiniteQuery({
    queryKey: notificationsKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listNotifications(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') => (id === 'all' ? markAllRead() : markRead(id)),
    onSuccess: ({ unread }) => {
      queryClient.setQueryData(notificationsKeys.unread(), { unread });
      void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
    },
  });
}
