import { z } from 'zod';

export const ROLES = ['officer', 'supervisor', 'council_member', 'council_secretary', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['confederation', 'province_federation', 'upper_union', 'grassroots_union', 'sub_union'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * The browser sends no body: the refresh token travels in the httpOnly `thidua_refresh` cookie, with
 * the `X-CSRF-Token` header echoing the `thidua_csrf` cookie. Non-browser clients may send it here.
 */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(500).optional() });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Logout revokes the refresh token's whole family (every token rotated from the same login). */
export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

/** Least length of a new password; the API also refuses common and guessable ones (WEAK_PASSWORD). */
export const MIN_PASSWORD_LENGTH = 12;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  // Length, common passwords and strength are checked by the API's password policy (WEAK_PASSWORD).
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /**
   * Only for clients that ask with `X-Token-Transport: body` (scripts, tests). Browsers get it in the
   * httpOnly, SameSite=Strict `thidua_refresh` cookie and never see it.
   */
  refreshToken?: string;
}

export interface RoleAssignmentView {
  role: Role;
  unitId: string;
  unitCode: string;
  unitName: string;
  /** Set when the role is held through a delegation: the user who delegated it. */
  onBehalfOf: { userId: string; username: string; fullName: string } | null;
  /** Workflow keys a delegation is limited to; null means all. */
  workflows: string[] | null;
}

export interface MeResponse {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  /** The unit the user belongs to (where admins manage them); null for none. */
  homeUnit?: { id: string; code: string; name: string } | null;
  roles: RoleAssignmentView[];
}

export interface LoginResponse extends TokenPair {
  user: MeResponse;
}

// ---------- single sign-on (OpenID Connect, apps/api/src/modules/auth/oidc) ----------

/** `GET /api/auth/oidc/status` (public): whether the sign-in page shows "Đăng nhập bằng tài khoản tỉnh". */
export interface OidcStatusResponse {
  enabled: boolean;
}

/** `POST /api/auth/oidc/start`: where to send the browser (the flow's state, nonce and PKCE verifier are in a cookie). */
export interface OidcStartResponse {
  authorizationUrl: string;
}

/** `POST /api/auth/oidc/callback`: what the provider appended to the redirect URL. Answers a LoginResponse. */
export const oidcCallbackRequestSchema = z.object({
  code: z.string().min(1).max(2048),
  state: z.string().min(1).max(512),
});
export type OidcCallbackRequest = z.infer<typeof oidcCallbackRequestSchema>;

/** `GET /api/auth/oidc/end-session`: the provider's sign-out page to visit after the product's sign-out, if it has one. */
export interface OidcEndSessionResponse {
  url: string | null;
}
