import type { Language } from '@thidua/contracts';
import type { FieldSpec, LocalizedText } from '@thidua/workflow-core';

/**
 * Forms generated from a stage's field list (workflow-core's FieldSpec). The checks mirror workflow-core's
 * `validateData` (the server runs that one on submit), so the user meets the same rules before sending; the
 * messages are the admin's own, in the user's language. Pure functions, no React.
 */

export type FieldItemSpec = Omit<FieldSpec, 'name'>;

export interface FieldProblem {
  /** `goals`, `models[0].name` — the server's paths too (without its `data.` prefix). */
  path: string;
  code: 'required' | 'invalid_type' | 'invalid_integer' | 'invalid_format' | 'invalid_enum' | 'too_small' | 'too_big';
  /** The bound for too_small / too_big, and what it bounds. */
  limit?: number;
  bounds?: 'length' | 'value' | 'entries';
}

export function localized(text: LocalizedText | undefined, language: Language, fallback: string): string {
  if (!text) return fallback;
  return (language === 'en' ? text.en : undefined) ?? text.vi ?? fallback;
}

interface StageLike {
  kind?: string;
  name?: LocalizedText;
  fields?: FieldSpec[];
  transitions?: Array<{ on: string; target?: string; by?: unknown; label?: LocalizedText }>;
  vote?: { ballot?: 'secret' | 'open' };
  requiresCommentOn?: string[];
}

export interface DefinitionLike {
  initialStage?: string;
  stages?: Record<string, StageLike>;
  dataFields?: FieldSpec[];
  separationOfDuties?: { submitterCannotApprove?: boolean };
}

export function asDefinition(value: Record<string, unknown> | undefined): DefinitionLike {
  return (value ?? {}) as DefinitionLike;
}

export function stageOf(def: DefinitionLike, stageId: string): StageLike | undefined {
  return def.stages?.[stageId];
}

/** Every field the workflow knows (stage fields, then data fields), first declaration wins: labels for the data view. */
export function allFields(def: DefinitionLike): FieldSpec[] {
  const seen = new Map<string, FieldSpec>();
  for (const stage of Object.values(def.stages ?? {})) for (const f of stage.fields ?? []) if (!seen.has(f.name)) seen.set(f.name, f);
  for (const f of def.dataFields ?? []) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

const isMissing = (v: unknown) => v === undefined || v === null || v === '';

function checkValue(spec: FieldItemSpec, value: unknown, path: string, out: FieldProblem[]): void {
  const bounds = (n: number, what: FieldProblem['bounds']) => {
    if (spec.min !== undefined && n < spec.min) out.push({ path, code: 'too_small', limit: spec.min, bounds: what });
    if (spec.max !== undefined && n > spec.max) out.push({ path, code: 'too_big', limit: spec.max, bounds: what });
  };
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') out.push({ path, code: 'invalid_type' });
      else bounds(value.length, 'length');
      return;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push({ path, code: 'invalid_type' });
      else if (spec.type === 'integer' && !Number.isInteger(value)) out.push({ path, code: 'invalid_integer' });
      else bounds(value, 'value');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push({ path, code: 'invalid_type' });
      return;
    case 'date':
      if (typeof value !== 'string' || !DATE_RE.test(value) || Number.isNaN(Date.parse(value))) out.push({ path, code: 'invalid_format' });
      return;
    case 'enum':
      if (!(spec.values ?? []).some((v) => v === value)) out.push({ path, code: 'invalid_enum' });
      return;
    case 'array':
      if (!Array.isArray(value)) {
        out.push({ path, code: 'invalid_type' });
        return;
      }
      bounds(value.length, 'entries');
      if (spec.items) {
        const items = spec.items;
        value.forEach((v, i) => checkPresent(items, v, `${path}[${i}]`, out));
      }
      return;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ path, code: 'invalid_type' });
        return;
      }
      out.push(...validateFields(spec.properties ?? [], value as Record<string, unknown>, `${path}.`));
      return;
  }
}

function checkPresent(spec: FieldItemSpec, value: unknown, path: string, out: FieldProblem[]): void {
  if (isMissing(value)) {
    if (spec.required) out.push({ path, code: 'required' });
    return;
  }
  checkValue(spec, value, path, out);
}

/** Every problem of `data` against `fields`, with its path. An empty list means the server will accept the fields. */
export function validateFields(fields: readonly FieldSpec[], data: Record<string, unknown>, prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const f of fields) checkPresent(f, data[f.name], `${prefix}${f.name}`, out);
  return out;
}

/**
 * Form state → item data. Inputs hold text while the user types; this turns numbers into numbers, enum choices back
 * into their declared values, drops empty entries, and keeps what cannot be converted as it is (so the check above
 * reports it instead of silently losing it).
 */
export function toData(fields: readonly FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = convert(f, values[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function convert(spec: FieldItemSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  switch (spec.type) {
    case 'string':
    case 'date':
      return typeof raw === 'string' ? (raw.trim() === '' ? undefined : raw) : raw;
    case 'number':
    case 'integer': {
      if (typeof raw === 'number') return raw;
      if (typeof raw !== 'string' || raw.trim() === '') return undefined;
      const n = Number(raw.trim().replace(',', '.'));
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'enum': {
      if (raw === '') return undefined;
      const match = (spec.values ?? []).find((v) => String(v) === String(raw));
      return match ?? raw;
    }
    case 'array': {
      if (!Array.isArray(raw)) return raw;
      const items = spec.items;
      const list = items ? raw.map((entry) => convert(items, entry)).filter((entry) => entry !== undefined) : raw;
      return list.length === 0 ? undefined : list;
    }
    case 'object': {
      if (typeof raw !== 'object' || Array.isArray(raw)) return raw;
      const obj = toData(spec.properties ?? [], raw as Record<string, unknown>);
      return Object.keys(obj).length === 0 ? undefined : obj;
    }
  }
}

/** A new, empty entry for a list field (an object with its members, or an empty value). */
export function emptyEntry(items: FieldItemSpec | undefined): unknown {
  if (!items) return '';
  if (items.type === 'object') return {};
  if (items.type === 'boolean') return false;
  return '';
}

/** Server field paths (`data.models[0].name`, `body.data.goals`) → form paths (`models[0].name`). */
export function formPath(serverPath: string): string {
  return serverPath.replace(/^body\./, '').replace(/^data\./, '');
}

/** A short text for any data value, for the read-only view and the timeline's "what changed". */
export function displayValue(value: unknown, spec: FieldItemSpec | undefined, language: Language, yes: string, no: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (spec?.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  }
  if (Array.isArray(value)) return value.map((v) => displayValue(v, spec?.items, language, yes, no)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const member = spec?.properties?.find((p) => p.name === k);
        return `${localized(member?.label, language, k)}: ${displayValue(v, member, language, yes, no)}`;
      })
      .join(', ');
  }
  return String(value);
}
