import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../../api/token-store';

/** True while this browser holds tokens. Re-renders when another tab or the API client ends the session. */
export function useHasSession(): boolean {
  return useSyncExternalStore(
    subscribeSession,
    () => getSession() !== null,
    () => false,
  );
}
