import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, OidcCallbackRequest } from '@thidua/contracts';
import { clearSession, getSession, startSession } from '../../api/token-store';
import { changePassword, finishOidc, getMe, getOidcEndSession, getOidcStatus, login, logout, startOidc } from './auth.api';
import { authKeys } from './auth.keys';
import { useHasSession } from './session';

export function useMe() {
  const hasSession = useHasSession();
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
    enabled: hasSession,
    staleTime: 5 * 60_000,
  });
}

/** This tab's session came from the provincial account: sign-out then also ends the provider's session. */
const OIDC_SESSION_KEY = 'thidua.oidc.session';
/** Where to go after the provider sends the browser back (kept across the round trip, this tab only). */
const OIDC_RETURN_KEY = 'thidua.oidc.returnTo';

function useStartSession() {
  const queryClient = useQueryClient();
  return ({ user, ...tokens }: LoginResponse) => {
    // A different user may sign in on the same browser: nothing cached for the previous one may show.
    queryClient.clear();
    startSession(tokens);
    queryClient.setQueryData(authKeys.me(), user);
  };
}

export function useLogin() {
  const begin = useStartSession();
  return useMutation({
    mutationFn: (body: LoginRequest) => login(body),
    onSuccess: (answer) => {
      sessionStorage.removeItem(OIDC_SESSION_KEY);
      begin(answer);
    },
  });
}

export function useOidcStatus() {
  return useQuery({
    queryKey: [...authKeys.all, 'oidc-status'] as const,
    queryFn: ({ signal }) => getOidcStatus(signal),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** Sends the browser to the provincial sign-in page; `returnTo` is where it lands once signed in. */
export function useOidcStart() {
  return useMutation({
    mutationFn: async (returnTo: string) => {
      const { authorizationUrl } = await startOidc();
      sessionStorage.setItem(OIDC_RETURN_KEY, returnTo);
      window.location.assign(authorizationUrl);
    },
  });
}

/** The return leg: the provider's code and state become the product's session. Resolves to where to go. */
export function useOidcFinish() {
  const begin = useStartSession();
  return useMutation({
    mutationFn: async (body: OidcCallbackRequest) => {
      const answer = await finishOidc(body);
      begin(answer);
      sessionStorage.setItem(OIDC_SESSION_KEY, '1');
      const returnTo = sessionStorage.getItem(OIDC_RETURN_KEY);
      sessionStorage.removeItem(OIDC_RETURN_KEY);
      return returnTo;
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<string | null> => {
      if (!getSession()) return null;
      try {
        await logout();
      } catch {
        // Signing out must always work here, even when the API cannot be reached to revoke the token.
      }
      if (sessionStorage.getItem(OIDC_SESSION_KEY) !== '1') return null;
      sessionStorage.removeItem(OIDC_SESSION_KEY);
      // Signed in with the provincial account: end that session too, or the next person at this computer
      // would be signed straight back in by the provider.
      try {
        return (await getOidcEndSession()).url;
      } catch {
        return null;
      }
    },
    onSettled: (endSessionUrl) => {
      clearSession('signed-out');
      queryClient.clear();
      if (endSessionUrl) window.location.assign(endSessionUrl);
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordRequest) => changePassword(body) });
}
