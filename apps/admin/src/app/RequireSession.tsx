import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useHasSession } from '../features/auth/session';

/** Pages behind sign-in. When the session ends (sign-out in any tab, refused renewal) the user lands on sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const hasSession = useHasSession();
  const location = useLocation();
  if (!hasSession) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return <>{children}</>;
}
