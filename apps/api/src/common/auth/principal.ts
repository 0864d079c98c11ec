import type { Role } from '@thidua/contracts';

/** One role the signed-in user may use now: their own, or one delegated to them. */
export interface PrincipalRole {
  role: Role;
  unitId: string;
  /** Materialised path of the unit at this moment (e.g. `/000001/00000a/` built from each unit's permanent path key), for scope checks. */
  unitPath: string;
  /** Workflow keys this role is limited to (delegations may be limited); null = all. */
  workflows: string[] | null;
  /** The delegator's user id when the role is held through a delegation. */
  onBehalfOf: string | null;
}

/** Who is calling, resolved once per request by the auth guard. */
export interface Principal {
  userId: string;
  username: string;
  fullName: string;
  roles: PrincipalRole[];
}
