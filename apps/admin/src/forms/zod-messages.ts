import type { z } from 'zod';
import type { Translate } from '../i18n/dictionary';

/**
 * Turn a contract schema's issues into one message per field, in the user's language. Forms validate with the same
 * zod schemas the API uses (from @thidua/contracts), so both sides agree on the rules.
 * `labels` gives each field's name as it appears on screen, for sentences like "Mật khẩu mới cần ít nhất 10 ký tự".
 */
export function zodIssuesToMessages(
  issues: readonly z.core.$ZodIssue[],
  labels: Record<string, string>,
  t: Translate,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.map(String).join('.');
    if (out[name]) continue;
    const field = labels[name] ?? name;
    if (issue.code === 'too_small' && Number(issue.minimum) > 1) {
      out[name] = t('validation.tooShort', { field, min: Number(issue.minimum) });
    } else if (issue.code === 'too_small' || issue.code === 'invalid_type') {
      out[name] = t('validation.required', { field: field.toLocaleLowerCase() });
    } else if (issue.code === 'too_big') {
      out[name] = t('validation.tooLong', { field, max: Number(issue.maximum) });
    } else {
      out[name] = issue.message;
    }
  }
  return out;
}
