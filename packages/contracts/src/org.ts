import { z } from 'zod';
import { ROLES, UNIT_KINDS, type Role, type UnitKind } from './auth';
import { pageQuerySchema } from './common';

export const UNIT_STATUSES = ['active', 'merged', 'dissolved'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Unit codes: letters, digits and `-_.`, as in the fixture (`CDCS-YT-BVDK`). */
export const unitCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/);
/** A date (`2025-07-01`) or an instant (`2025-07-01T00:00:00Z`). */
export const instantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

// ---------- units ----------

export interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  sector: string | null;
  memberCount: number | null;
  status: UnitStatus;
  mergedIntoId: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  /** The unit's chair (Chủ tịch): whom an escalation step `{to: {chairOf}}` hands work to; null when none is recorded. */
  chairUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
}

/**
 * One unit of a parent chain. Ancestors are named even above the caller's scope (the chain a unit
 * reports to is not a secret to those who see the unit), but `isVisible: false` says the caller
 * cannot open that unit (GET /units/:id would answer 404): show it as text, not as a link.
 */
export interface UnitChainRef extends UnitRef {
  path: string;
  isVisible: boolean;
}

export interface UnitDetail extends UnitView {
  /** Root → parent: the chain the unit reports to. */
  ancestors: UnitChainRef[];
  childCount: number;
  mergedInto: UnitRef | null;
}

