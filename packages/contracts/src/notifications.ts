import { z } from 'zod';

/** What a notification is about: the notification page filters on it (computed by the API at delivery). */
export const NOTIFICATION_KINDS = ['waiting', 'returned', 'ballot', 'handover', 'finished', 'decision', 'deadline', 'mention', 'help'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationListQuerySchema = z.object({
  unreadOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  workflow: z.string().max(100).optional(),
  /** Created on or after this day (YYYY-MM-DD, Vietnam time). */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Created on or before this day (YYYY-MM-DD, Vietnam time). */
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export interface NotificationView {
  id: string;
  template: string;
  params: Record<string, unknown>;
  itemId: string | null;
  /** What happened, in one sentence in the caller's language (who, what, the reason, which item). */
  title: string;
  /** waiting | returned | ballot | handover | finished | decision | deadline (the page's filter). */
  kind: string;
  workflow: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
  /** The workflows this user has notifications about (for the filter). */
  workflows: string[];
}
