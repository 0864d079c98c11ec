import type { EntityManager } from 'typeorm';

/**
 * In-process notice that principals may have changed (issue 17, line 1). The auth guard keeps principals in a
 * cache keyed by user and session version (modules/auth/principal-cache.ts); database triggers bump the session
 * version of every user a change of roles, delegations, account status or units concerns
 * (migration 1796191325095), and each process re-reads a user's version at most SESSION_CACHE_TTL_MS after it
 * last did. A change made by THIS process should count on the very next request, though: the repository method
 * that makes it calls `notePrincipalsChanged(manager)`, and once the transaction has committed (or at once, with
 * no transaction) the listeners — auth's caches — forget what they hold. Whom it concerns is not worked out here
 * (the triggers know, delegates and unit moves included): this process's cached versions are all dropped, which
 * costs one version read per active user afterwards. Changes are rare (an administrator's action), reads are not.
 */
const FLAG = 'principalsChanged';
type Listener = () => void;
const listeners = new Set<Listener>();

export function onPrincipalsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function principalsChanged(): void {
  for (const l of listeners) l();
}

/** Called by the repository method that changes a principal's makings, with the manager it wrote through. */
export function notePrincipalsChanged(manager: EntityManager | undefined): void {
  const runner = manager?.queryRunner;
  if (runner?.isTransactionActive) {
    runner.data = { ...(runner.data ?? {}), [FLAG]: true };
    return;
  }
  principalsChanged();
}

/** For the transaction subscriber: whether a transaction that has just committed (outermost) changed principals. */
export function takePrincipalsChanged(data: Record<string, unknown> | undefined): boolean {
  if (!data?.[FLAG]) return false;
  delete data[FLAG];
  return true;
}
