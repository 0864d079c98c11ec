import { describe, expect, it, vi } from 'vitest';
import type { Language } from '@thidua/contracts';
import { ApiError } from './api-error';
import createClient from 'openapi-fetch';
import { buildUrl, createApiClient, type ApiClientDeps } from './http-client';
import type { ApiPaths } from './typed-client';
import type { AccessGrant, StoredSession } from './token-store';

const NOW = 1_000_000;

function memoryTokens(initial: StoredSession | null) {
  let session = initial;
  let generation = 0;
  return {
    cleared: [] as string[],
    getSession: () => session,
    reloadSession: () => session,
    getSessionGeneration: () => generation,
    csrfToken: () => 'csrf-1',
    renewSession: (pair: AccessGrant, started: number) => {
      if (started !== generation) return session;
      session = { accessToken: pair.accessToken, accessExpiresAt: NOW + pair.expiresIn * 1000 };
      return session;
    },
    clearSession(reason: string) {
      generation += 1;
      session = null;
      this.cleared.push(reason);
    },
  };
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function setup(handler: Handler, session: StoredSession | null = { accessToken: 'a1', accessExpiresAt: NOW + 600_000 }) {
  const tokens = memoryTokens(session);
  let language: Language = 'vi';
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(handler(String(input), init ?? {})));
  const client = createApiClient({
    fetch: fetchMock as unknown as typeof fetch,
    baseUrl: '/api',
    getLanguage: () => language,
    tokens: tokens as unknown as ApiClientDeps['tokens'],
    now: () => NOW,
  });
  return { client, tokens, fetchMock, setLanguage: (l: Language) => (language = l) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const header = (init: RequestInit, name: string) => new Headers(init.headers).get(name);
/** An RFC 9457 error answer as the API sends it. */
const problem = (status: number, code: string, detail: string, requestId: string) =>
  new Response(
    JSON.stringify({ type: `urn:thidua:problem:${code.toLowerCase()}`, title: code, status, detail, instance: '/api/x', code, requestId }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
const expired = () => problem(401, 'TOKEN_EXPIRED', 'Phiên hết hạn', 'x');

describe('apiRequest', () => {
  it('sends the bearer token and the user language', async () => {
    const { client, fetchMock, setLanguage } = setup(() => json(200, { ok: true }));
    setLanguage('en');
    await expect(client.request('/auth/me')).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/me');
    expect(header(init!, 'Authorization')).toBe('Bearer a1');
    expect(header(init!, 'Accept-Language')).toBe('en');
  });

  it('renews once on TOKEN_EXPIRED and retries, sharing one refresh between parallel requests', async () => {
    const { client, fetchMock, tokens } = setup((url, init) => {
      if (url === '/api/auth/refresh') {
        // No refresh token in the body: it is in the httpOnly cookie; the CSRF header echoes the readable cookie.
        expect(JSON.parse(String(init.body))).toEqual({});
        expect(header(init, 'X-CSRF-Token')).toBe('csrf-1');
        expect(init.credentials).toBe('same-origin');
        return json(200, { accessToken: 'a2', expiresIn: 900 });
      }
      return header(init, 'Authorization') === 'Bearer a2' ? json(200, { url }) : expired();
    });
    const results = await Promise.all([client.request('/x'), client.request('/y')]);
    expect(results).toEqual([{ url: '/api/x' }, { url: '/api/y' }]);
    const refreshCalls = fetchMock.mock.calls.filter(([url]) => url === '/api/auth/refresh');
    expect(refreshCalls).toHaveLength(1);
    expect(tokens.getSession()).toEqual({ accessToken: 'a2', accessExpiresAt: NOW + 900_000 });
  });

  it('renews once when the access token no longer holds (session version moved: a role or delegation changed)', async () => {
    const { client, tokens } = setup((url, init) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: 'a2', expiresIn: 900 });
      return header(init, 'Authorization') === 'Bearer a2' ? json(200, { url }) : problem(401, 'UNAUTHENTICATED', 'no', 'r');
    });
    await expect(client.request('/x')).resolves.toEqual({ url: '/api/x' });
    expect(tokens.getSession()).toEqual({ accessToken: 'a2', accessExpiresAt: NOW + 900_000 });
  });

  it('ends the session when the refresh token is refused', async () => {
    const { client, tokens } = setup((url) =>
      url === '/api/auth/refresh' ? problem(401, 'UNAUTHENTICATED', 'no', 'r') : expired(),
    );
    await expect(client.request('/x')).rejects.toMatchObject({ status: 401 });
    expect(tokens.getSession()).toBeNull();
    expect(tokens.cleared).toEqual(['expired']);
  });

  it('keeps the session when the refresh fails for an outage', async () => {
    const { client, tokens } = setup((url) => (url === '/api/auth/refresh' ? new Response('', { status: 503 }) : expired()));
    await expect(client.request('/x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(tokens.getSession()).not.toBeNull();
  });

  it('does not loop when the renewed token is refused too', async () => {
    const { client, fetchMock, tokens } = setup((url) =>
      url === '/api/auth/refresh' ? json(200, { accessToken: 'a2', expiresIn: 900 }) : expired(),
    );
    await expect(client.request('/x')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(tokens.getSession()).toBeNull();
  });

  it('renews ahead of time when the access token is about to expire', async () => {
    const { client, fetchMock } = setup(
      (url) => (url === '/api/auth/refresh' ? json(200, { accessToken: 'a2', expiresIn: 900 }) : json(200, {})),
      { accessToken: 'a1', accessExpiresAt: NOW + 5_000 },
    );
    await client.request('/x');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/refresh', '/api/x']);
    expect(header(fetchMock.mock.calls[1]![1]!, 'Authorization')).toBe('Bearer a2');
  });

  it('does not sign out on a wrong current password (401 INVALID_CREDENTIALS)', async () => {
    const { client, tokens } = setup(() => problem(401, 'INVALID_CREDENTIALS', 'Sai', 'r'));
    await expect(client.request('/auth/password', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(tokens.getSession()).not.toBeNull();
  });

  it('rejects without a session, and turns a network failure into NETWORK_ERROR', async () => {
    await expect(setup(() => json(200, {}), null).client.request('/x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const offline = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.client.request('/health', { isAuthenticated: false })).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  it('returns undefined for 204', async () => {
    const { client } = setup(() => new Response(null, { status: 204 }));
    await expect(client.request('/auth/logout', { method: 'POST', isAuthenticated: false })).resolves.toBeUndefined();
  });
});

describe('typed client (openapi-fetch over the session fetch)', () => {
  const typed = (client: ReturnType<typeof setup>['client']) => createClient<ApiPaths>({ baseUrl: 'http://admin.test/api', fetch: client.fetch });

  it('fills the document path, query and JSON body, and sends them with the bearer token', async () => {
    const { client, fetchMock } = setup((url, init) => json(200, { url, method: init.method, body: init.body ? JSON.parse(String(init.body)) : null }));
    const got = await typed(client).GET('/campaigns/{id}', { params: { path: { id: 'c 1' } } });
    expect(got.data).toMatchObject({ url: '/api/campaigns/c%201', method: 'GET' });
    expect(header(fetchMock.mock.calls[0]![1]!, 'Authorization')).toBe('Bearer a1');
    const moved = await typed(client).POST('/units/{id}/move', { params: { path: { id: 'u1' } }, body: { newParentId: 'p1', preview: true } });
    expect(moved.data).toMatchObject({ url: '/api/units/u1/move', method: 'POST', body: { newParentId: 'p1', preview: true } });
    expect(header(fetchMock.mock.calls[1]![1]!, 'Content-Type')).toBe('application/json');
    await typed(client).GET('/users', { params: { query: { limit: 5, q: 'Đà' } } });
    expect(fetchMock.mock.calls[2]![0]).toBe('/api/users?limit=5&q=%C4%90%C3%A0');
  });

  it('renews on TOKEN_EXPIRED and repeats the request with its body; errors reject as ApiError', async () => {
    const { client, fetchMock } = setup((url, init) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: 'a2', expiresIn: 900 });
      if (header(init, 'Authorization') !== 'Bearer a2') return expired();
      return url.endsWith('/missing') ? problem(404, 'NOT_FOUND', 'Không thấy', 'r9') : json(200, { body: JSON.parse(String(init.body)) });
    });
    const done = await typed(client).POST('/items/{id}/actions', { params: { path: { id: 'i1' } }, body: { action: 'approve', expectedVersion: 3 } });
    expect(done.data).toEqual({ body: { action: 'approve', expectedVersion: 3 } });
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toEqual(['/api/items/i1/actions', '/api/auth/refresh', '/api/items/i1/actions']);
    await expect(typed(client).GET('/campaigns/{id}', { params: { path: { id: 'missing' } } })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('sends sign-in without a bearer token', async () => {
    const { client, fetchMock } = setup(() => json(200, { accessToken: 'x', expiresIn: 900 }), null);
    await typed(client).POST('/auth/login', { body: { username: 'u', password: 'p' } });
    expect(header(fetchMock.mock.calls[0]![1]!, 'Authorization')).toBeNull();
  });
});

describe('buildUrl', () => {
  it('encodes query parameters and skips empty ones', () => {
    expect(buildUrl('/api', '/items', { q: 'Đà Nẵng', limit: 50, cursor: undefined, status: ['a', 'b'] })).toBe(
      '/api/items?q=%C4%90%C3%A0+N%E1%BA%B5ng&limit=50&status=a&status=b',
    );
  });
});

describe('answers asked for before the app ran (first-data)', () => {
  function withEarly(early: ApiClientDeps['firstData']) {
    const fetchMock = vi.fn((_input: unknown) => Promise.resolve(json(200, { from: 'client' })));
    const client = createApiClient({
      fetch: fetchMock as unknown as typeof fetch,
      baseUrl: '/api',
      getLanguage: () => 'vi',
      tokens: memoryTokens({ accessToken: 'a1', accessExpiresAt: NOW + 600_000 }) as unknown as ApiClientDeps['tokens'],
      now: () => NOW,
      firstData: early,
    });
    return { client, fetchMock };
  }

  it('uses the early answer of the same GET instead of asking again, and passes the URL, token and language', async () => {
    const early = vi.fn(() => Promise.resolve(json(200, { from: 'early' })));
    const { client, fetchMock } = withEarly(early);
    await expect(client.request('/inbox', { query: { sort: 'due_at', limit: 50 } })).resolves.toEqual({ from: 'early' });
    expect(early).toHaveBeenCalledWith('/api/inbox?sort=due_at&limit=50', 'a1', 'vi');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks itself when there is no early answer, when the early request failed, and for anything but a GET', async () => {
    const { client, fetchMock } = withEarly(() => null);
    await expect(client.request('/auth/me')).resolves.toEqual({ from: 'client' });
    const failing = withEarly(() => Promise.reject(new TypeError('network')));
    await expect(failing.client.request('/auth/me')).resolves.toEqual({ from: 'client' });
    const early = vi.fn(() => Promise.resolve(json(200, { from: 'early' })));
    const posting = withEarly(early);
    await expect(posting.client.request('/items', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ from: 'client' });
    expect(early).not.toHaveBeenCalled();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(failing.fetchMock).toHaveBeenCalledTimes(1);
  });

  it('renews and asks again when the early answer is a 401 (the token was refused)', async () => {
    // Each early answer is used once (takeFirstData forgets it): the retry after the renewal asks the API.
    const early = vi.fn<NonNullable<ApiClientDeps['firstData']>>(() => null).mockImplementationOnce(() => Promise.resolve(expired()));
    const { client, fetchMock } = withEarly(early);
    fetchMock.mockImplementation((input: unknown) =>
      Promise.resolve(String(input).endsWith('/auth/refresh') ? json(200, { accessToken: 'a2', expiresIn: 900 }) : json(200, { from: 'client' })),
    );
    await expect(client.request('/auth/me')).resolves.toEqual({ from: 'client' });
  });
});
