import type { JsonPrimitive } from './json';

/** A value read from the evaluation scope (`data.<name>` or `context.<name>`) or a constant. */
export type Operand = { field: string } | { const: JsonPrimitive | JsonPrimitive[] };

export const COMPARISON_OPS = ['==', '!=', '>', '>=', '<', '<='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** Guard expression: a JSON AST; never evaluated as code. */
export type Expression =
  | { op: 'and' | 'or'; args: Expression[] }
  | { op: 'not'; arg: Expression }
  | { op: ComparisonOp; left: Operand; right: Operand }
  | { op: 'in'; left: Operand; right: Operand }
  | { op: 'exists'; field: string }
  | { op: 'const'; value: boolean };

/** Fields of `context.*` a guard may read; the step function fills them. */
export const CONTEXT_FIELDS = [
  'context.unitKind',
  'context.unitCode',
  'context.now',
  'context.returnCount',
  'context.submitterId',
  'context.actorId',
] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];
