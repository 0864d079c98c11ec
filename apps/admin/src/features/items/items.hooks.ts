import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateItemRequest, ItemActionRequest, ItemAllowedActionsView, ItemListQuery, WorkItemView } from '@thidua/contracts';
import {
  actOnItem,
  createItem,
  getAllowedActions,
  getCascade,
  getDefinition,
  getItem,
  getItemHistory,
  getUnit,
  listAttachments,
  listItems,
  listPublishedDefinitions,
  newIdempotencyKey,
  saveItemData,
} from './items.api';
import { itemsKeys } from './items.keys';
import { ApiError } from '../../api/api-error';

export function useItem(id: string) {
  return useQuery({ queryKey: itemsKeys.detail(id), queryFn: ({ signal }) => getItem(id, signal) });
}

/** What the engine allows the signed-in user on the item at this version (refetched when the item moves). */
export function useAllowedActions(id: string, version: number | undefined) {
  return useQuery({ queryKey: itemsKeys.allowed(id, version), queryFn: ({ signal }) => getAllowedActions(id, signal), enabled: version !== undefined });
}

export function useItemHistory(id: string, enabled = true) {
  return useQuery({ queryKey: itemsKeys.history(id), queryFn: ({ signal }) => getItemHistory(id, signal), enabled });
}

export function useAttachments(id: string) {
  return useQuery({ queryKey: itemsKeys.attachments(id), queryFn: ({ signal }) => listAttachments(id, signal) });
}

export function useItems(query: Partial<ItemListQuery>, enabled = true) {
  return useQuery({ queryKey: itemsKeys.list(query), queryFn: ({ signal }) => listItems(query, signal), enabled });
}

export function useCascade(itemId: string | null | undefined, poll: boolean) {
  return useQuery({
    queryKey: itemsKeys.cascade(itemId ?? ''),
    queryFn: ({ signal }) => getCascade(itemId ?? '', signal),
    enabled: Boolean(itemId),
    // A running cascade is watched until it is done; the page can be left and the figures are current on return.
    refetchInterval: (q) => (poll && q.state.data && (q.state.data.status === 'running' || q.state.data.status === 'pending') ? 3000 : false),
  });
}

/** Definition versions never change once published: cache them for the session. */
export function useDefinition(id: string | undefined) {
  return useQuery({
    queryKey: itemsKeys.definition(id ?? ''),
    queryFn: ({ signal }) => getDefinition(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}

export function usePublishedDefinitions() {
  return useQuery({ queryKey: itemsKeys.definitions(), queryFn: ({ signal }) => listPublishedDefinitions(signal), staleTime: 10 * 60_000 });
}

export function useUnit(id: string | null | undefined) {
  return useQuery({
    queryKey: itemsKeys.unit(id ?? ''),
    queryFn: ({ signal }) => getUnit(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** After any change to an item: its page, its history, every list and the inbox show the new state. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return (item: WorkItemView) => {
    queryClient.setQueryData(itemsKeys.detail(item.id), item);
    void queryClient.invalidateQueries({ queryKey: itemsKeys.history(item.id) });
    void queryClient.invalidateQueries({ queryKey: itemsKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** 409 ITEM_CHANGED (someone else acted first) carries the current item: show it at once. */
function useShowCurrentOnConflict() {
  const refresh = useRefreshAfterChange();
  return (error: unknown) => {
    const current = error instanceof ApiError && error.code === 'ITEM_CHANGED' ? (error.details.item as WorkItemView | null | undefined) : undefined;
    if (current) refresh(current);
  };
}

export function useCreateItem() {
  const refresh = useRefreshAfterChange();
  return useMutation({ mutationFn: (body: CreateItemRequest) => createItem(body), onSuccess: refresh });
}

export function useSaveItemData(id: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshAfterChange();
  const showCurrent = useShowCurrentOnConflict();
  return useMutation({
    mutationFn: (body: { data: Record<string, unknown>; expectedVersion: number }) => saveItemData(id, body),
    onSuccess: (saved, body) => {
      // A draft does not move the stage: what was allowed before stays shown (stale, fetched again) under the new
      // version, so the form is not taken off the page, with the focus in it, while that answer comes back.
      const before = queryClient.getQueryData<ItemAllowedActionsView>(itemsKeys.allowed(id, body.expectedVersion));
      if (before) {
        queryClient.setQueryData<ItemAllowedActionsView>(itemsKeys.allowed(id, saved.version), { ...before, version: saved.version });
        void queryClient.invalidateQueries({ queryKey: itemsKeys.allowed(id, saved.version) });
      }
      refresh(saved);
    },
    onError: showCurrent,
  });
}

export function useItemAction(id: string) {
  const refresh = useRefreshAfterChange();
  const showCurrent = useShowCurrentOnConflict();
  return useMutation({
    mutationFn: (body: ItemActionRequest) => actOnItem(id, body, newIdempotencyKey(`${body.action}:${id}`)),
    onSuccess: refresh,
    onError: showCurrent,
  });
}
