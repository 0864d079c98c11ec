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

/** Whether sign-in with the provincial account (OpenID Connect) is configured: the sign-in page shows its button. */
export function getOidcStatus(signal?: AbortSignal): Promise<OidcStatusResponse> {
  return data(api.GET('/auth/oidc/status', { signal }));
}

/** Starts a provincial sign-in: the API keeps the flow in a cookie and answers where to send the browser. */
export function startOidc(): Promise<OidcStartResponse> {
  return data(api.POST('/auth/oidc/start'));
}

/** Finishes it with what the provider put on the sign-in page's URL: the product's own session, as `login`. */
export function finishOidc(body: OidcCallbackRequest): Promise<LoginResponse> {
  return data(api.POST('/auth/oidc/callback', { body }));
}

/** The provider's sign-out page (null when it has none), visited after the product's own sign-out. */
export function getOidcEndSession(): Promise<OidcEndSessionResponse> {
  return data(api.GET('/auth/oidc/end-session'));
}
