import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { pageSchema } from './common.responses';
import { ROLES, UNIT_KINDS } from './auth';
import { type CreateUserResponse, type DelegationView, type DissolveBlockers, type ImportReport, type OpenWorkChange, type PasswordResetResponse, ROLE_MAPPING_ACTIONS, type ReorganisationKind, type ReorganisationReport, type RoleAssignmentRecord, type RoleMappingRow, type ScheduledReorganisationView, type SubtreeCount, type TreeAsOfResponse, type TreeNodeAsOf, UNIT_STATUSES, USER_STATUSES, type UnitChainRef, type UnitDetail, type UnitHistoryEntry, type UnitHistoryResponse, type UnitPeopleResponse, type UnitPerson, type UnitPersonDelegation, type UnitPersonRole, type UnitRef, type UnitView, type UserView } from './org';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const reorganisationKindSchema = named('ReorganisationKind', z.union([z.literal('move'), z.literal('merge'), z.literal('dissolve'), z.literal('rename')]));

export const openWorkChangeSchema = named('OpenWorkChange', z.object({
  moved: z.number(),
  superseded: z.number(),
  reassigned: z.number(),
  repathed: z.number(),
  reparented: z.number()
}));

export const unitPersonDelegationSchema = named('UnitPersonDelegation', z.object({
  id: z.string(),
  direction: z.union([z.literal('given'), z.literal('received')]),
  counterpart: z.object({
    userId: z.string(),
    username: z.string(),
    fullName: z.string()
  }).nullable(),
  workflows: z.array(z.string()).nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  reason: z.string()
}));

export const userViewSchema = named('UserView', z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  homeUnitId: z.string().nullable(),
  homeUnitCode: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  /** Attributes on the person that work allocation matches (capability strategy). */
  capabilities: z.array(z.string()),
  createdAt: z.string()
}));

export const createUserResponseSchema = named('CreateUserResponse', z.object({
  user: userViewSchema,
  temporaryPassword: z.string().nullable()
}));

export const passwordResetResponseSchema = named('PasswordResetResponse', z.object({
  temporaryPassword: z.string()
}));

export const delegationViewSchema = named('DelegationView', z.object({
  id: z.string(),
  fromUserId: z.string(),
  fromUsername: z.string(),
  toUserId: z.string(),
  toUsername: z.string(),
  workflows: z.array(z.string()).nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  revokedAt: z.string().nullable(),
  reason: z.string(),
  isActive: z.boolean()
}));

export const importReportSchema = named('ImportReport', z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number()
}));

export const unitViewSchema = named('UnitView', z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  sector: z.string().nullable(),
  memberCount: z.number().nullable(),
  status: z.enum(UNIT_STATUSES),
  mergedIntoId: z.string().nullable(),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  /** The unit's chair (Chủ tịch): whom an escalation step `{to: {chairOf}}` hands work to; null when none is recorded. */
  chairUserId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
}));

export const unitRefSchema = named('UnitRef', z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS)
}));

export const unitChainRefSchema = named('UnitChainRef', unitRefSchema.extend({
  path: z.string(),
  isVisible: z.boolean()
}));

export const unitDetailSchema = named('UnitDetail', unitViewSchema.extend({
  ancestors: z.array(unitChainRefSchema),
  childCount: z.number(),
  mergedInto: unitRefSchema.nullable()
}));

export const treeNodeAsOfSchema = named('TreeNodeAsOf', z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number()
}));

export const treeAsOfResponseSchema = named('TreeAsOfResponse', z.object({
  asOf: z.string(),
  items: z.array(treeNodeAsOfSchema),
  nextCursor: z.string().nullable()
}));

export const subtreeCountSchema = named('SubtreeCount', z.object({
  unitId: z.string(),
  total: z.number(),
  active: z.number(),
  byKind: z.partialRecord(z.enum(UNIT_KINDS), z.number())
}));

export const roleMappingRowSchema = named('RoleMappingRow', z.object({
  assignmentId: z.string(),
  userId: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  action: z.enum(ROLE_MAPPING_ACTIONS),
  toUnit: unitRefSchema.nullable(),
  widensIfMoved: z.boolean()
}));

export const dissolveBlockersSchema = named('DissolveBlockers', z.object({
  childUnits: z.array(unitRefSchema),
  people: z.array(z.object({
    userId: z.string(),
    username: z.string(),
    fullName: z.string(),
    role: z.enum(ROLES)
  })),
  openItems: z.array(z.object({
    id: z.string(),
    status: z.string()
  })),
  openItemCount: z.number()
}));

export const scheduledReorganisationViewSchema = named('ScheduledReorganisationView', z.object({
  id: z.string(),
  operation: reorganisationKindSchema,
  unit: unitRefSchema,
  effectiveAt: z.string(),
  status: z.union([z.literal('scheduled'), z.literal('applied'), z.literal('failed'), z.literal('cancelled')]),
  request: z.record(z.string(), z.unknown()),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  error: z.string().nullable()
}));

