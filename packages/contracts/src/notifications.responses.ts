import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { type NotificationPage, type NotificationView } from './notifications';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const notificationViewSchema = named('NotificationView', z.object({
  id: z.string(),
  template: z.string(),
  params: z.record(z.string(), z.unknown()),
  itemId: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  workflow: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable()
}));

export const notificationPageSchema = named('NotificationPage', z.object({
  items: z.array(notificationViewSchema),
  nextCursor: z.string().nullable(),
  unread: z.number(),
  workflows: z.array(z.string())
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type notificationsResponseChecks = [
  Expect<Same<z.output<typeof notificationViewSchema>, NotificationView>>,
  Expect<Same<z.output<typeof notificationPageSchema>, NotificationPage>>,
];

/** The caller's unread count (after a read, the count left). */
export const unreadCountSchema = named('UnreadCount', z.object({ unread: z.number().int() }));
