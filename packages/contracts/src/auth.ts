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

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(500) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Logout revokes the refresh token's whole family (every token rotated from the same login). */
export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
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
