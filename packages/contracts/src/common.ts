import { z } from 'zod';

export { LANGUAGES, type Language } from './languages';

/** Keyset pagination: `cursor` is opaque; `limit` defaults to 50, at most 500. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null when this is the last page. */
  nextCursor: string | null;
}

export const idParamSchema = z.object({ id: z.uuid() });

export interface HealthResponse {
  status: 'ok';
  uptimeSeconds: number;
  version: string;
}

export interface ReadyResponse {
  status: 'ready' | 'not_ready';
  checks: Record<string, { ok: boolean; reason?: string; latencyMs?: number }>;
}
