import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, LoginRequest } from '@thidua/contracts';
import { clearSession, getSession, startSession } from '../../api/token-store';
import { changePassword, getMe, login, logout } from './auth.api';
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

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => login(body),
    onSuccess: ({ user, ...tokens }) => {
      // A different user may sign in on the same browser: nothing cached for the previous one may show.
      queryClient.clear();
      startSession(tokens);
      queryClient.setQueryData(authKeys.me(), user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      if (!getSession()) return;
      try {
        await logout();
      } catch {
        // Signing out must always work here, even when the API cannot be reached to revoke the token.
      }
    },
    onSettled: () => {
      clearSession('signed-out');
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordRequest) => changePassword(body) });
}
