import type { RoleGrant, StepContext } from './context-types';
import type { WorkflowDefinition } from './definition-types';
import { refuse } from './refusal';
import { DEFAULT_PRIVILEGES, type Privilege, type Role } from './roles';
import { grantAppliesTo, grantCovers } from './units';

/** The actor's grant of `role` covering `unitId`; refuses ROLE (no such role) or SCOPE (role elsewhere). */
export function requireRoleAt(ctx: StepContext, workflow: string, role: Role, unitId: string): RoleGrant {
  const grants = ctx.actor.roles.filter((g) => g.role === role && grantAppliesTo(g, workflow));
  if (grants.length === 0) refuse('ROLE', `acting here needs the role ${role}`, { role });
  const grant = grants.find((g) => grantCovers(g, unitId, ctx.tree));
  if (!grant) refuse('SCOPE', `your ${role} role does not cover unit ${ctx.tree.unit(unitId)?.code ?? unitId}`, { role, unitId });
  return grant;
}

/** The actor's grant of any of `roles` covering `unitId`; refuses like requireRoleAt with the first failure. */
export function requireAnyRoleAt(ctx: StepContext, workflow: string, roles: readonly Role[], unitId: string): RoleGrant {
  let scopeFailure = false;
  for (const role of roles) {
    const grants = ctx.actor.roles.filter((g) => g.role === role && grantAppliesTo(g, workflow));
    if (grants.length > 0) scopeFailure = true;
    const grant = grants.find((g) => grantCovers(g, unitId, ctx.tree));
    if (grant) return grant;
  }
  if (scopeFailure) refuse('SCOPE', `your roles do not cover unit ${ctx.tree.unit(unitId)?.code ?? unitId}`, { roles: [...roles], unitId });
  return refuse('ROLE', `this needs one of the roles ${roles.join(', ')}`, { roles: [...roles] });
}

/** Roles granted a privilege by the definition (or by default). */
export function privilegeRoles(def: WorkflowDefinition, privilege: Privilege): readonly Role[] {
  return def.privileges?.[privilege] ?? DEFAULT_PRIVILEGES[privilege];
}

/** Checks a privilege (suspend, resume, skip, redo, reassign) at the item's unit; the system always holds them. */
export function requirePrivilege(ctx: StepContext, def: WorkflowDefinition, privilege: Privilege): void {
  if (ctx.actor.isSystem) return;
  requireAnyRoleAt(ctx, def.key, privilegeRoles(def, privilege), ctx.item.unitId);
}
