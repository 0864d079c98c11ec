import type { Language } from '@thidua/contracts';
import type { FieldSpec } from '@thidua/workflow-core';
import { isMessageKey, type PlainMessageKey, type Translate } from '../../i18n/dictionary';
import { localized, type FieldItemSpec, type FieldProblem } from './field-schema';

/** The on-screen name of a field path: `models[1].name` → "Tên mô hình (mục 2)". */
export function labelForPath(fields: readonly FieldSpec[], path: string, language: Language, t: Translate): string {
  const parts = path.split('.');
  let list: readonly (FieldSpec | (FieldItemSpec & { name?: string }))[] = fields;
  let label = path;
  let entry: number | null = null;
  for (const part of parts) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return path;
    const spec = list.find((f) => f.name === m[1]);
    if (!spec) return label;
    label = localized(spec.label, language, m[1] ?? part);
    let current: FieldItemSpec = spec;
    const indexes = [...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    for (const i of indexes) {
      entry = i + 1;
      current = current.items ?? current;
    }
    list = current.properties ?? [];
  }
  return entry !== null && parts.length > 1 ? t('items.form.entryLabel', { field: label, n: entry }) : label;
}

export function problemMessage(p: FieldProblem, field: string, t: Translate): string {
  switch (p.code) {
    case 'required':
      return t('validation.required', { field: field.toLocaleLowerCase() });
    case 'invalid_integer':
      return t('items.problem.integer', { field });
    case 'invalid_format':
      return t('items.problem.date', { field });
    case 'invalid_enum':
      return t('items.problem.enum', { field });
    case 'too_small':
      if (p.bounds === 'length') return t('validation.tooShort', { field, min: p.limit ?? 0 });
      if (p.bounds === 'entries') return t('items.problem.minEntries', { field, min: p.limit ?? 0 });
      return t('items.problem.min', { field, min: p.limit ?? 0 });
    case 'too_big':
      if (p.bounds === 'length') return t('validation.tooLong', { field, max: p.limit ?? 0 });
      if (p.bounds === 'entries') return t('items.problem.maxEntries', { field, max: p.limit ?? 0 });
      return t('items.problem.max', { field, max: p.limit ?? 0 });
    default:
      return t('items.problem.invalidType', { field });
  }
}

/** Problems → one message per path (the first wins). */
export function problemsToMessages(
  problems: readonly FieldProblem[],
  fields: readonly FieldSpec[],
  language: Language,
  t: Translate,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.path] ??= problemMessage(p, labelForPath(fields, p.path, language, t), t);
  return out;
}

/** The label of one enum value: `fieldValue.<field>.<value>` when the dictionary has it, else the value itself. */
export function enumLabel(field: string, value: unknown, t: Translate): string {
  const key = `fieldValue.${field}.${String(value)}`;
  return isMessageKey(key) ? t(key as PlainMessageKey) : String(value);
}
