import type { Language } from '@thidua/contracts';

/** Titles of notifications and e-mail subjects, by template, in Vietnamese and English. */
const TEMPLATES: Record<string, Record<Language, string>> = {
  'item.assigned': { vi: 'Có hồ sơ chờ bạn xử lý: {title}', en: 'An item is waiting for you: {title}' },
  'item.offered': { vi: 'Hồ sơ được trả về nhóm xử lý: {title}', en: 'An item is offered again: {title}' },
  'item.handed_over': { vi: 'Bạn được bàn giao hồ sơ: {title}', en: 'An item was handed over to you: {title}' },
  'item.reassigned': { vi: 'Hồ sơ được giao lại cho bạn: {title}', en: 'An item was reassigned to you: {title}' },
  'item.escalated': { vi: 'Hồ sơ quá hạn được chuyển lên: {title}', en: 'An overdue item was escalated to you: {title}' },
  'item.final': { vi: 'Hồ sơ đã kết thúc ({outcome}): {title}', en: 'Item closed ({outcome}): {title}' },
  'deadline.reminder': { vi: 'Sắp đến hạn: {title}', en: 'Deadline approaching: {title}' },
  'deadline.overdue': { vi: 'Đã quá hạn: {title}', en: 'Overdue: {title}' },
  'help.requested': { vi: 'Bạn được đề nghị hỗ trợ xử lý hồ sơ: {title}', en: 'You are asked to help with an item: {title}' },
  'cosign.requested': { vi: 'Bạn được đề nghị đồng ký hồ sơ: {title}', en: 'You are asked to co-sign an item: {title}' },
  'help.answered': { vi: 'Đề nghị hỗ trợ đã được trả lời: {title}', en: 'Your help request was answered: {title}' },
  'deadline.escalated': { vi: 'Hồ sơ cấp dưới quá hạn: {title}', en: 'An item below you is overdue: {title}' },
};

export function renderNotification(template: string, params: Record<string, unknown>, language: Language): string {
  const t = TEMPLATES[template]?.[language] ?? `${template}: {title}`;
  return t.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined || params[k] === null ? '' : String(params[k])));
}
