import type { TokenPair } from '@thidua/contracts';

/**
 * The session's short-lived access token. Kept in localStorage so a reload or a second tab stays signed in. The
 * refresh token is never visible to scripts: the API keeps it in an httpOnly, SameSite=Strict cookie (sent only to
 * /api/auth), and a refresh proves it comes from this app by echoing the readable `thidua_csrf` cookie in a header.
 */
export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
}

/** What the API answers at sign-in and refresh (the refresh token itself stays in its cookie). */
export type AccessGrant = Pick<TokenPair, 'accessToken' | 'expiresIn'>;

/** Why the session ended, so the sign-in page can say so. */
export type SessionEndReason = 'signed-out' | 'expired';

const STORAGE_KEY = 'thidua.session';

function isStoredSession(value: unknown): value is StoredSession {
  const v = value as StoredSession | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accessToken === 'string' &&
    typeof v.accessExpiresAt === 'number'
  );
}

function parse(raw: string | null | undefined): StoredSession | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isStoredSession(value) ? value : null;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

let current: StoredSession | null = parse(storage()?.getItem(STORAGE_KEY));
let endReason: SessionEndReason | null = null;
/** Bumped on every sign-in and sign-out, so a refresh that started before a sign-out cannot revive the session. */
let generation = 0;
const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((listener) => listener());
}

export function getSession(): StoredSession | null {
  return current;
}

/** Re-read from storage: another tab may have rotated the tokens since this tab last looked. */
export function reloadSession(): StoredSession | null {
  const stored = storage();
  if (stored) current = parse(stored.getItem(STORAGE_KEY));
  return current;
}

export function getSessionGeneration(): number {
  return generation;
}

export function getSessionEndReason(): SessionEndReason | null {
  return endReason;
}

export function setSession(tokens: AccessGrant, now: number = Date.now()): StoredSession {
  current = {
    accessToken: tokens.accessToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
  };
  endReason = null;
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage refused: the session lasts as long as this tab.
  }
  notify();
  return current;
}

/** Replace the tokens after a refresh, unless the user signed out (or in again) meanwhile. */
export function renewSession(tokens: AccessGrant, startedAtGeneration: number): StoredSession | null {
  if (startedAtGeneration !== generation) return current;
  return setSession(tokens);
}

export function startSession(tokens: AccessGrant): StoredSession {
  generation += 1;
  return setSession(tokens);
}

export function clearSession(reason: SessionEndReason): void {
  generation += 1;
  const hadSession = current !== null;
  current = null;
  endReason = reason;
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to do.
  }
  if (hadSession) notify();
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signed in, rotated the tokens or signed out.
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  const next = parse(event.newValue);
  if (!next && current) {
    generation += 1;
    endReason = 'signed-out';
  }
  current = next;
  notify();
});

/** The CSRF token the API set at sign-in (double submit): echoed in X-CSRF-Token on refresh and sign-out. */
export function csrfToken(): string | null {
  const cookies = (globalThis.document?.cookie ?? '').split(';');
  for (const c of cookies) {
    const [name, ...rest] = c.trim().split('=');
    if (name === 'thidua_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}
