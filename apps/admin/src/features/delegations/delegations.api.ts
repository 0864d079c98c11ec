import type { CreateDelegationRequest, DelegationView, Page, UnitPeopleResponse, UnitPerson } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Delegations from or to the signed-in user (issue 19): list, create, end early. */
export function myDelegations(signal?: AbortSignal): Promise<Page<DelegationView>> {
  return data(api.GET('/delegations', { params: { query: { limit: 100 } }, signal }));
}

export function createDelegation(body: CreateDelegationRequest): Promise<DelegationView> {
  return data(api.POST('/delegations', { body }));
}

export function endDelegation(id: string): Promise<DelegationView> {
  return data(api.POST('/delegations/{id}/revoke', { params: { path: { id } } }));
}

export function unitPeople(unitId: string, signal?: AbortSignal): Promise<UnitPeopleResponse> {
  return data(api.GET('/units/{id}/people', { params: { path: { id: unitId } }, signal }));
}

/**
 * Colleagues one may delegate to: the people of the caller's unit and of the units directly under it (a delegate
 * must be someone the caller sees), each once.
 */
export async function colleagues(unitId: string, signal?: AbortSignal): Promise<UnitPerson[]> {
  const children = await data(api.GET('/units/{id}/children', { params: { path: { id: unitId }, query: { limit: 50 } }, signal }));
  const lists = await Promise.all([unitId, ...children.items.map((c) => c.id)].map((id) => unitPeople(id, signal).catch(() => null)));
  const seen = new Map<string, UnitPerson>();
  for (const l of lists) for (const p of l?.people ?? []) if (!seen.has(p.userId)) seen.set(p.userId, p);
  return [...seen.values()];
}
