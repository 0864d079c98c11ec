import type {
  DelegationView,
  DissolveUnitRequest,
  ListDelegationsQuery,
  ListUnitsQuery,
  ListUsersQuery,
  MergeUnitRequest,
  MoveUnitRequest,
  Page,
  PageQuery,
  ReorganisationReport,
  RoleAssignmentRecord,
  SubtreeCount,
  TreeAsOfQuery,
  TreeAsOfResponse,
  UnitDetail,
  UnitHistoryResponse,
  UnitPeopleResponse,
  UnitView,
  UserView,
} from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Plain typed fetchers for /api/units, /api/users, /api/delegations. No React here. Files: `org.files.ts`. */

type Query<T> = Partial<T>;

export function listUnits(query: Query<ListUnitsQuery>, signal?: AbortSignal): Promise<Page<UnitView>> {
  return data(api.GET('/units', { params: { query }, signal }));
}

export function getUnit(id: string, signal?: AbortSignal): Promise<UnitDetail> {
  return data(api.GET('/units/{id}', { params: { path: { id } }, signal }));
}

export function listChildren(id: string, query: Query<PageQuery>, signal?: AbortSignal): Promise<Page<UnitView>> {
  return data(api.GET('/units/{id}/children', { params: { path: { id }, query }, signal }));
}

export function getSubtreeCount(id: string, signal?: AbortSignal): Promise<SubtreeCount> {
  return data(api.GET('/units/{id}/subtree-count', { params: { path: { id } }, signal }));
}

/** A subtree in path order (today, or as it stood at `asOf`), one page at a time. */
export function getTree(query: Query<TreeAsOfQuery> & { rootId: string }, signal?: AbortSignal): Promise<TreeAsOfResponse> {
  return data(api.GET('/units/tree', { params: { query }, signal }));
}

/** What happened to the unit when: positions, recorded changes at their effective dates, scheduled changes. */
export function getUnitHistory(id: string, signal?: AbortSignal): Promise<UnitHistoryResponse> {
  return data(api.GET('/units/{id}/history', { params: { path: { id } }, signal }));
}

export function moveUnit(id: string, body: MoveUnitRequest): Promise<ReorganisationReport> {
  return data(api.POST('/units/{id}/move', { params: { path: { id } }, body }));
}

export function mergeUnit(id: string, body: MergeUnitRequest): Promise<ReorganisationReport> {
  return data(api.POST('/units/{id}/merge', { params: { path: { id } }, body }));
}

export function dissolveUnit(id: string, body: DissolveUnitRequest): Promise<ReorganisationReport> {
  return data(api.POST('/units/{id}/dissolve', { params: { path: { id } }, body }));
}

/** Who holds a role at the unit now or is based there (GET /units/:id/people). */
export function getUnitPeople(id: string, signal?: AbortSignal): Promise<UnitPeopleResponse> {
  return data(api.GET('/units/{id}/people', { params: { path: { id } }, signal }));
}

/** Sets or clears the unit's chair (whom an escalation step `{chairOf}` hands work to); audited by the API. */
export function setUnitChair(id: string, chairUserId: string | null): Promise<UnitView> {
  return data(api.PATCH('/units/{id}', { params: { path: { id } }, body: { chairUserId } }));
}

export function listUsers(query: Query<ListUsersQuery>, signal?: AbortSignal): Promise<Page<UserView>> {
  return data(api.GET('/users', { params: { query }, signal }));
}

/** Replaces a person's capabilities (attributes work allocation matches); audited by the API. */
export function setUserCapabilities(id: string, capabilities: string[]): Promise<UserView> {
  return data(api.PATCH('/users/{id}', { params: { path: { id } }, body: { capabilities } }));
}

export function getUserRoles(userId: string, signal?: AbortSignal): Promise<RoleAssignmentRecord[]> {
  return data(api.GET('/users/{id}/roles', { params: { path: { id: userId } }, signal }));
}

export function listDelegations(query: Query<ListDelegationsQuery>, signal?: AbortSignal): Promise<Page<DelegationView>> {
  const { activeOnly, ...rest } = query;
  return data(api.GET('/delegations', { params: { query: { ...rest, activeOnly: activeOnly === undefined ? undefined : activeOnly ? 'true' : 'false' } }, signal }));
}
