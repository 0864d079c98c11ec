import type { NotificationPage } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

export function listNotifications(query: { unreadOnly?: 'true'; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<NotificationPage> {
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
