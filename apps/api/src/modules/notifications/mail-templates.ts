import { renderNotification } from './notification-templates';

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
  params: Record<string, unknown>;
  recipientName: string | null;
  /** Absolute link to the item in the admin app, or to the notifications page. */
  link: string;
  facts: ItemMailFacts | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function dmyTime(iso: string): string {
  const vn = new Date(new Date(iso).getTime() + 7 * 3600 * 1000).toISOString();
  return `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} ${vn.slice(11, 16)}`;
}

function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const OUTCOME: Record<string, string> = {
  approved: 'đã được phê duyệt',
  rejected: 'không được chấp thuận',
  awarded: 'đã có quyết định khen thưởng',
  decided: 'đã có quyết định',
  launched: 'đã được ban hành và phát động',
  closed: 'đã kết thúc',
  withdrawn: 'đã được rút lại',
  cancelled: 'đã bị hủy',
};

/** The headline and the lines of detail: what happened, then what to do. */
function describe(input: MailInput): { subject: string; lines: string[] } {
  const f = input.facts;
  const title = f?.title ?? String(input.params.title ?? '');
  const q = `“${title}”`;
  const by = f?.lastActorName ? ` (${f.lastActorName})` : '';
  const reason = f?.lastComment ? `Lý do: ${f.lastComment}` : null;
  const numbered = f?.documentSymbol ? `Văn bản số ${f.documentSymbol}${f.documentDate ? ` ngày ${dmy(f.documentDate)}` : ''}.` : null;
  const due = f?.dueAt ?? (typeof input.params.dueAt === 'string' ? input.params.dueAt : null);
  const dueLine = due ? `Hạn xử lý: ${dmyTime(due)}.` : null;
  const isReturned = f?.lastAction === 'return';

  switch (input.template) {
    case 'item.assigned':
    case 'item.offered':
    case 'item.reassigned':
    case 'item.handed_over':
      if (isReturned) {
        return { subject: `Hồ sơ bị trả lại: ${title}`, lines: [`Hồ sơ ${q} đã bị trả lại để chỉnh sửa${by}.`, reason ?? 'Không có ghi chú kèm theo.', 'Vui lòng chỉnh sửa theo ý kiến trên và gửi lại.', dueLine].filter(Boolean) as string[] };
      }
      if (f?.lastAction === 'approve') {
        return { subject: `Hồ sơ chờ bạn xử lý: ${title}`, lines: [`Hồ sơ ${q} đã được cấp dưới phê duyệt${by} và chuyển đến bạn.`, f.lastComment ? `Ý kiến: ${f.lastComment}` : null, dueLine].filter(Boolean) as string[] };
      }
      return { subject: renderNotification(input.template, input.params, 'vi'), lines: [`${renderNotification(input.template, input.params, 'vi')}.`, f?.lastComment ? `Ý kiến kèm theo${by}: ${f.lastComment}` : null, dueLine].filter(Boolean) as string[] };
    case 'item.final': {
      const outcome = String(input.params.outcome ?? '');
      const what = OUTCOME[outcome] ?? (outcome ? `đã kết thúc (${outcome})` : 'đã kết thúc');
      const decided = numbered && (outcome === 'awarded' || outcome === 'decided' || outcome === 'approved' || outcome === 'launched');
      const subject = decided ? `Đã có văn bản số ${f!.documentSymbol}: ${title}` : outcome === 'approved' ? `Hồ sơ đã được phê duyệt: ${title}` : `Hồ sơ ${what}: ${title}`;
      return { subject, lines: [`Hồ sơ ${q} ${what}${by}.`, numbered, outcome === 'rejected' ? reason : f?.lastComment ? `Ý kiến: ${f.lastComment}` : null].filter(Boolean) as string[] };
    }
    case 'deadline.reminder':
      return { subject: `Sắp đến hạn: ${title}`, lines: [`Hồ sơ ${q} sắp đến hạn xử lý.`, dueLine].filter(Boolean) as string[] };
    case 'deadline.overdue':
      return { subject: `Đã quá hạn: ${title}`, lines: [`Hồ sơ ${q} đã quá hạn xử lý.`, dueLine].filter(Boolean) as string[] };
    case 'deadline.escalated':
      return { subject: `Hồ sơ cấp dưới quá hạn: ${title}`, lines: [`Hồ sơ ${q} của đơn vị cấp dưới đã quá hạn và được báo lên bạn.`, dueLine].filter(Boolean) as string[] };
    case 'item.escalated':
      return { subject: `Hồ sơ quá hạn được chuyển lên: ${title}`, lines: [`Hồ sơ ${q} đã quá hạn ở cấp dưới và được chuyển đến bạn.`, dueLine].filter(Boolean) as string[] };
    case 'item.escalated_away':
      return { subject: `Hồ sơ quá hạn đã được chuyển đi: ${title}`, lines: [`Hồ sơ ${q} đã quá hạn và được chuyển cho người khác xử lý; bạn không còn giữ hồ sơ này.`, dueLine].filter(Boolean) as string[] };
    case 'deadline.escalation_skipped':
      return { subject: `Không chuyển được hồ sơ quá hạn: ${title}`, lines: [`Hồ sơ ${q} đã quá hạn nhưng không chuyển được lên bước tiếp theo (người nhận không xử lý được); hồ sơ vẫn ở chỗ cũ.`, dueLine].filter(Boolean) as string[] };
    default:
      return { subject: renderNotification(input.template, input.params, 'vi'), lines: [`${renderNotification(input.template, input.params, 'vi')}.`] };
  }
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
