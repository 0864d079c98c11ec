import { grantCoversPath, type Actor, type RoleGrant } from '@thidua/workflow-core';
import type { Principal, PrincipalRole } from '../../../common/auth/principal';

/** Who performs an event: a signed-in principal, or the runtime itself (timers, cascades). */
export type ActingAs = { kind: 'user'; principal: Principal } | { kind: 'system'; reason: string };

export const SYSTEM: ActingAs = { kind: 'system', reason: 'system' };

/** The engine's actor. Own grants come before delegated ones, so the engine prefers acting in one's own name. */
export function toEngineActor(acting: ActingAs): Actor {
  if (acting.kind === 'system') return { userId: 'system', roles: [], isSystem: true };
  const sorted = [...acting.principal.roles].sort((a, b) => Number(a.onBehalfOf !== null) - Number(b.onBehalfOf !== null));
  return {
    userId: acting.principal.userId,
    roles: sorted.map((r): RoleGrant => ({ role: r.role, unitId: r.unitId, workflows: r.workflows, onBehalfOf: r.onBehalfOf })),
  };
}

/**
 * The grant a user acts through on an item assigned to (role, unit path): own grants first. Gives
 * the "on behalf of" and the actor's unit path recorded in the history.
 */
export function actingGrant(principal: Principal, role: string | null, assignedPath: string | null, workflow: string): PrincipalRole | undefined {
  const applies = (g: PrincipalRole): boolean => g.workflows === null || g.workflows.includes(workflow);
  const covers = (g: PrincipalRole): boolean => assignedPath !== null && grantCoversPath(g, assignedPath, 'act');
  const candidates = principal.roles.filter((g) => applies(g) && (role === null || g.role === role) && covers(g));
  return candidates.find((g) => g.onBehalfOf === null) ?? candidates[0] ?? principal.roles.find((g) => g.onBehalfOf === null) ?? principal.roles[0];
}
