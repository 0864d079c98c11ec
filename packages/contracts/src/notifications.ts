import { z } from 'zod';

export const notificationListQuerySchema = z.object({
  unreadOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export interface NotificationView {
  id: string;
  template: string;
  params: Record<string, unknown>;
  itemId: string | null;
  /** Rendered in the caller's language. */
  title: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}
