export const notificationsKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationsKeys.all, 'list'] as const,
  list: (unreadOnly: boolean) => [...notificationsKeys.lists(), { unreadOnly }] as const,
  unread: () => [...notificationsKeys.all, 'unread'] as const,
};
