/*
 * The first page's data, asked for before the application's JavaScript has run.
 *
 * Opening the unit home page (`/`, where everyone lands after sign-in) used to wait for the whole bundle to be
 * evaluated and React to render before the first API request left, then for /auth/me before the inbox, then for the
 * inbox before the items' histories: three round trips in a row after ~1 s of script work on a slow phone. This
 * module is evaluated first (main.tsx imports it before anything else, and it imports nothing): when the browser holds
 * a session, it sends the home page's requests at once, with the same URLs and headers the API client will use, and
 * keeps the answers. The API client's `send` takes a kept answer (once, same URL, token and language, within
 * FRESH_MS) instead of asking again. A request the page never makes is simply not used.
 *
 * The URLs must match the home page's queries (features/home/HomePage.tsx and the hooks it calls); a mismatch costs
 * one unused request, never a wrong answer. The first-page browser test (e2e/tests/first-page-throttled.mjs) shows
 * the requests starting before the bundle has finished.
 */

/** Mirrors token-store's and language-store's storage keys (imported here they would pull those modules in). */
const SESSION_KEY = 'thidua.session';
const LANGUAGE_KEY = 'thidua.language';
const BASE = (import.meta.env.VITE_API_BASE_URL as string | undefined) ?? '/api';
/** The API client renews a token this close to expiry first: no early request with such a token. */
const RENEW_MARGIN_MS = 30_000;
/** A kept answer older than this is not used (the page may have been left open). */
const FRESH_MS = 15_000;
/** How many of the waiting items' histories the home page reads (HomePage's RETURN_LOOKUPS). */
const RETURN_LOOKUPS = 10;

interface Kept {
  token: string;
  language: string;
  at: number;
  response: Promise<Response>;
}

const kept = new Map<string, Kept>();

function readSession(): { token: string; language: string } | null {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as { accessToken?: unknown; accessExpiresAt?: unknown };
    if (typeof session.accessToken !== 'string' || typeof session.accessExpiresAt !== 'number') return null;
    if (session.accessExpiresAt - Date.now() <= RENEW_MARGIN_MS) return null;
    const language = globalThis.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
    return { token: session.accessToken, language };
  } catch {
    return null;
  }
}

function ask(path: string, token: string, language: string): Promise<Response> {
  const url = `${BASE}${path}`;
  const response = fetch(url, {
    headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': language, Authorization: `Bearer ${token}` },
    credentials: 'same-origin',
  });
  // A failed early request is forgotten: the client then asks itself, and reports the failure as usual.
  response.catch(() => kept.delete(url));
  kept.set(url, { token, language, at: Date.now(), response });
  return response;
}

async function json<T>(response: Promise<Response>): Promise<T | null> {
  try {
    const r = (await response).clone();
    return r.ok ? ((await r.json()) as T) : null;
  } catch {
    return null;
  }
}

function start(): void {
  if (globalThis.location?.pathname !== '/') return;
  const session = readSession();
  if (!session) return;
  const { token, language } = session;
  const get = (path: string) => ask(path, token, language);
  const me = get('/auth/me');
  get('/notifications/unread-count');
  const inbox = get('/inbox?sort=due_at&limit=50');
  get('/inbox/counts');
  get('/workflows?status=published');
  get('/campaigns?status=launched');
  // What the officer's unit sent (HomePage: the home unit, or the unit of the officer role).
  void json<{ homeUnit: { id: string } | null; roles: Array<{ role: string; unitId: string }> }>(me).then((user) => {
    if (!user || !user.roles.some((r) => r.role === 'officer')) return;
    const unitId = user.homeUnit?.id ?? user.roles.find((r) => r.role === 'officer')?.unitId;
    if (unitId) get(`/items?unitId=${encodeURIComponent(unitId)}&status=active&limit=50`);
  });
  // Why the first waiting items were returned (their histories).
  void json<{ items: Array<{ id: string }> }>(inbox).then((page) => {
    for (const item of page?.items.slice(0, RETURN_LOOKUPS) ?? []) get(`/items/${encodeURIComponent(item.id)}/history`);
  });
}

/** The kept answer for this GET, if one was asked with the same token and language; each is used once. */
export function takeFirstData(url: string, token: string | null, language: string): Promise<Response> | null {
  const entry = kept.get(url);
  if (!entry) return null;
  kept.delete(url);
  if (entry.token !== token || entry.language !== language || Date.now() - entry.at > FRESH_MS) return null;
  return entry.response;
}

start();
