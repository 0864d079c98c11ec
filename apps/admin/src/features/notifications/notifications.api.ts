import { NOTIFICATION_KINDS, type NotificationPage } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

export { NOTIFICATION_KINDS };

/** The page's filters; days are YYYY-MM-DD (Vietnam time on the API). */
export interface NotificationFilter {
  unreadOnly?: true;
  kind?: (typeof NOTIFICATION_KINDS)[number];
  workflow?: string;
  from?: string;
  to?: string;
}

export function listNotifications(filter: NotificationFilter, cursor: string | undefined, signal?: AbortSignal): Promise<NotificationPage> {
  const { unreadOnly, ...rest } = filter;
  const query = { ...rest, ...(unreadOnly ? { unreadOnly: 'true' as const } : {}), ...(cursor ? { cursor } : {}), limit: 30 };
  return data(api.GET('/notifications', { params: { query }, signal }));
}

export function getUnreadCount(signal?: AbortSignal): Promise<{ unread: number }> {
  return data(api.GET('/notifications/unread-count', { signal }));
}

export function markRead(id: string): Promise<{ unread: number }> {
  return data(api.POST('/notifications/{id}/read', { params: { path: { id } } }));
}

export function markAllRead(): Promise<{ unread: number }> {
  return data(api.POST('/notifications/read-all'));
}
