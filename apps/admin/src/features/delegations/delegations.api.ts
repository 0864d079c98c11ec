import type { CreateDelegationRequest, DelegationView, Page, UnitPeopleResponse } from '@thidua/contracts';
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
