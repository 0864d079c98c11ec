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
  UnitView,
  UserView,
} from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

/** Plain typed fetchers for /api/units, /api/users, /api/delegations. No React here. Files: `org.files.ts`. */

type Query<T> = Partial<T>;

export function listUnits(query: Query<ListUnitsQuery>, signal?: AbortSignal): Promise<Page<UnitView>> {
  return apiRequest<Page<UnitView>>('/units', { query: { ...query }, signal });
}

export function getUnit(id: string, signal?: AbortSignal): Promise<UnitDetail> {
  return apiRequest<UnitDetail>(`/units/${encodeURIComponent(id)}`, { signal });
}

export function listChildren(id: string, query: Query<PageQuery>, signal?: AbortSignal): Promise<Page<UnitView>> {
  return apiRequest<Page<UnitView>>(`/units/${encodeURIComponent(id)}/children`, { query: { ...query }, signal });
}

export function getSubtreeCount(id: string, signal?: AbortSignal): Promise<SubtreeCount> {
  return apiRequest<SubtreeCount>(`/units/${encodeURIComponent(id)}/subtree-count`, { signal });
}

/** A subtree in path order (today, or as it stood at `asOf`), one page at a time. */
export function getTree(query: Query<TreeAsOfQuery> & { rootId: string }, signal?: AbortSignal): Promise<TreeAsOfResponse> {
  return apiRequest<TreeAsOfResponse>('/units/tree', { query: { ...query }, signal });
}

/** What happened to the unit when: positions, recorded changes at their effective dates, scheduled changes. */
export function getUnitHistory(id: string, signal?: AbortSignal): Promise<UnitHistoryResponse> {
  return apiRequest<UnitHistoryResponse>(`/units/${encodeURIComponent(id)}/history`, { signal });
}

export function moveUnit(id: string, body: MoveUnitRequest): Promise<ReorganisationReport> {
  return apiRequest<ReorganisationReport>(`/units/${encodeURIComponent(id)}/move`, { method: 'POST', body });
}

export function mergeUnit(id: string, body: MergeUnitRequest): Promise<ReorganisationReport> {
  return apiRequest<ReorganisationReport>(`/units/${encodeURIComponent(id)}/merge`, { method: 'POST', body });
}

export function dissolveUnit(id: string, body: DissolveUnitRequest): Promise<ReorganisationReport> {
  return apiRequest<ReorganisationReport>(`/units/${encodeURIComponent(id)}/dissolve`, { method: 'POST', body });
}

export function listUsers(query: Query<ListUsersQuery>, signal?: AbortSignal): Promise<Page<UserView>> {
  return apiRequest<Page<UserView>>('/users', { query: { ...query }, signal });
}

export function getUserRoles(userId: string, signal?: AbortSignal): Promise<RoleAssignmentRecord[]> {
  return apiRequest<RoleAssignmentRecord[]>(`/users/${encodeURIComponent(userId)}/roles`, { signal });
}

export function listDelegations(query: Query<ListDelegationsQuery>, signal?: AbortSignal): Promise<Page<DelegationView>> {
  const { activeOnly, ...rest } = query;
  return apiRequest<Page<DelegationView>>('/delegations', { query: { ...rest, activeOnly: activeOnly === undefined ? undefined : String(activeOnly) }, signal });
}
