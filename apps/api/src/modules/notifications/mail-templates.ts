import { dmyTime, notificationKind, notificationSubject, renderNotification } from './notification-templates';

/**
 * The e-mail of a notification: what happened to the item (returned with the reason, approved,
 * decided with the document's number, waiting for you), who did it, and a link to the item; in
 * Vietnamese, as text and HTML. Pure: the facts are read by the caller (`ItemMailFacts`).
 */
export interface ItemMailFacts {
  title: string;
  /** The last step on the item: `return`, `approve`, `reject`, `submit`, … */
  lastAction: string | null;
  lastComment: string | null;
  lastActorName: string | null;
  /** `01/QĐ-LĐLĐ` when the item produced a numbered document. */
  documentSymbol: string | null;
  documentDate: string | null;
  dueAt: string | null;
}

export interface MailInput {
  template: string;
  /** The notification's params, with the facts fixed at delivery (actor's name, comment, document, deadline). */
  params: Record<string, unknown>;
  recipientName: string | null;
  /** Absolute link to the item in the admin app, or to the notifications page. */
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The in-app sentence first (the same words), then the deadline and what to do. */
function describe(input: MailInput): { subject: string; lines: string[] } {
  const p = input.params;
  const kind = notificationKind(input.template, p);
  const due = typeof p.dueAt === 'string' && !input.template.startsWith('deadline.') && input.template !== 'item.escalated' && input.template !== 'item.escalated_away' ? `Hạn xử lý: ${dmyTime(p.dueAt)}.` : null;
  const todo = kind === 'returned' ? 'Vui lòng chỉnh sửa theo ý kiến trên và gửi lại.' : kind === 'ballot' ? 'Vui lòng mở hồ sơ để bỏ phiếu.' : null;
  return { subject: notificationSubject(input.template, p), lines: [renderNotification(input.template, p, 'vi'), todo, due].filter((l): l is string => l !== null) };
}

export function renderMail(input: MailInput): RenderedMail {
  const { subject, lines } = describe(input);
  const greeting = input.recipientName ? `Kính gửi ${input.recipientName},` : 'Kính gửi đồng chí,';
  const footer = 'Thư này được gửi tự động từ ThiĐua Flow; vui lòng không trả lời thư.';
  const text = [greeting, '', ...lines, '', `Xem hồ sơ: ${input.link}`, '', '--', footer].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a;line-height:1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:8px 16px;background:#1f3d8a;color:#ffffff;text-decoration:none;border-radius:4px">Xem hồ sơ</a></p>`,
    `<p style="font-size:12px;color:#666">${escapeHtml(input.link)}</p>`,
    `<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#666">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
