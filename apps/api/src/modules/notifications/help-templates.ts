import type { Language } from '@thidua/contracts';

/**
 * The help and co-sign request notifications (issue 15, line 6): their own texts, kept apart from the runtime's.
 * Params: `title` (the item), `stageName` (the stage's name in Vietnamese; `stageNameEn` in English), `actorName`
 * (who asked, answered or cancelled, added at delivery from `actorUserId`), `text` (the message, reply or reason).
 */
export const HELP_TEMPLATES: Record<string, Record<Language, string>> = {
  'help.requested': { vi: '{actorName} nhờ bạn hỗ trợ hồ sơ “{title}” ở bước {stageName}: “{text}”', en: '{actorName} asked you to help with “{title}” at {stageName}: “{text}”' },
  'cosign.requested': { vi: '{actorName} đề nghị bạn đồng ký hồ sơ “{title}” ở bước {stageName}: “{text}”', en: '{actorName} asked you to co-sign “{title}” at {stageName}: “{text}”' },
  'help.replied': { vi: '{actorName} đã trả lời yêu cầu hỗ trợ hồ sơ “{title}”: “{text}”', en: '{actorName} replied to your request for help with “{title}”: “{text}”' },
  'cosign.signed': { vi: '{actorName} đã đồng ký hồ sơ “{title}” ở bước {stageName}', en: '{actorName} co-signed “{title}” at {stageName}' },
  'cosign.declined': { vi: '{actorName} đã từ chối đồng ký hồ sơ “{title}”, lý do: “{text}”', en: '{actorName} declined to co-sign “{title}”, reason: “{text}”' },
  'help.cancelled': { vi: '{actorName} đã hủy yêu cầu nhờ bạn hỗ trợ hồ sơ “{title}”', en: '{actorName} withdrew the request for your help with “{title}”' },
  'cosign.cancelled': { vi: '{actorName} đã hủy đề nghị bạn đồng ký hồ sơ “{title}”', en: '{actorName} withdrew the request for your co-signature on “{title}”' },
};

/** The sentence of a help notification, or undefined for any other template. */
export function renderHelpNotification(template: string, params: Record<string, unknown>, language: Language): string | undefined {
  const own = HELP_TEMPLATES[template]?.[language];
  if (!own) return undefined;
  const value = (k: string): string => {
    const key = k === 'stageName' && language === 'en' && typeof params.stageNameEn === 'string' && params.stageNameEn ? 'stageNameEn' : k;
    const v = params[key];
    if (k === 'actorName' && (v === undefined || v === null || v === '')) return language === 'vi' ? 'Đồng nghiệp' : 'A colleague';
    return v === undefined || v === null ? '' : String(v);
  };
  return own.replace(/\{(\w+)\}/g, (_, k: string) => value(k));
}
