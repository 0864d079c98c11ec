import type { FieldSpec, Problem } from './field-types';
import type { JsonValue } from './json';

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

function label(spec: Pick<FieldSpec, 'label'>, path: string): string {
  return spec.label?.vi ? `${spec.label.vi} (${path})` : path;
}

function checkValue(spec: Omit<FieldSpec, 'name'>, value: JsonValue, path: string, out: Problem[]): void {
  const name = label(spec, path);
  const bounds = (n: number, what: string): void => {
    if (spec.min !== undefined && n < spec.min) out.push({ path, code: 'too_small', message: `${name}: ${what} must be at least ${spec.min}` });
    if (spec.max !== undefined && n > spec.max) out.push({ path, code: 'too_big', message: `${name}: ${what} must be at most ${spec.max}` });
  };
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') out.push({ path, code: 'invalid_type', message: `${name} must be text` });
      else bounds(value.length, 'length');
      return;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push({ path, code: 'invalid_type', message: `${name} must be a number` });
      else if (spec.type === 'integer' && !Number.isInteger(value)) out.push({ path, code: 'invalid_type', message: `${name} must be a whole number` });
      else bounds(value, 'value');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push({ path, code: 'invalid_type', message: `${name} must be true or false` });
      return;
    case 'date':
      if (typeof value !== 'string' || !DATE_RE.test(value) || Number.isNaN(Date.parse(value))) out.push({ path, code: 'invalid_format', message: `${name} must be a date (YYYY-MM-DD)` });
      return;
    case 'enum':
      if (!(spec.values ?? []).some((v) => v === value)) out.push({ path, code: 'invalid_enum', message: `${name} must be one of ${(spec.values ?? []).join(', ')}` });
      return;
    case 'array':
      if (!Array.isArray(value)) {
        out.push({ path, code: 'invalid_type', message: `${name} must be a list` });
        return;
      }
      bounds(value.length, 'number of entries');
      if (spec.items) {
        const items = spec.items;
        value.forEach((v, i) => checkPresent(items, v, `${path}[${i}]`, out));
      }
      return;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ path, code: 'invalid_type', message: `${name} must be an object` });
        return;
      }
      out.push(...validateData(spec.properties ?? [], value, `${path}.`));
      return;
  }
}

function checkPresent(spec: Omit<FieldSpec, 'name'>, value: JsonValue | undefined, path: string, out: Problem[]): void {
  if (value === undefined || value === null || value === '') {
    if (spec.required) out.push({ path, code: 'required', message: `${label(spec, path)} is required` });
    return;
  }
  checkValue(spec, value, path, out);
}

/** Checks item data against field specs; returns every problem with its path (`models[0].name`). */
export function validateData(fields: readonly FieldSpec[], data: { [key: string]: JsonValue }, prefix = ''): Problem[] {
  const out: Problem[] = [];
  for (const f of fields) checkPresent(f, data[f.name], `${prefix}${f.name}`, out);
  return out;
}
