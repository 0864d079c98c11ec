import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from '@thidua/contracts';
import { apiClient } from '../../api/http-client';
import { api, data } from '../../api/typed-client';

/** Plain typed fetchers for /api/auth. No React here: hooks in `auth.hooks.ts` wrap them. */

export function login(body: LoginRequest): Promise<LoginResponse> {
  return data(api.POST('/auth/login', { body }));
}

/** Revokes the session whose refresh token is in the httpOnly cookie (the CSRF header proves it is this app). */
export function logout(): Promise<void> {
  return data(api.POST('/auth/logout', { body: {}, headers: apiClient.csrfHeaders() }));
}

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return data(api.GET('/auth/me', { signal }));
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return data(api.POST('/auth/password', { body }));
}
