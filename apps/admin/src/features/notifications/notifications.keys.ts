import type { NotificationFilter } from './notifications.api';

export const notificationsKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationsKeys.all, 'list'] as const,
  list: (filter: NotificationFilter) => [...notificationsKeys.lists(), filter] as const,
  unread: () => [...notificationsKeys.all, 'unread'] as const,
};
