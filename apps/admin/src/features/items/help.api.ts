import type { CreateHelpRequest, HelpRequestView, ItemHelpView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Help and co-sign requests (issue 15, line 6): an item's, mine, and the steps on one. */
export function getItemHelp(id: string, signal?: AbortSignal): Promise<ItemHelpView> {
  return data(api.GET('/items/{id}/help-requests', { params: { path: { id } }, signal }));
}

export function askForHelp(id: string, body: CreateHelpRequest): Promise<HelpRequestView[]> {
  return data(api.POST('/items/{id}/help-requests', { params: { path: { id } }, body }));
}

export function myHelpRequests(status: 'open' | 'all', signal?: AbortSignal): Promise<HelpRequestView[]> {
  return data(api.GET('/help-requests', { params: { query: { status } }, signal }));
}

export type HelpStep = { kind: 'reply'; text: string } | { kind: 'sign' } | { kind: 'decline'; reason: string } | { kind: 'cancel' };

export function helpStep(requestId: string, s: HelpStep): Promise<HelpRequestView> {
  const path = { params: { path: { id: requestId } } };
  switch (s.kind) {
    case 'reply':
      return data(api.POST('/help-requests/{id}/reply', { ...path, body: { text: s.text } }));
    case 'sign':
      return data(api.POST('/help-requests/{id}/sign', { ...path, body: {} }));
    case 'decline':
      return data(api.POST('/help-requests/{id}/decline', { ...path, body: { reason: s.reason } }));
    default:
      return data(api.POST('/help-requests/{id}/cancel', { ...path, body: {} }));
  }
}

export const helpKeys = {
  all: ['help-requests'] as const,
  item: (id: string) => [...helpKeys.all, 'item', id] as const,
  mine: (status: 'open' | 'all') => [...helpKeys.all, 'mine', status] as const,
};
