/** Roles a user can hold at a unit. */
export const ROLES = ['officer', 'supervisor', 'council_member', 'council_secretary', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose grant at unit U also covers every unit below U. Other roles act for U only (the rule: scope.ts). */
export const SUBTREE_ROLES: readonly Role[] = ['supervisor', 'viewer', 'admin'];

/** Engine operations that need a privilege granted per role (issue 8). */
export const PRIVILEGES = ['suspend', 'resume', 'skip', 'redo', 'reassign', 'cancel'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

/** Who holds each privilege when a definition does not say. */
export const DEFAULT_PRIVILEGES: Readonly<Record<Privilege, readonly Role[]>> = {
  suspend: ['admin', 'supervisor'],
  resume: ['admin', 'supervisor'],
  skip: ['admin'],
  redo: ['admin'],
  reassign: ['admin', 'supervisor'],
  cancel: ['admin'],
};
