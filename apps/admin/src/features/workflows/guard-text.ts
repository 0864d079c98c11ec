import type { Language } from '@thidua/contracts';
import type { Expression, FieldSpec, Operand } from '@thidua/workflow-core';
import { isMessageKey, type PlainMessageKey, type Translate } from '../../i18n/dictionary';
import { enumLabel } from '../items/field-messages';
import { localized } from '../items/field-schema';

/**
 * A transition's condition in words ("Loại kế hoạch là «Kế hoạch theo ngành…»"), never its JSON: data fields by their
 * label, context values by their dictionary name, enum values by their label (`fieldValue.<field>.<value>`), unit
 * kinds by name, other constants in quotes.
 */
export function guardText(expr: Expression, fields: readonly FieldSpec[], language: Language, t: Translate): string {
  const fieldName = (path: string): string => {
    if (path.startsWith('context.')) {
      const key = `workflows.guard.${path}`;
      return isMessageKey(key) ? t(key as PlainMessageKey) : t('workflows.guard.context');
    }
    const name = path.replace(/^data\./, '').split('.')[0] ?? path;
    const spec = fields.find((f) => f.name === name);
    return localized(spec?.label, language, `«${name}»`);
  };
  const constant = (value: unknown, near?: Operand): string => {
    if (Array.isArray(value)) return value.map((v) => constant(v, near)).join(', ');
    if (typeof value === 'boolean') return t(value ? 'workflows.guard.true' : 'workflows.guard.false');
    if (near && 'field' in near) {
      if (near.field === 'context.unitKind') {
        const key = `unitKind.${String(value)}`;
        if (isMessageKey(key)) return `«${t(key as PlainMessageKey)}»`;
      }
      const name = near.field.replace(/^data\./, '').split('.')[0] ?? '';
      const label = enumLabel(name, value, t);
      if (label !== String(value)) return `«${label}»`;
    }
    return `«${String(value)}»`;
  };
  const operand = (o: Operand, other: Operand): string => ('field' in o ? fieldName(o.field) : constant(o.const, other));
  const walk = (e: Expression): string => {
    switch (e.op) {
      case 'and':
      case 'or':
        return e.args.map((a) => (a.op === 'and' || a.op === 'or' ? `(${walk(a)})` : walk(a))).join(` ${t(`workflows.guard.${e.op}`)} `);
      case 'not':
        return t('workflows.guard.not', { condition: walk(e.arg) });
      case 'exists':
        return t('workflows.guard.exists', { field: fieldName(e.field) });
      case 'const':
        return t(e.value ? 'workflows.guard.always' : 'workflows.guard.never');
      default:
        return t(`workflows.guard.op.${e.op}` as 'workflows.guard.op.==', { left: operand(e.left, e.right), right: operand(e.right, e.left) });
    }
  };
  return walk(expr);
}
