import { NOTIFICATION_KINDS, type Language, type NotificationKind } from '@thidua/contracts';
import { MENTION_TEMPLATES } from './mention-templates';
import { HELP_TEMPLATES, renderHelpNotification } from './help-templates';

/**
 * What a notification says, in Vietnamese and English: ONE sentence naming what happened to which item
 * (its title), who did it (their name; "the system" only for a timer), the reason or comment when there is
 * one, and the deadline for deadline notices. The same sentence is the in-app title and the e-mail's first
 * line. Pure: the facts are in the notification's params, fixed at delivery (`NotificationFacts`).
 */
export interface NotificationFacts {
  title?: unknown;
  /** The step that caused it: `submit`, `return`, `approve`, `handover`, `timer.fired`, `reorganised`, … */
  event?: unknown;
  actorName?: unknown;
  comment?: unknown;
  outcome?: unknown;
  ballot?: unknown;
  rerouted?: unknown;
  dueAt?: unknown;
  documentSymbol?: unknown;
  documentDate?: unknown;
  /** The stage's name ({vi, en?}) for notices that name it (an early commitment honoured). */
  stageName?: unknown;
}

/** The kinds the notification page filters on (one list, in the contracts). */
export { NOTIFICATION_KINDS, type NotificationKind };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const DECIDED = new Set(['awarded', 'decided', 'approved', 'launched']);

export function notificationKind(template: string, p: NotificationFacts): NotificationKind {
  if (MENTION_TEMPLATES[template]) return 'mention';
  if (HELP_TEMPLATES[template]) return 'help';
  if (template.startsWith('deadline.') || template === 'item.escalated' || template === 'item.escalated_away') return 'deadline';
  if (template === 'item.final') return str(p.documentSymbol) && DECIDED.has(String(p.outcome)) ? 'decision' : 'finished';
  if (template === 'item.handed_over' || template === 'item.reassigned' || p.rerouted === true) return 'handover';
  if (p.event === 'return') return 'returned';
  if (p.ballot === true) return 'ballot';
  return 'waiting';
}

/** 01/03/2020 17:00, Vietnam time (the product's users are in Vietnam). */
export function dmyTime(iso: string): string {
  const vn = new Date(new Date(iso).getTime() + 7 * 3600 * 1000).toISOString();
  return `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} ${vn.slice(11, 16)}`;
}

export function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

interface Words {
  someone: string;
  system: string;
  reason: (r: string) => string;
  comment: (c: string) => string;
  due: (d: string) => string;
  doc: (symbol: string, date: string | null) => string;
}

const WORDS: Record<Language, Words> = {
  vi: {
    someone: 'Cấp xử lý',
    system: 'Hệ thống',
    reason: (r) => `, lý do: “${r}”`,
    comment: (c) => `, ý kiến: “${c}”`,
    due: (d) => ` (hạn ${d})`,
    doc: (s, d) => `văn bản số ${s}${d ? ` ngày ${dmy(d)}` : ''}`,
  },
  en: {
    someone: 'A reviewer',
    system: 'The system',
    reason: (r) => `, reason: “${r}”`,
    comment: (c) => `, comment: “${c}”`,
    due: (d) => ` (due ${d})`,
    doc: (s, d) => `document no. ${s}${d ? ` of ${dmy(d)}` : ''}`,
  },
};

