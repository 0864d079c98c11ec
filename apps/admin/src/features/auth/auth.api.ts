import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from '@thidua/contracts';
import { apiClient, apiRequest } from '../../api/http-client';

/** Plain typed fetchers for /api/auth. No React here: hooks in `auth.hooks.ts` wrap them. */

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, isAuthenticated: false });
}

/** Revokes the session whose refresh token is in the httpOnly cookie (the CSRF header proves it is this app). */
export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: {}, headers: apiClient.csrfHeaders(), isAuthenticated: false });
}

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiRequest<MeResponse>('/auth/me', { signal });
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return apiRequest<void>('/auth/password', { method: 'POST', body });
}
