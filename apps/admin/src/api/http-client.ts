import { PROBLEM_CONTENT_TYPE, type Language } from '@thidua/contracts';
import { getLanguage } from '../i18n/language-store';
import { ApiError } from './api-error';
import { takeFirstData } from './first-data';
import * as tokenStore from './token-store';
import type { AccessGrant } from './token-store';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export interface RequestOptions {
  method?: HttpMethod;
  /** Serialised as JSON. */
  body?: unknown;
  /** A body already serialised as JSON (the typed client's requests). */
  jsonText?: string;
  query?: QueryParams;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Send the bearer token and renew the session when needed. Default true. */
  isAuthenticated?: boolean;
}

export interface ApiClientDeps {
  fetch: typeof fetch;
  baseUrl: string;
  getLanguage: () => Language;
  tokens: Pick<
    typeof tokenStore,
    'getSession' | 'reloadSession' | 'renewSession' | 'clearSession' | 'getSessionGeneration' | 'csrfToken'
  >;
  /** Web Locks, so two tabs never spend the same refresh token. Absent in tests and old browsers. */
  locks?: { request<T>(name: string, callback: () => Promise<T>): Promise<T> } | null;
  now?: () => number;
  /** An answer to this GET asked for before the app ran (first-data.ts), or null. */
  firstData?: (url: string, accessToken: string | null, language: Language) => Promise<Response> | null;
}

/** Routes of the typed client that take no bearer token (sign-in; sign-out carries the CSRF header instead). */
const PUBLIC_PATHS = new Set(['/auth/login', '/auth/logout', '/auth/refresh', '/auth/oidc/status', '/auth/oidc/start', '/auth/oidc/callback', '/auth/oidc/end-session']);

/** Renew the access token this long before it expires, rather than wait for a 401. */
const RENEW_MARGIN_MS = 30_000;

export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  let url = `${baseUrl}${path}`;
  if (query) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value == null) continue;
      if (Array.isArray(value)) value.forEach((v) => search.append(name, String(v)));
      else search.append(name, String(value));
    }
    const text = search.toString();
    if (text) url += `?${text}`;
  }
  return url;
}

