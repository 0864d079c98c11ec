import createClient from 'openapi-fetch';
import { apiClient } from './http-client';
import type { components, paths } from './openapi.gen';

/*
 * The typed API client: openapi-fetch over the types openapi-typescript generates from apps/api/openapi.json
 * (`npm run openapi:types -w @thidua/admin`; CI fails when openapi.gen.ts is stale). Paths, parameters, bodies and
 * answers are typed from the document, which the API builds from its zod contracts; requests go through the same
 * session handling as `apiRequest` (bearer token, renewal on TOKEN_EXPIRED, problem documents as `ApiError`).
 */

/** The document's paths without the `/api` prefix (the client's base URL carries it). */
export type ApiPaths = { [P in keyof paths as P extends `/api${infer Rest}` ? Rest : never]: paths[P] };

/** A named schema of the document, e.g. `Schema<'CampaignView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export const api = createClient<ApiPaths>({
  baseUrl: import.meta.env.VITE_API_BASE_URL ?? '/api',
  fetch: apiClient.fetch,
});

/**
 * The answer's data. Error answers never reach here: the client's fetch rejects them with `ApiError`, so the only
 * result left is the success branch (an empty answer, 204, has `data` undefined, typed `never`).
 */
export async function data<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const result = await call;
  if (result.error !== undefined) throw result.error;
  return result.data as D;
}
