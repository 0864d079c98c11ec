import type { Language } from '@thidua/contracts';
import { isMessageKey, type PlainMessageKey, type Translate } from '../i18n/dictionary';
import { ApiError } from './api-error';

/**
 * The sentence to show for an error, in the language now on screen. The server's message is preferred (it can be
 * more specific) when it was written in that language; otherwise the dictionary's text for the code.
 */
export function describeError(error: unknown, t: Translate, language: Language): string {
  if (error instanceof ApiError) {
    if (error.message && error.language === language) return error.message;
    const key = `errorCode.${error.code}`;
    // errorCode.* messages take no parameters.
    if (isMessageKey(key)) return t(key as PlainMessageKey);
    return error.message || t('errorCode.INTERNAL');
  }
  return t('errorCode.INTERNAL');
}