export const listUnitsQuerySchema = pageQuerySchema.extend({
  kind: z.enum(UNIT_KINDS).optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  parentId: z.uuid().optional(),
  /** Only units inside this unit's subtree. */
  rootId: z.uuid().optional(),
  /**
   * Search in code and name, ignoring case and Vietnamese diacritics (`phuoc my` finds `Phước Mỹ`,
   * `do vinh` finds `Đô Vinh`): every word must occur, in any order.
   */
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuerySchema>;

export const treeAsOfQuerySchema = pageQuerySchema
  .extend({
    rootId: z.uuid(),
    asOf: instantSchema.optional(),
  })
  .strict();
export type TreeAsOfQuery = z.infer<typeof treeAsOfQuerySchema>;

export interface TreeNodeAsOf {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** The path the unit had at `asOf`. */
  path: string;
  depth: number;
}

export interface TreeAsOfResponse {
  asOf: string;
  items: TreeNodeAsOf[];
  nextCursor: string | null;
}

export interface SubtreeCount {
  unitId: string;
  /** Units in the subtree including the root, all statuses. */
  total: number;
  active: number;
  byKind: Partial<Record<UnitKind, number>>;
}

/**
 * When a reorganisation takes effect: a date (`2025-07-01`, midnight UTC) or an instant; default now.
 * A past date rewrites the tree's history from then on (refused with REORG_LATER_CHANGE when a
 * later change of the same units exists); a future date schedules it (applied when the date comes).
 */
export const effectiveAtSchema = instantSchema.optional();

export const createUnitRequestSchema = z.object({
  code: unitCodeSchema,
  name: z.string().trim().min(1).max(300),
  kind: z.enum(UNIT_KINDS),
  parentId: z.uuid(),
  sector: z.string().trim().max(100).nullish(),
  memberCount: z.number().int().min(0).nullish(),
  effectiveAt: effectiveAtSchema,
});
export type CreateUnitRequest = z.infer<typeof createUnitRequestSchema>;

export const updateUnitRequestSchema = z
  .object({
    sector: z.string().trim().max(100).nullable().optional(),
    memberCount: z.number().int().min(0).nullable().optional(),
    /** The unit's chair, an active user holding a role at the unit (null: none). */
    chairUserId: z.uuid().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateUnitRequest = z.infer<typeof updateUnitRequestSchema>;

const previewFlag = z.boolean().default(false);

export const renameUnitRequestSchema = z.object({
  name: z.string().trim().min(1).max(300),
  code: unitCodeSchema.optional(),
  preview: previewFlag,
  effectiveAt: effectiveAtSchema,
});
export type RenameUnitRequest = z.infer<typeof renameUnitRequestSchema>;

export const moveUnitRequestSchema = z.object({ newParentId: z.uuid(), preview: previewFlag, effectiveAt: effectiveAtSchema });
export type MoveUnitRequest = z.infer<typeof moveUnitRequestSchema>;

/** What happens to one role assignment of a merged or dissolved unit. */
export const ROLE_MAPPING_ACTIONS = ['end', 'move', 'keep'] as const;
export type RoleMappingAction = (typeof ROLE_MAPPING_ACTIONS)[number];

/**
 * The confirmed mapping of the unit's role assignments. `end`: the assignment ends at the effective
 * date. `move`: it ends and the same role opens at `toUnitId` (the target or a unit inside its
 * subtree). `keep`: it stays on the old unit, where it gives no rights while that unit is not active
 * (kept for the record). An assignment not listed is ended: a merge or dissolve never widens rights
 * unless someone confirmed it.
 */
export const roleMappingSchema = z
  .array(
    z.object({
      assignmentId: z.uuid(),
      action: z.enum(ROLE_MAPPING_ACTIONS),
      toUnitId: z.uuid().optional(),
    }),
  )
  .max(1000);
export type RoleMapping = z.infer<typeof roleMappingSchema>;

export const mergeUnitRequestSchema = z.object({ intoId: z.uuid(), preview: previewFlag, effectiveAt: effectiveAtSchema, roleMapping: roleMappingSchema.optional() });
export type MergeUnitRequest = z.infer<typeof mergeUnitRequestSchema>;

export const dissolveUnitRequestSchema = z.object({
  /** Where the unit's child units, people and open items go. Required when it has any. */
  transferToId: z.uuid().optional(),
  preview: previewFlag,
  effectiveAt: effectiveAtSchema,
  roleMapping: roleMappingSchema.optional(),
});
export type DissolveUnitRequest = z.infer<typeof dissolveUnitRequestSchema>;

export type ReorganisationKind = 'move' | 'merge' | 'dissolve' | 'rename';

/** One role assignment of a merged/dissolved unit: the proposal (preview) or what was done. */
export interface RoleMappingRow {
  assignmentId: string;
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  /** Proposed (preview without a mapping) or confirmed action. */
  action: RoleMappingAction;
  toUnit: UnitRef | null;
  /** Moving this role to the target would cover units the holder did not cover before. */
  widensIfMoved: boolean;
}

/** What happened to the open work items (through the runtime, each with a history row). */
export interface OpenWorkChange {
  /** Items whose unit changed to the target. */
  moved: number;
  /** Items closed as superseded because the target already had one for the same parent item. */
  superseded: number;
  /** Items elsewhere whose assignment was at the unit and now is at the target. */
  reassigned: number;
  /** Items whose unit stayed but whose path changed (their unit moved with a subtree). */
  repathed: number;
  /** Open children of superseded items now under the item the target kept. */
  reparented: number;
}

/** What a reorganisation changes (or would change, with `preview: true`). */
export interface ReorganisationReport {
  operation: ReorganisationKind;
  preview: boolean;
  /** When it takes (or took) effect. */
  effectiveAt: string;
  /** Set when the change is dated in the future: it is stored and applied when the date comes. */
  scheduled: { id: string; effectiveAt: string } | null;
  unit: UnitRef & { path: string };
  /** Move: the new parent; merge: the target; dissolve: where things went (if anywhere). */
  target: (UnitRef & { path: string }) | null;
  /** Units whose path changes (the unit and its subtree, or the merged unit's children). */
  unitsRepathed: number;
  oldPath: string | null;
  newPath: string | null;
  childUnitsMoved: number;
  /** Role assignments that reopened elsewhere (mapping `move`). */
  roleAssignmentsTransferred: number;
  /** Every role assignment of a merged/dissolved unit with its (proposed or confirmed) mapping. */
  roleMapping: RoleMappingRow[];
  /** Open items moved to the target (same as openWork.moved). */
  openItemsTransferred: number;
  openWork: OpenWorkChange;
  /** Filled when a dissolve is refused or would be refused. */
  blockers: DissolveBlockers | null;
  renamed: { from: string; to: string; codeFrom: string; codeTo: string } | null;
}

export interface DissolveBlockers {
  childUnits: UnitRef[];
  people: Array<{ userId: string; username: string; fullName: string; role: Role }>;
  openItems: Array<{ id: string; status: string }>;
  openItemCount: number;
}

/** A stored future-dated reorganisation. */
export interface ScheduledReorganisationView {
  id: string;
  operation: ReorganisationKind;
  unit: UnitRef;
  effectiveAt: string;
  status: 'scheduled' | 'applied' | 'failed' | 'cancelled';
  request: Record<string, unknown>;
  requestedBy: string | null;
  createdAt: string;
  appliedAt: string | null;
  error: string | null;
}

/** One entry of a unit's history: a position it held, or a change recorded for it. */
export interface UnitHistoryEntry {
  /** When it took effect. */
  at: string;
  kind: 'position' | 'change' | 'scheduled';
  /** position: the parent and path held from `at` to `until`. */
  until: string | null;
  parent: UnitRef | null;
  path: string | null;
  /** change: unit.created, unit.moved, unit.merged, unit.dissolved, unit.renamed… */
  action: string | null;
  /** When it was recorded (may be after `at` for a back-dated change). */
  recordedAt: string | null;
  actor: { userId: string; fullName: string } | null;
  details: Record<string, unknown>;
}

export interface UnitHistoryResponse {
  unit: UnitRef;
  entries: UnitHistoryEntry[];
}

export const unitPeopleQuerySchema = z
  .object({
    /** The date (or instant) the roles and delegations are taken at; default now. */
    at: instantSchema.optional(),
  })
  .strict();
export type UnitPeopleQuery = z.infer<typeof unitPeopleQuerySchema>;

/** A role assignment of a person at the unit, valid at `at`. */
export interface UnitPersonRole {
  assignmentId: string;
  role: Role;
  validFrom: string;
  validTo: string | null;
}

/** A delegation a person gave or received, active at `at` (not revoked then). */
export interface UnitPersonDelegation {
  id: string;
  /** `given`: this person handed their roles to `counterpart`; `received`: from `counterpart`. */
  direction: 'given' | 'received';
  /** The other user; null when the caller cannot see that user (their home unit is outside the caller's scope). */
  counterpart: { userId: string; username: string; fullName: string } | null;
  workflows: string[] | null;
  validFrom: string;
  validTo: string;
  reason: string;
}

export interface UnitPerson {
  userId: string;
  username: string;
  fullName: string;
  status: UserStatus;
  /** The person's home unit is this unit (home units are current: they have no history). */
  isHomeHere: boolean;
  /** Their home unit, when the caller can see it; null when they have none or it is outside the caller's scope. */
  homeUnit: UnitRef | null;
  /** Roles held at this unit at `at` (empty for someone only based here). */
  roles: UnitPersonRole[];
  delegations: UnitPersonDelegation[];
}

/** GET /units/:id/people: who holds a role at the unit at `at`, and who is based there. */
export interface UnitPeopleResponse {
  unit: UnitRef;
  at: string;
  /** By username. */
  people: UnitPerson[];
  /** True when more than `UNIT_PEOPLE_MAX` people matched and the list was cut. */
  truncated: boolean;
}
export const UNIT_PEOPLE_MAX = 500;

// ---------- users, roles, delegations ----------

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  status: UserStatus;
  homeUnitId: string | null;
  homeUnitCode: string | null;
  lockedUntil: string | null;
  /** Attributes on the person that work allocation matches (capability strategy), e.g. "chuyên trách thi đua – khen thưởng". */
  capabilities: string[];
  createdAt: string;
}

export const listUsersQuerySchema = pageQuerySchema.extend({
  status: z.enum(USER_STATUSES).optional(),
  /** Users whose home unit is in this unit's subtree. */
  unitId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  fullName: z.string().trim().min(1).max(200),
  email: z.email().nullish(),
  homeUnitId: z.uuid(),
  /** Initial password; when absent the server generates one and returns it once. */
  password: z.string().min(1).max(200).optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    fullName: z.string().trim().min(1).max(200).optional(),
    email: z.email().nullable().optional(),
    status: z.enum(USER_STATUSES).optional(),
    /** Attributes work allocation matches (`strategy: 'capability'`), e.g. "chuyên trách thi đua – khen thưởng"; replaces the list. */
    capabilities: z.array(z.string().trim().min(1).max(120)).max(30).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export interface CreateUserResponse {
  user: UserView;
  /** Present only when the server generated the password. Shown once. */
  temporaryPassword: string | null;
}

export interface PasswordResetResponse {
  temporaryPassword: string;
}

export interface RoleAssignmentRecord {
  id: string;
  userId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  role: Role;
  validFrom: string;
  validTo: string | null;
  isCurrent: boolean;
}

export const createRoleAssignmentRequestSchema = z.object({
  unitId: z.uuid(),
  role: z.enum(ROLES),
  validFrom: instantSchema.optional(),
  validTo: instantSchema.nullish(),
});
export type CreateRoleAssignmentRequest = z.infer<typeof createRoleAssignmentRequestSchema>;

export const endRoleAssignmentRequestSchema = z.object({ validTo: instantSchema.optional() });
export type EndRoleAssignmentRequest = z.infer<typeof endRoleAssignmentRequestSchema>;

export interface DelegationView {
  id: string;
  fromUserId: string;
  fromUsername: string;
  toUserId: string;
  toUsername: string;
  workflows: string[] | null;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
  reason: string;
  isActive: boolean;
}

export const createDelegationRequestSchema = z
  .object({
    /** Defaults to the caller; another user's roles need admin scope over that user. */
    fromUserId: z.uuid().optional(),
    toUserId: z.uuid(),
    /** Workflow keys; absent or null = every workflow. */
    workflows: z.array(z.string().trim().min(1).max(100)).min(1).max(50).nullish(),
    validFrom: instantSchema,
    validTo: instantSchema,
    reason: z.string().trim().min(1).max(500),
  })
  .refine((v) => new Date(v.validTo).getTime() > new Date(v.validFrom).getTime(), {
    path: ['validTo'],
    message: 'must be after validFrom',
  });
export type CreateDelegationRequest = z.infer<typeof createDelegationRequestSchema>;

export const listDelegationsQuerySchema = pageQuerySchema.extend({
  /** Delegations from or to this user (admins); default: the caller. */
  userId: z.uuid().optional(),
  activeOnly: booleanQuery.optional(),
});
export type ListDelegationsQuery = z.infer<typeof listDelegationsQuerySchema>;

// ---------- import / export ----------

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const exportQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).default('csv'),
  /** Units: the subtree to export (default: the caller's widest visible unit). */
  rootId: z.uuid().optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Columns of the unit import/export file, in order. */
export const UNIT_FILE_COLUMNS = ['code', 'name', 'kind', 'parent_code', 'sector', 'member_count'] as const;
/** Columns of the user import/export file; `roles` is `role` or `role@UNITCODE` separated by `;`. */
export const USER_FILE_COLUMNS = ['username', 'full_name', 'email', 'unit_code', 'status', 'roles'] as const;

export interface ImportRowProblem {
  /** 1-based line in the file, the header being row 1. */
  row: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export const listScheduledReorganisationsQuerySchema = z
  .object({
    status: z.enum(['scheduled', 'applied', 'failed', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ListScheduledReorganisationsQuery = z.infer<typeof listScheduledReorganisationsQuerySchema>;
