import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Language, NotificationListQuery, NotificationPage, NotificationView, Role } from '@thidua/contracts';
import { AppError } from '../../common/errors/app-error';
import { currentLogger, currentRequest } from '../../common/logging/request-context';
import { OrgGateway } from '../org/index';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { NotificationRepository, type NotificationRecord } from './notification.repository';
import { renderMail } from './mail-templates';
import { notificationKind, renderNotification } from './notification-templates';

export interface NotifyJob {
  outboxId: string;
  /** `except`: holders of the role whom separation of duties bars from the item (never told it is theirs). */
  to: { userId: string } | { unitId: string; role: Role; except?: string[] };
  template: string;
  params: Record<string, unknown>;
  itemId: string | null;
  /** `item@version` of the step that caused it: one notification per recipient per event. */
  eventKey?: string;
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
    // Nobody is told of their own step (creating a draft assigns it to its author, who needs no notice of it).
    const actor = typeof job.params.actorUserId === 'string' ? job.params.actorUserId : null;
    const userIds = [...new Set('userId' in to ? [to.userId] : (await this.org.usersHoldingRole(to.role, to.unitId)).filter((u) => !(to.except ?? []).includes(u)))].filter((u) => u !== actor);
    if (userIds.length === 0) return 0;
    const params = await this.facts(job);
    // One row per recipient per event and kind of notice: the event's key (item@version) when the runtime gave one,
    // else the outbox row. A step that tells one person two different things (an escalation taking the work from
    // them and telling the supervisors above, who include them) keeps both; the same notice twice is kept once.
    const event = job.eventKey ?? job.outboxId;
    const created = await this.notifications.insertOnce(
      userIds.map((userId) => ({ userId, template: job.template, params, itemId: job.itemId, dedupKey: `${event}:${job.template}:${userId}` })),
    );
    if (created.length === 0) return 0;
    const emailed: string[] = [];
    for (const n of created) {
      const email = n.email;
      if (!email) continue;
      try {
        const link = `${this.config.publicUrl}${job.itemId ? `/items/${job.itemId}` : '/notifications'}`;
        const m = renderMail({ template: n.template, params: n.params, recipientName: n.fullName, link });
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

  /**
   * The params a notification keeps: the job's (event, actor, comment, fixed when the step was written) with the
   * actor's display name, the item's numbered document and deadline, and the kind the page filters on. A job
   * without the event's facts (written by an older version) takes the item's last recorded step.
   */
  private async facts(job: NotifyJob): Promise<Record<string, unknown>> {
    const p: Record<string, unknown> = { ...job.params };
    const item = job.itemId ? await this.notifications.itemMailFacts(job.itemId) : null;
    if (item) {
      if (p.title === undefined) p.title = item.title;
      if (p.event === undefined) {
        p.event = item.lastAction;
        if (p.comment === undefined) p.comment = item.lastComment;
        if (p.actorName === undefined) p.actorName = item.lastActorName;
      }
      if (item.documentSymbol) {
        p.documentSymbol = item.documentSymbol;
        p.documentDate = item.documentDate;
      }
      if (p.dueAt === undefined && item.dueAt) p.dueAt = item.dueAt;
    }
    if (typeof p.actorUserId === 'string' && p.actorName === undefined) p.actorName = await this.notifications.personName(p.actorUserId);
    p.kind = notificationKind(job.template, p);
    return p;
  }

  private view(n: NotificationRecord, language: Language): NotificationView {
    return {
      id: n.id,
      template: n.template,
      params: n.params,
      itemId: n.itemId,
      title: renderNotification(n.template, n.params, language),
      kind: typeof n.params.kind === 'string' ? n.params.kind : notificationKind(n.template, n.params),
      workflow: typeof n.params.workflow === 'string' ? n.params.workflow : null,
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    };
  }

  async list(userId: string, q: NotificationListQuery): Promise<NotificationPage> {
    // Days are Vietnam days: [from 00:00, to + 1 day 00:00) at UTC+7.
    const day = (d: string | undefined, plus: number) => (d ? new Date(Date.parse(`${d}T00:00:00+07:00`) + plus * 86_400_000).toISOString() : null);
    const filter = { unreadOnly: q.unreadOnly ?? false, kind: q.kind ?? null, workflow: q.workflow ?? null, from: day(q.from, 0), to: day(q.to, 1) };
    const rows = await this.notifications.page(userId, filter, q.cursor ?? null, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const language = currentRequest()?.language ?? 'vi';
    return {
      items: page.map((n) => this.view(n, language)),
      nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
      unread: await this.notifications.unreadCount(userId),
      workflows: await this.notifications.workflows(userId),
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
