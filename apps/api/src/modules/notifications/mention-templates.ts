import type { Language } from '@thidua/contracts';

/**
 * The mention notification (issue 19, comments): its own texts, kept apart from the runtime's templates.
 * Params: `title` (the item), `author` (who wrote the comment), `excerpt` (the comment's start).
 */
export const MENTION_TEMPLATES: Record<string, Record<Language, string>> = {
  'item.mentioned': { vi: '{author} nhắc đến bạn trong hồ sơ {title}: “{excerpt}”', en: '{author} mentioned you on {title}: “{excerpt}”' },
};
