import { z } from 'zod';
import type { HealthResponse, Page, ReadyResponse } from './common';
import { ERROR_HTTP_STATUS, type ErrorBody, type ErrorCode, type FieldProblem } from './errors';
import { named, type Expect, type Same } from './openapi-registry';

/* Response contracts shared by every module: pages, health, and the problem document of every error. */

/** A page of `item` (keyset pagination), named `<name>` (e.g. `UnitViewPage`). */
export function pageSchema<S extends z.ZodType>(name: string, item: S) {
  return named(
  name,
  z.object({
      items: z.array(item),
      /** Pass as `cursor` to get the next page; null when this is the last page. */
      nextCursor: z.string().nullable(),
  }),
  );
}

/** A ballot's count (council votes: the item's vote stage and the campaign's ballot view), null before it closes when secret. */
export const voteTallySchema = z.object({ yes: z.number(), no: z.number(), abstain: z.number() });

/** A closed ballot's outcome. */
export const voteOutcomeSchema = z.union([z.literal('passed'), z.literal('failed'), z.literal('no_quorum')]);

export const healthResponseSchema = named('HealthResponse', z.object({ status: z.literal('ok'), uptimeSeconds: z.number(), version: z.string() }));

export const readyResponseSchema = named(
  'ReadyResponse',
  z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), reason: z.string().optional(), latencyMs: z.number().optional() })),
  }),
);

export const fieldProblemSchema = named(
  'FieldProblem',
  z.object({
  path: z.string().meta({ description: 'Dotted path of the bad field, e.g. `body.email` or `rows.3.code`.' }),
  reason: z.string().meta({ description: 'Machine-readable reason, e.g. `required`, `too_small`, `invalid_format`.' }),
  message: z.string(),
  }),
);

export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as [ErrorCode, ...ErrorCode[]];

/** RFC 9457 problem document (`application/problem+json`), the body of every error answer. */
export const problemSchema = named(
  'Problem',
  z.object({
  type: z.string().meta({ description: '`urn:thidua:problem:<code in kebab case>`, one per code.' }),
  title: z.string().meta({ description: 'Short, fixed English summary of the problem type.' }),
  status: z.number().int(),
  detail: z.string().meta({ description: "What happened this time, in the caller's language (vi by default, en)." }),
  instance: z.string().meta({ description: 'The path of the request that failed.' }),
  code: z.enum(ERROR_CODES).meta({ description: 'Stable, machine-readable error code.' }),
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  fields: z.array(fieldProblemSchema).optional(),
  }),
  'RFC 9457 problem document; `code`, `requestId`, `fields` and `details` are extension members.',
);

export type commonResponseChecks = [
  Expect<Same<z.output<typeof healthResponseSchema>, HealthResponse>>,
  Expect<Same<z.output<typeof readyResponseSchema>, ReadyResponse>>,
  Expect<Same<z.output<typeof fieldProblemSchema>, FieldProblem>>,
  Expect<Same<z.output<typeof problemSchema>, ErrorBody>>,
  Expect<Same<z.output<ReturnType<typeof pageSchema<z.ZodString>>>, Page<string>>>,
];
