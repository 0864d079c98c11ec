import type { TokenPair } from '@thidua/contracts';

/**
 * The session's tokens. Kept in localStorage so a reload or a second tab stays signed in; every tab sees the same
 * tokens, which matters because the refresh token rotates (a tab using a stale one would be signed out).
 */
export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
  refreshToken: string;
}

/** Why the session ended, so the sign-in page can say so. */
export type SessionEndReason = 'signed-out' | 'expired';

const STORAGE_KEY = 'thidua.session';

function isStoredSession(value: unknown): value is StoredSession {
  const v = value as StoredSession | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
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

export function setSession(tokens: TokenPair, now: number = Date.now()): StoredSession {
  current = {
    accessToken: tokens.accessToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
    refreshToken: tokens.refreshToken,
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
export function renewSession(tokens: TokenPair, startedAtGeneration: number): StoredSession | null {
  if (startedAtGeneration !== generation) return current;
  return setSession(tokens);
}

export function startSession(tokens: TokenPair): StoredSession {
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
