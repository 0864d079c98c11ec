import { useRef } from 'react';

/**
 * Focus for what an action brings onto the page only once its list is fetched again (a ballot's tally after the
 * vote is closed, the thanks after voting): `request(key)` when the action succeeds, and `refFor(key)` as the `ref`
 * of the element that will show it. The element takes the focus once, when it is first drawn after the request.
 */
export function usePendingFocus() {
  const pending = useRef<string | null>(null);
  return {
    request: (key: string) => {
      pending.current = key;
    },
    refFor: (key: string) => (el: HTMLElement | null) => {
      if (el && pending.current === key) {
        pending.current = null;
        el.focus();
      }
    },
  };
}

export type PendingFocus = ReturnType<typeof usePendingFocus>;