export const unitHistoryEntrySchema = named('UnitHistoryEntry', z.object({
  at: z.string(),
  kind: z.union([z.literal('position'), z.literal('change'), z.literal('scheduled')]),
  until: z.string().nullable(),
  parent: unitRefSchema.nullable(),
  path: z.string().nullable(),
  action: z.string().nullable(),
  recordedAt: z.string().nullable(),
  actor: z.object({
    userId: z.string(),
    fullName: z.string()
  }).nullable(),
  details: z.record(z.string(), z.unknown())
}));

export const unitHistoryResponseSchema = named('UnitHistoryResponse', z.object({
  unit: unitRefSchema,
  entries: z.array(unitHistoryEntrySchema)
}));

export const unitPersonRoleSchema = named('UnitPersonRole', z.object({
  assignmentId: z.string(),
  role: z.enum(ROLES),
  validFrom: z.string(),
  validTo: z.string().nullable()
}));

export const unitPersonSchema = named('UnitPerson', z.object({
  userId: z.string(),
  username: z.string(),
  fullName: z.string(),
  status: z.enum(USER_STATUSES),
  isHomeHere: z.boolean(),
  homeUnit: unitRefSchema.nullable(),
  roles: z.array(unitPersonRoleSchema),
  delegations: z.array(unitPersonDelegationSchema)
}));

export const unitPeopleResponseSchema = named('UnitPeopleResponse', z.object({
  unit: unitRefSchema,
  at: z.string(),
  people: z.array(unitPersonSchema),
  truncated: z.boolean()
}));

export const roleAssignmentRecordSchema = named('RoleAssignmentRecord', z.object({
  id: z.string(),
  userId: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  role: z.enum(ROLES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  isCurrent: z.boolean()
}));

export const reorganisationReportSchema = named('ReorganisationReport', z.object({
  operation: reorganisationKindSchema,
  preview: z.boolean(),
  effectiveAt: z.string(),
  scheduled: z.object({
    id: z.string(),
    effectiveAt: z.string()
  }).nullable(),
  unit: unitRefSchema.and(z.object({
    path: z.string()
  })),
  target: unitRefSchema.and(z.object({
    path: z.string()
  })).nullable(),
  unitsRepathed: z.number(),
  oldPath: z.string().nullable(),
  newPath: z.string().nullable(),
  childUnitsMoved: z.number(),
  roleAssignmentsTransferred: z.number(),
  roleMapping: z.array(roleMappingRowSchema),
  openItemsTransferred: z.number(),
  openWork: openWorkChangeSchema,
  blockers: dissolveBlockersSchema.nullable(),
  renamed: z.object({
    from: z.string(),
    to: z.string(),
    codeFrom: z.string(),
    codeTo: z.string()
  }).nullable()
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type orgResponseChecks = [
  Expect<Same<z.output<typeof reorganisationKindSchema>, ReorganisationKind>>,
  Expect<Same<z.output<typeof openWorkChangeSchema>, OpenWorkChange>>,
  Expect<Same<z.output<typeof unitPersonDelegationSchema>, UnitPersonDelegation>>,
  Expect<Same<z.output<typeof userViewSchema>, UserView>>,
  Expect<Same<z.output<typeof createUserResponseSchema>, CreateUserResponse>>,
  Expect<Same<z.output<typeof passwordResetResponseSchema>, PasswordResetResponse>>,
  Expect<Same<z.output<typeof delegationViewSchema>, DelegationView>>,
  Expect<Same<z.output<typeof importReportSchema>, ImportReport>>,
  Expect<Same<z.output<typeof unitViewSchema>, UnitView>>,
  Expect<Same<z.output<typeof unitRefSchema>, UnitRef>>,
  Expect<Same<z.output<typeof unitChainRefSchema>, UnitChainRef>>,
  Expect<Same<z.output<typeof unitDetailSchema>, UnitDetail>>,
  Expect<Same<z.output<typeof treeNodeAsOfSchema>, TreeNodeAsOf>>,
  Expect<Same<z.output<typeof treeAsOfResponseSchema>, TreeAsOfResponse>>,
  Expect<Same<z.output<typeof subtreeCountSchema>, SubtreeCount>>,
  Expect<Same<z.output<typeof roleMappingRowSchema>, RoleMappingRow>>,
  Expect<Same<z.output<typeof dissolveBlockersSchema>, DissolveBlockers>>,
  Expect<Same<z.output<typeof scheduledReorganisationViewSchema>, ScheduledReorganisationView>>,
  Expect<Same<z.output<typeof unitHistoryEntrySchema>, UnitHistoryEntry>>,
  Expect<Same<z.output<typeof unitHistoryResponseSchema>, UnitHistoryResponse>>,
  Expect<Same<z.output<typeof unitPersonRoleSchema>, UnitPersonRole>>,
  Expect<Same<z.output<typeof unitPersonSchema>, UnitPerson>>,
  Expect<Same<z.output<typeof unitPeopleResponseSchema>, UnitPeopleResponse>>,
  Expect<Same<z.output<typeof roleAssignmentRecordSchema>, RoleAssignmentRecord>>,
  Expect<Same<z.output<typeof reorganisationReportSchema>, ReorganisationReport>>,
];

export const unitViewPageSchema = pageSchema('UnitViewPage', unitViewSchema);
export const userViewPageSchema = pageSchema('UserViewPage', userViewSchema);
export const delegationViewPageSchema = pageSchema('DelegationViewPage', delegationViewSchema);