/** The sentence, ending with a full stop. */
export function renderNotification(template: string, params: Record<string, unknown>, language: Language): string {
  const own = MENTION_TEMPLATES[template]?.[language];
  if (own) return own.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined || params[k] === null ? '' : String(params[k])));
  const help = renderHelpNotification(template, params, language);
  if (help) return /[.!?]$/.test(help) ? help : `${help}.`;
  const p = params as NotificationFacts;
  const w = WORDS[language];
  const t = `“${str(p.title) ?? ''}”`;
  const actor = str(p.actorName);
  const who = actor ?? (p.event === 'timer.fired' ? w.system : w.someone);
  const comment = str(p.comment);
  const due = str(p.dueAt) ? w.due(dmyTime(String(p.dueAt))) : '';
  const withComment = comment ? w.comment(comment) : '';
  const withReason = comment ? w.reason(comment) : '';
  const vi = language === 'vi';
  const kind = notificationKind(template, p);
  let s: string;
  switch (template) {
    case 'item.assigned':
    case 'item.offered':
      if (p.rerouted === true) s = vi ? `Hồ sơ ${t} được chuyển đến bạn do sắp xếp lại tổ chức (${who})${withReason}` : `${t} was moved to you by a reorganisation (${who})${withReason}`;
      else if (kind === 'returned') s = vi ? `${who} đã trả lại hồ sơ ${t} để chỉnh sửa${withReason}` : `${who} returned ${t} for changes${withReason}`;
      else if (template === 'item.offered') s = vi ? `${who} đã trả hồ sơ ${t} về nhóm xử lý; hồ sơ đang chờ người nhận${withComment}` : `${who} released ${t} back to the group; it is waiting for someone to take it${withComment}`;
      else if (kind === 'ballot') s = vi ? `${who} đã mở biểu quyết về ${t}; mời bạn bỏ phiếu${withComment}` : `${who} opened the ballot on ${t}; please vote${withComment}`;
      else if (p.event === 'approve') s = vi ? `${who} đã duyệt hồ sơ ${t} và chuyển đến bạn xử lý${withComment}` : `${who} approved ${t} and passed it to you${withComment}`;
      else if (p.event === 'submit' || p.event === 'resubmit') s = vi ? `${who} đã gửi hồ sơ ${t}; hồ sơ đang chờ bạn xử lý${withComment}` : `${who} submitted ${t}; it is waiting for you${withComment}`;
      else s = vi ? `Hồ sơ ${t} đang chờ bạn xử lý${actor ? ` (${actor})` : ''}${withComment}${due}` : `${t} is waiting for you${actor ? ` (${actor})` : ''}${withComment}${due}`;
      break;
    case 'offering.commitment_allocated': {
      const names = (p.stageName ?? {}) as { vi?: unknown; en?: unknown };
      const stage = str(vi ? names.vi : names.en) ?? str(names.vi);
      const at = stage ? ` “${stage}”` : '';
      s = vi ? `Hồ sơ ${t} đã đến bước${at} mà bạn đã nhận trước nên được giao cho bạn${actor ? ` (${actor})` : ''}` : `${t} reached the stage${at} you committed to, so it was allocated to you${actor ? ` (${actor})` : ''}`;
      break;
    }
    case 'item.handed_over':
      s = vi ? `${who} đã bàn giao hồ sơ ${t} cho bạn${withComment}` : `${who} handed ${t} over to you${withComment}`;
      break;
    case 'item.reassigned':
      s = vi ? `${who} đã giao lại hồ sơ ${t} cho bạn${withComment}` : `${who} reassigned ${t} to you${withComment}`;
      break;
    case 'item.escalated':
      s = vi ? `Hồ sơ ${t} đã quá hạn ở cấp dưới nên hệ thống chuyển lên bạn xử lý${due}` : `${t} was overdue below you, so the system escalated it to you${due}`;
      break;
    case 'item.escalated_away':
      s = vi ? `Hồ sơ ${t} đã quá hạn nên hệ thống chuyển cho người khác xử lý; bạn không còn giữ hồ sơ này${due}` : `${t} was overdue, so the system escalated it to someone else; you no longer hold it${due}`;
      break;
    case 'deadline.escalation_skipped':
      s = vi ? `Hồ sơ ${t} đã quá hạn nhưng không chuyển được lên bước tiếp theo (người nhận không xử lý được); hồ sơ vẫn ở chỗ cũ${due}` : `${t} is overdue but could not be escalated further (the receiver cannot act on it); it stays where it is${due}`;
      break;
    case 'item.final': {
      const doc = str(p.documentSymbol) ? w.doc(String(p.documentSymbol), str(p.documentDate)) : null;
      switch (String(p.outcome)) {
        case 'approved':
          s = doc && kind === 'decision' ? (vi ? `${who} đã phê duyệt hồ sơ ${t}, ${doc}${withComment}` : `${who} approved ${t}, ${doc}${withComment}`) : vi ? `${who} đã phê duyệt hồ sơ ${t}${withComment}` : `${who} approved ${t}${withComment}`;
          break;
        case 'rejected':
          s = vi ? `${who} đã không chấp thuận hồ sơ ${t}${withReason}` : `${who} did not accept ${t}${withReason}`;
          break;
        case 'awarded':
          s = vi ? `Hồ sơ ${t} đã có quyết định khen thưởng${doc ? `, ${doc}` : ''} (${who})` : `${t} has an award decision${doc ? `, ${doc}` : ''} (${who})`;
          break;
        case 'decided':
          s = vi ? `Hồ sơ ${t} đã có quyết định${doc ? `, ${doc}` : ''} (${who})${withComment}` : `${t} has been decided${doc ? `, ${doc}` : ''} (${who})${withComment}`;
          break;
        case 'launched':
          s = vi ? `${who} đã ban hành và phát động ${t}${doc ? `, ${doc}` : ''}` : `${who} issued and launched ${t}${doc ? `, ${doc}` : ''}`;
          break;
        case 'withdrawn':
          s = vi ? `${who} đã rút lại hồ sơ ${t}${withReason}` : `${who} withdrew ${t}${withReason}`;
          break;
        case 'cancelled':
          s = vi ? `${who} đã hủy hồ sơ ${t}${withReason}` : `${who} cancelled ${t}${withReason}`;
          break;
        default:
          s = vi ? `Hồ sơ ${t} đã kết thúc${actor ? ` (${actor})` : ''}${withComment}` : `${t} is finished${actor ? ` (${actor})` : ''}${withComment}`;
      }
      break;
    }
    case 'deadline.reminder':
      s = vi ? `Hồ sơ ${t} sắp đến hạn xử lý${due}` : `${t} is nearly due${due}`;
      break;
    case 'deadline.overdue':
      s = vi ? `Hồ sơ ${t} đã quá hạn xử lý${due}` : `${t} is overdue${due}`;
      break;
    case 'deadline.escalated':
      s = vi ? `Hồ sơ ${t} của đơn vị cấp dưới đã quá hạn xử lý${due}` : `${t}, held by a unit below you, is overdue${due}`;
      break;
    default:
      s = vi ? `Có cập nhật về hồ sơ ${t}` : `${t} was updated`;
  }
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The e-mail's subject: short, the kind then the title. */
export function notificationSubject(template: string, params: Record<string, unknown>): string {
  const p = params as NotificationFacts;
  const title = str(p.title) ?? '';
  const kind = notificationKind(template, p);
  switch (kind) {
    case 'mention':
      return `Bạn được nhắc đến trong hồ sơ: ${title}`;
    case 'help':
      return template.startsWith('cosign.') ? `Đồng ký hồ sơ: ${title}` : `Nhờ hỗ trợ hồ sơ: ${title}`;
    case 'returned':
      return `Hồ sơ bị trả lại: ${title}`;
    case 'ballot':
      return `Mời bỏ phiếu: ${title}`;
    case 'handover':
      return `Hồ sơ được giao cho bạn: ${title}`;
    case 'decision':
      return `Đã có văn bản số ${String(p.documentSymbol)}: ${title}`;
    case 'finished':
      return p.outcome === 'approved' ? `Hồ sơ đã được phê duyệt: ${title}` : p.outcome === 'rejected' ? `Hồ sơ không được chấp thuận: ${title}` : `Hồ sơ đã kết thúc: ${title}`;
    case 'deadline':
      return template === 'deadline.reminder' ? `Sắp đến hạn: ${title}` : `Đã quá hạn: ${title}`;
    default:
      return `Hồ sơ chờ bạn xử lý: ${title}`;
  }
}
