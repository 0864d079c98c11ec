import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { type LoginResponse, type MeResponse, ROLES, type RoleAssignmentView, type TokenPair, type OidcEndSessionResponse, type OidcStartResponse, type OidcStatusResponse } from './auth';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const tokenPairSchema = named('TokenPair', z.object({
  accessToken: z.string(),
  expiresIn: z.number(),
  refreshToken: z.string().optional()
}));

export const roleAssignmentViewSchema = named('RoleAssignmentView', z.object({
  role: z.enum(ROLES),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  onBehalfOf: z.object({
    userId: z.string(),
    username: z.string(),
    fullName: z.string()
  }).nullable(),
  workflows: z.array(z.string()).nullable()
}));

export const meResponseSchema = named('MeResponse', z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  homeUnit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string()
  }).optional().nullable(),
  roles: z.array(roleAssignmentViewSchema)
}));

export const loginResponseSchema = named('LoginResponse', tokenPairSchema.extend({
  user: meResponseSchema
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type authResponseChecks = [
  Expect<Same<z.output<typeof tokenPairSchema>, TokenPair>>,
  Expect<Same<z.output<typeof roleAssignmentViewSchema>, RoleAssignmentView>>,
  Expect<Same<z.output<typeof meResponseSchema>, MeResponse>>,
  Expect<Same<z.output<typeof loginResponseSchema>, LoginResponse>>,
];

export const oidcStatusResponseSchema = named('OidcStatusResponse', z.object({ enabled: z.boolean() }));
export const oidcStartResponseSchema = named('OidcStartResponse', z.object({ authorizationUrl: z.string() }));
export const oidcEndSessionResponseSchema = named('OidcEndSessionResponse', z.object({ url: z.string().nullable() }));

export type authOidcResponseChecks = [
  Expect<Same<z.output<typeof oidcStatusResponseSchema>, OidcStatusResponse>>,
  Expect<Same<z.output<typeof oidcStartResponseSchema>, OidcStartResponse>>,
  Expect<Same<z.output<typeof oidcEndSessionResponseSchema>, OidcEndSessionResponse>>,
];
