import type { z } from 'zod';

/** What a handler answers with on success, recorded by `@Returns`, `@ReturnsFile` and `@ReturnsNothing`. */
export type ResponseContract =
  | { kind: 'json'; schema: z.ZodType; description?: string }
  | { kind: 'file'; mimeTypes: string[]; description?: string }
  | { kind: 'empty'; description?: string };

export const RESPONSE_CONTRACT = 'thidua:openapi:response';
/** The zod schema of the body (`@ZodBody`) and of the query string (`@ZodQuery`) of a handler. */
export const BODY_CONTRACT = 'thidua:openapi:body';
export const QUERY_CONTRACT = 'thidua:openapi:query';

export function recordContract(key: string, target: object, method: string | symbol | undefined, value: unknown): void {
  if (method === undefined) return;
  const handler = (target as Record<string | symbol, unknown>)[method];
  if (typeof handler === 'function') Reflect.defineMetadata(key, value, handler);
}
