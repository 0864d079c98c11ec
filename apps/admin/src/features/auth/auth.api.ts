import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

/** Plain typed fetchers for /api/auth. No React here: hooks in `auth.hooks.ts` wrap them. */

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, isAuthenticated: false });
}

export function logout(refreshToken: string): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: { refreshToken }, isAuthenticated: false });
}

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiRequest<MeResponse>('/auth/me', { signal });
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return apiRequest<void>('/auth/password', { method: 'POST', body });
}
