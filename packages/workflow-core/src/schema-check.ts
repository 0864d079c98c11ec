import type { Problem } from './field-types';

/**
 * A walker for the subset of JSON Schema 2020-12 that WORKFLOW_DEFINITION_JSON_SCHEMA uses (type, const, enum,
 * required, properties, additionalProperties, propertyNames, items, oneOf, $ref, minimum, minLength, minItems,
 * minProperties, pattern). The validator runs it over every definition, so the published schema and the validator
 * accept the same shapes: an unknown key or a wrong type anywhere is a problem with its path.
 */
type Schema = Readonly<Record<string, unknown>>;
type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Problem codes of the schema walk (stable, for clients). */
export const SCHEMA_PROBLEM_CODES = ['unknown_key', 'shape.type', 'shape.enum', 'shape.required', 'shape.range', 'shape.pattern', 'shape.variant'] as const;

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function matchesType(x: unknown, t: string): boolean {
  const actual = typeOf(x);
  return actual === t || (t === 'number' && actual === 'integer');
}

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

/** The discriminating member of a oneOf branch (`kind`, `mode`, `op`): its allowed values. */
function discriminator(branch: Schema, root: Schema): { key: string; values: unknown[] } | null {
  const b = resolve(branch, root);
  const props = b.properties;
  if (!isRec(props)) return null;
  for (const key of ['kind', 'mode', 'op']) {
    const p = props[key];
    if (!isRec(p)) continue;
    if ('const' in p) return { key, values: [p.const] };
    if (Array.isArray(p.enum)) return { key, values: p.enum };
  }
  return null;
}

function resolve(s: Schema, root: Schema): Schema {
  const r = s.$ref;
  if (typeof r !== 'string') return s;
  const name = r.replace('#/$defs/', '');
  const defs = root.$defs as Rec;
  return resolve(defs[name] as Schema, root);
}

function walk(value: unknown, schema: Schema, path: string, root: Schema, out: Problem[]): void {
  const s = resolve(schema, root);
  const add = (p: string, code: string, message: string): void => void out.push({ path: p, code, message });
  if (Array.isArray(s.oneOf)) {
    const branches = s.oneOf as Schema[];
    const fits = branches.filter((b) => {
      const trial: Problem[] = [];
      walk(value, b, path, root, trial);
      return trial.length === 0;
    });
    if (fits.length === 1) return;
    // Report against the branch the value names (by its kind/mode/op), else say which variants exist.
    if (isRec(value)) {
      const named = branches.find((b) => {
        const d = discriminator(b, root);
        return d !== null && d.key in value && d.values.includes(value[d.key]);
      });
      if (named) return walk(value, named, path, root, out);
      // Else the one branch whose required members the value has (an operand is {field} or {const}).
      const shaped = branches.filter((b) => {
        const r = resolve(b, root);
        return r.type === 'object' && Array.isArray(r.required) && (r.required as string[]).every((k) => k in value);
      });
      if (shaped.length === 1) return walk(value, shaped[0], path, root, out);
    }
    // Else the one branch whose declared type fits the value (`by` is a word or a {role, unit} object).
    const typed = branches.map((b) => resolve(b, root)).filter((b) => typeof b.type === 'string' && matchesType(value, b.type));
    if (typed.length === 1) return walk(value, typed[0], path, root, out);
    if (fits.length > 1) return;
    const kinds = branches.flatMap((b) => discriminator(b, root)?.values ?? []);
    return add(path, 'shape.variant', kinds.length > 0 ? `expected one of the variants ${kinds.join(', ')}` : 'matches none of the allowed shapes');
  }
  if ('const' in s && value !== s.const) return add(path, 'shape.enum', `must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value as never)) return add(path, 'shape.enum', `must be one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(value, t))) return add(path, 'shape.type', `must be ${types.join(' or ')}, not ${typeOf(value)}`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) add(path, 'shape.range', `must be at least ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) add(path, 'shape.range', `must be at most ${s.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength) add(path, 'shape.range', `needs at least ${s.minLength} character(s)`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) add(path, 'shape.pattern', `must match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) add(path, 'shape.range', `needs at least ${s.minItems} item(s)`);
    if (isRec(s.items)) value.forEach((v, i) => walk(v, s.items as Schema, join(path, i), root, out));
  }
  if (isRec(value)) {
    const props = isRec(s.properties) ? s.properties : {};
    for (const k of Array.isArray(s.required) ? (s.required as string[]) : []) if (!(k in value)) add(join(path, k), 'shape.required', `${k} is required`);
    if (typeof s.minProperties === 'number' && Object.keys(value).length < s.minProperties) add(path, 'shape.range', `needs at least ${s.minProperties} member(s)`);
    for (const [k, v] of Object.entries(value)) {
      if (isRec(s.propertyNames)) walkName(k, s.propertyNames, join(path, k), root, out);
      if (Object.prototype.hasOwnProperty.call(props, k)) walk(v, props[k] as Schema, join(path, k), root, out);
      else if (s.additionalProperties === false) add(join(path, k), 'unknown_key', `unknown key ${k}: it has no meaning here and would be ignored`);
      else if (isRec(s.additionalProperties)) walk(v, s.additionalProperties, join(path, k), root, out);
    }
  }
}

function walkName(name: string, schema: Schema, path: string, root: Schema, out: Problem[]): void {
  const trial: Problem[] = [];
  walk(name, schema, path, root, trial);
  if (trial.length > 0) out.push({ path, code: 'unknown_key', message: `unknown key ${name}: ${trial[0].message}` });
}

/** Every place `value` departs from `schema` (a JSON Schema with `$defs`), each with its path. */
export function checkAgainstSchema(value: unknown, schema: Schema): Problem[] {
  const out: Problem[] = [];
  walk(value, schema, '', schema, out);
  return out;
}
