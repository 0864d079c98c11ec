import { COMPARISON_OPS, type Expression, type Operand } from './expression-types';
import type { JsonPrimitive, JsonValue } from './json';
import type { Problem } from './field-types';

/** What a guard is evaluated against: `data.*` is the item's data, `context.*` the engine's facts. */
export interface EvaluationScope {
  data: { [key: string]: JsonValue };
  context: { [key: string]: JsonValue };
}

function readPath(scope: EvaluationScope, path: string): JsonValue | undefined {
  const parts = path.split('.');
  let cur: JsonValue | undefined = scope as unknown as JsonValue;
  for (const part of parts) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (part === 'length') cur = cur.length;
      else return undefined;
    } else {
      cur = Object.prototype.hasOwnProperty.call(cur, part) ? cur[part] : undefined;
    }
  }
  return cur;
}

function operandValue(op: Operand, scope: EvaluationScope): JsonValue | undefined {
  return 'field' in op ? readPath(scope, op.field) : op.const;
}

function compare(a: JsonValue | undefined, b: JsonValue | undefined): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function equal(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b) && a !== undefined && b !== undefined;
}

/** Evaluates a guard. Missing fields compare as undefined: every comparison but `!=` is then false. */
export function evaluate(expr: Expression, scope: EvaluationScope): boolean {
  switch (expr.op) {
    case 'and':
      return expr.args.every((e) => evaluate(e, scope));
    case 'or':
      return expr.args.some((e) => evaluate(e, scope));
    case 'not':
      return !evaluate(expr.arg, scope);
    case 'const':
      return expr.value;
    case 'exists': {
      const v = readPath(scope, expr.field);
      return v !== undefined && v !== null;
    }
    case 'in': {
      const l = operandValue(expr.left, scope);
      const r = operandValue(expr.right, scope);
      return Array.isArray(r) && r.some((x) => equal(x, l));
    }
    case '==':
      return equal(operandValue(expr.left, scope), operandValue(expr.right, scope));
    case '!=':
      return !equal(operandValue(expr.left, scope), operandValue(expr.right, scope));
    default: {
      const c = compare(operandValue(expr.left, scope), operandValue(expr.right, scope));
      if (c === null) return false;
      if (expr.op === '>') return c > 0;
      if (expr.op === '>=') return c >= 0;
      if (expr.op === '<') return c < 0;
      return c <= 0;
    }
  }
}

function operandFields(op: Operand): string[] {
  return 'field' in op ? [op.field] : [];
}

/** Every field path a guard reads, in order of appearance, without duplicates. */
export function fieldsRead(expr: Expression): string[] {
  const out: string[] = [];
  const walk = (e: Expression): void => {
    switch (e.op) {
      case 'and':
      case 'or':
        e.args.forEach(walk);
        return;
      case 'not':
        walk(e.arg);
        return;
      case 'const':
        return;
      case 'exists':
        out.push(e.field);
        return;
      default:
        out.push(...operandFields(e.left), ...operandFields(e.right));
    }
  };
  walk(expr);
  return [...new Set(out)];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isPrimitive(x: unknown): x is JsonPrimitive {
  return x === null || ['string', 'number', 'boolean'].includes(typeof x);
}

function checkOperand(x: unknown, path: string, out: Problem[]): void {
  if (!isRecord(x)) {
    out.push({ path, code: 'expression.operand', message: 'operand must be {field} or {const}' });
    return;
  }
  if ('field' in x) {
    if (typeof x.field !== 'string' || x.field === '') out.push({ path: `${path}.field`, code: 'expression.field', message: 'field must be a non-empty string' });
  } else if ('const' in x) {
    const c = x.const;
    if (!isPrimitive(c) && !(Array.isArray(c) && c.every(isPrimitive))) {
      out.push({ path: `${path}.const`, code: 'expression.const', message: 'const must be a JSON primitive or an array of them' });
    }
  } else {
    out.push({ path, code: 'expression.operand', message: 'operand must be {field} or {const}' });
  }
}

/** Shape problems of an untrusted expression (from JSON). */
export function checkExpressionShape(x: unknown, path: string): Problem[] {
  const out: Problem[] = [];
  const walk = (e: unknown, p: string): void => {
    if (!isRecord(e) || typeof e.op !== 'string') {
      out.push({ path: p, code: 'expression.shape', message: 'expression must be an object with an op' });
      return;
    }
    const op = e.op;
    if (op === 'and' || op === 'or') {
      if (!Array.isArray(e.args) || e.args.length === 0) out.push({ path: `${p}.args`, code: 'expression.args', message: `${op} needs a non-empty args list` });
      else e.args.forEach((a, i) => walk(a, `${p}.args[${i}]`));
    } else if (op === 'not') {
      walk(e.arg, `${p}.arg`);
    } else if (op === 'const') {
      if (typeof e.value !== 'boolean') out.push({ path: `${p}.value`, code: 'expression.const', message: 'const expression needs a boolean value' });
    } else if (op === 'exists') {
      if (typeof e.field !== 'string' || e.field === '') out.push({ path: `${p}.field`, code: 'expression.field', message: 'exists needs a field' });
    } else if (op === 'in' || (COMPARISON_OPS as readonly string[]).includes(op)) {
      checkOperand(e.left, `${p}.left`, out);
      checkOperand(e.right, `${p}.right`, out);
    } else {
      out.push({ path: `${p}.op`, code: 'expression.op', message: `unknown operator ${op}` });
    }
  };
  walk(x, path);
  return out;
}
