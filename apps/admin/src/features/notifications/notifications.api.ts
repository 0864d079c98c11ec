import type { NotificationPage } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

export function listNotifications(query: { unreadOnly?: 'true'; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<NotificationPage> {
  return apiRequest<NotificationPage>('/notifications', { query, signal });
}

export function getUnreadCount(signal?: AbortSignal): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>('/notifications/unread-count', { signal });
}

export function markRead(id: string): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>(`/notifications/${id}/read`, { method: 'POST' });
}

export function markAllRead(): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>('/notifications/read-all', { method: 'POST' });
}
