import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Language, NotificationPage, NotificationView, Role } from '@thidua/contracts';
import { AppError } from '../../common/errors/app-error';
import { currentLogger, currentRequest } from '../../common/logging/request-context';
import { OrgGateway } from '../org/index';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { NotificationRepository, type NotificationRecord } from './notification.repository';
import { renderMail, type ItemMailFacts } from './mail-templates';
import { renderNotification } from './notification-templates';

export interface NotifyJob {
  outboxId: string;
  /** `except`: holders of the role whom separation of duties bars from the item (never told it is theirs). */
  to: { userId: string } | { unitId: string; role: Role; except?: string[] };
  template: string;
  params: Record<string, unknown>;
  itemId: string | null;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly org: OrgGateway,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Delivers one outbox notification (a job; at-least-once): resolves the recipients, writes one
   * in-app row each keyed by outbox id + user (a retry adds nothing), and e-mails the new ones.
   */
  async deliver(job: NotifyJob): Promise<number> {
    const to = job.to;
    const userIds = 'userId' in to ? [to.userId] : (await this.org.usersHoldingRole(to.role, to.unitId)).filter((u) => !(to.except ?? []).includes(u));
    const created = await this.notifications.insertOnce(
      userIds.map((userId) => ({ userId, template: job.template, params: job.params, itemId: job.itemId, dedupKey: `${job.outboxId}:${userId}` })),
    );
    if (created.length === 0) return 0;
    const emailed: string[] = [];
    let facts: ItemMailFacts | null | undefined;
    for (const n of created) {
      const email = n.email;
      if (!email) continue;
      try {
        if (facts === undefined) facts = job.itemId ? await this.notifications.itemMailFacts(job.itemId) : null;
        const link = `${this.config.publicUrl}${job.itemId ? `/items/${job.itemId}` : '/notifications'}`;
        const m = renderMail({ template: n.template, params: n.params, recipientName: n.fullName, link, facts });
        const requestId = currentRequest()?.requestId;
        await this.mail.send({ to: email, subject: m.subject, text: m.text, html: m.html, ...(requestId ? { headers: { 'X-Request-Id': requestId } } : {}) });
        emailed.push(n.id);
      } catch (err) {
        currentLogger().warn({ err, notificationId: n.id }, 'e-mail not sent; the in-app notification stays');
      }
    }
    await this.notifications.markEmailed(emailed);
    return created.length;
  }

  private view(n: NotificationRecord, language: Language): NotificationView {
    return {
      id: n.id,
      template: n.template,
      params: n.params,
      itemId: n.itemId,
      title: renderNotification(n.template, n.params, language),
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    };
  }

  async list(userId: string, q: { unreadOnly?: boolean; cursor?: string; limit: number }): Promise<NotificationPage> {
    const rows = await this.notifications.page(userId, q.unreadOnly ?? false, q.cursor ?? null, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const language = currentRequest()?.language ?? 'vi';
    return {
      items: page.map((n) => this.view(n, language)),
      nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
      unread: await this.notifications.unreadCount(userId),
    };
  }

  async unreadCount(userId: string): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(userId) };
  }

  async markRead(userId: string, id: string): Promise<{ unread: number }> {
    if (!(await this.notifications.markRead(userId, id))) throw AppError.notFound('notification');
    return this.unreadCount(userId);
  }

  async markAllRead(userId: string): Promise<{ unread: number }> {
    await this.notifications.markAllRead(userId);
    return this.unreadCount(userId);
  }
}
