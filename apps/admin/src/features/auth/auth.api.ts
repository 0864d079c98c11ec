import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  OidcCallbackRequest,
  OidcEndSessionResponse,
  OidcStartResponse,
  OidcStatusResponse,
} from '@thidua/contracts';
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

/** Whether sign-in with the provincial account (OpenID Connect) is configured: the sign-in page shows its button. */
export function getOidcStatus(signal?: AbortSignal): Promise<OidcStatusResponse> {
  return apiRequest<OidcStatusResponse>('/auth/oidc/status', { signal, isAuthenticated: false });
}

/** Starts a provincial sign-in: the API keeps the flow in a cookie and answers where to send the browser. */
export function startOidc(): Promise<OidcStartResponse> {
  return apiRequest<OidcStartResponse>('/auth/oidc/start', { method: 'POST', body: {}, isAuthenticated: false });
}

/** Finishes it with what the provider put on the sign-in page's URL: the product's own session, as `login`. */
export function finishOidc(body: OidcCallbackRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/oidc/callback', { method: 'POST', body, isAuthenticated: false });
}

/** The provider's sign-out page (null when it has none), visited after the product's own sign-out. */
export function getOidcEndSession(): Promise<OidcEndSessionResponse> {
  return apiRequest<OidcEndSessionResponse>('/auth/oidc/end-session', { isAuthenticated: false });
}