export function createApiClient(deps: ApiClientDeps) {
  const now = deps.now ?? Date.now;
  let refreshing: Promise<tokenStore.StoredSession> | null = null;

  function headersFor(language: Language, accessToken: string | null, extra?: Record<string, string>): Headers {
    const headers = new Headers(extra);
    // Answers are JSON; errors are RFC 9457 problem documents.
    headers.set('Accept', `application/json, ${PROBLEM_CONTENT_TYPE}`);
    headers.set('Accept-Language', language);
    if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
    return headers;
  }

  async function send(path: string, options: RequestOptions, accessToken: string | null): Promise<Response> {
    const language = deps.getLanguage();
    const headers = headersFor(language, accessToken, options.headers);
    let body: string | undefined = options.jsonText;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const url = buildUrl(deps.baseUrl, path, options.query);
    const early = (options.method ?? 'GET') === 'GET' && body === undefined ? deps.firstData?.(url, accessToken, language) : null;
    if (early) {
      try {
        return await early;
      } catch {
        // The early request failed: ask again, so a failure is reported as any other.
      }
    }
    try {
      return await deps.fetch(url, {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        // The session cookies (refresh, CSRF) are same-origin only.
        credentials: 'same-origin',
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw ApiError.network(cause, language);
    }
  }

  /**
   * Exchange the refresh token once, however many requests are waiting for it. `staleAccessToken` is the token that
   * was refused or is about to expire: when another tab has already replaced it, its new tokens are used instead.
   */
  function renew(staleAccessToken: string | null): Promise<tokenStore.StoredSession> {
    refreshing ??= withLock(async () => {
      const generation = deps.tokens.getSessionGeneration();
      const stored = deps.tokens.reloadSession();
      if (!stored) throw sessionEnded();
      if (stored.accessToken !== staleAccessToken && stored.accessExpiresAt - now() > RENEW_MARGIN_MS) return stored;

      // The refresh token travels in its httpOnly cookie; the CSRF header shows the request comes from this app.
      const response = await send('/auth/refresh', { method: 'POST', body: {}, headers: csrfHeaders() }, null);
      if (!response.ok) {
        const error = await ApiError.fromResponse(response, deps.getLanguage());
        // A refused refresh token ends the session; an outage does not.
        if (error.status >= 400 && error.status < 500 && error.status !== 429) deps.tokens.clearSession('expired');
        throw error;
      }
      const pair = (await response.json()) as AccessGrant;
      const renewed = deps.tokens.renewSession(pair, generation);
      if (!renewed) throw sessionEnded();
      return renewed;
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function csrfHeaders(): Record<string, string> {
    const token = deps.tokens.csrfToken();
    return token ? { 'X-CSRF-Token': token } : {};
  }

  function withLock<T>(callback: () => Promise<T>): Promise<T> {
    return deps.locks ? deps.locks.request('thidua.session.refresh', callback) : callback();
  }

  function sessionEnded(): ApiError {
    return new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '', language: deps.getLanguage() });
  }

  async function validAccessToken(): Promise<string> {
    const session = deps.tokens.getSession();
    if (!session) throw sessionEnded();
    if (session.accessExpiresAt - now() > RENEW_MARGIN_MS) return session.accessToken;
    return (await renew(session.accessToken)).accessToken;
  }

  async function parse<T>(response: Response): Promise<T> {
    if (response.status === 204 || response.status === 205) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: '', language: deps.getLanguage() });
    }
  }

  /** One API exchange: the successful answer (2xx), the session renewed once on a 401; rejects with `ApiError`. */
  async function exchange(path: string, options: RequestOptions = {}): Promise<Response> {
    const isAuthenticated = options.isAuthenticated ?? true;
    if (!isAuthenticated) {
      const response = await send(path, options, null);
      if (!response.ok) throw await ApiError.fromResponse(response, deps.getLanguage());
      return response;
    }

    let accessToken = await validAccessToken();
    let response = await send(path, options, accessToken);
    if (response.status === 401) {
      let error = await ApiError.fromResponse(response, deps.getLanguage());
      // UNAUTHENTICATED too: the user's session version moved (a role, delegation or unit of theirs changed, or they
      // signed out elsewhere); the refresh token says which: a new token with the current roles, or the sign-in page.
      if (error.code === 'TOKEN_EXPIRED' || error.code === 'UNAUTHENTICATED') {
        accessToken = (await renew(accessToken)).accessToken;
        response = await send(path, options, accessToken);
        if (response.ok) return response;
        error = await ApiError.fromResponse(response, deps.getLanguage());
      }
      if (error.code === 'TOKEN_EXPIRED' || error.code === 'UNAUTHENTICATED') deps.tokens.clearSession('expired');
      throw error;
    }
    if (!response.ok) throw await ApiError.fromResponse(response, deps.getLanguage());
    return response;
  }

  /** One API call. Resolves with the parsed body; rejects with `ApiError`. */
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return parse<T>(await exchange(path, options));
  }

  /**
   * `fetch` for the typed client (openapi-fetch, `typed-client.ts`): the same session handling as `request`, on the
   * Request it builds. Public routes (`/auth/login`, `/auth/logout`) go without the bearer token.
   */
  async function fetchRequest(input: Request): Promise<Response> {
    const url = new URL(input.url, 'http://relative.invalid');
    const base = new URL(deps.baseUrl, 'http://relative.invalid').pathname.replace(/\/$/, '');
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    const jsonText = input.body ? await input.text() : undefined;
    const headers: Record<string, string> = {};
    input.headers.forEach((value, name) => {
      if (name !== 'content-type') headers[name] = value;
    });
    const response = await exchange(`${path}${url.search}`, {
      method: input.method as HttpMethod,
      jsonText: jsonText || undefined,
      headers,
      signal: input.signal,
      isAuthenticated: !PUBLIC_PATHS.has(path),
    });
    // openapi-fetch reads the body as JSON: an empty answer (204) is handed over without one.
    return response;
  }

  return { request, fetch: fetchRequest, renew, csrfHeaders };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function browserLocks(): ApiClientDeps['locks'] {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (!locks) return null;
  return { request: (name, callback) => locks.request(name, callback) };
}

export const apiClient: ApiClient = createApiClient({
  fetch: (input, init) => globalThis.fetch(input, init),
  baseUrl: import.meta.env.VITE_API_BASE_URL ?? '/api',
  getLanguage,
  tokens: tokenStore,
  locks: browserLocks(),
  firstData: takeFirstData,
});

