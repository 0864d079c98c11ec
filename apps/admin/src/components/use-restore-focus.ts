import { useEffect, useRef } from 'react';

/**
 * Controls are disabled while a request runs, and a focused control that becomes disabled drops the focus to
 * <body>: a keyboard user would start again from the top of the page. When `isBusy` ends, the focus goes back to
 * the element that had it last, if it is still on the page and enabled (issue 19: focus stays where the user was);
 * else to `fallbackId` (what the request produced: its report, its status), when given.
 */
export function useRestoreFocus(isBusy: boolean, fallbackId?: string): void {
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocused.current = event.target;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);
  useEffect(() => {
    if (isBusy) return;
    const el = lastFocused.current;
    const isFocusLost = document.activeElement === null || document.activeElement === document.body;
    if (!isFocusLost) return;
    if (el?.isConnected && !el.matches(':disabled')) el.focus();
    else if (fallbackId) requestAnimationFrame(() => document.getElementById(fallbackId)?.focus());
  }, [isBusy, fallbackId]);
}
