import { z } from 'zod';

/**
 * The named contracts: every schema added here becomes `components.schemas.<id>` of the OpenAPI document
 * (apps/api/src/common/openapi), and a schema that nests it refers to it by `$ref`.
 */
export const contractRegistry = z.registry<{ id: string; description?: string }>();

/** Registers `schema` under `id` (unique) and returns it unchanged. */
export function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  contractRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

/** True when A and B are assignable both ways and have the same keys (for compile-time contract checks). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
export type Expect<T extends true> = T;
