import { useSyncExternalStore } from 'react';

/**
 * Ballots this browser has seen (opened here, or visited by link). The API has no list of ballots yet
 * (GET /campaigns/ballots is missing), so the council page lists these; the secretary shares a ballot's link.
 */
const KEY = 'thidua.council.ballots';
const listeners = new Set<() => void>();
let cache: string[] | null = null;

function read(): string[] {
  if (cache) return cache;
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    cache = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    cache = [];
  }
  return cache;
}

export function rememberBallot(id: string): void {
  const list = read();
  if (list.includes(id)) return;
  cache = [id, ...list].slice(0, 50);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(cache));
  } catch {
    // storage full or unavailable: the list is only a convenience
  }
  listeners.forEach((l) => l());
}

export function useKnownBallots(): string[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
  );
}

/** A ballot id from what the user pasted: the id itself or a link to the ballot page. */
export function ballotIdFrom(text: string): string | null {
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text.trim());
  return m?.[1]?.toLowerCase() ?? null;
}
