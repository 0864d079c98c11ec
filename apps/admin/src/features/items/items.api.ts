import type {
  AttachmentView,
  BulkActionRequest,
  BulkActionResult,
  CascadeProgressView,
  CreateItemRequest,
  DefinitionView,
  ItemActionRequest,
  ItemAllowedActionsView,
  ItemListQuery,
  ItemListView,
  UnitDetail,
  UpdateItemDataRequest,
  WorkItemEventView,
  WorkItemView,
} from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Plain typed fetchers for /api/items (the workflow runtime's work items). No React here. */

export function createItem(body: CreateItemRequest): Promise<WorkItemView> {
  return data(api.POST('/items', { body }));
}

/** The actions the engine allows the signed-in user on the item now. */
export function getAllowedActions(id: string, signal?: AbortSignal): Promise<ItemAllowedActionsView> {
  return data(api.GET('/items/{id}/allowed-actions', { params: { path: { id } }, signal }));
}

export function getItem(id: string, signal?: AbortSignal): Promise<WorkItemView> {
  return data(api.GET('/items/{id}', { params: { path: { id } }, signal }));
}

/** Oldest first: the API orders by event id (a number); sorted here too, so a history is always shown in order. */
export async function getItemHistory(id: string, signal?: AbortSignal): Promise<WorkItemEventView[]> {
  const events = await data(api.GET('/items/{id}/history', { params: { path: { id } }, signal }));
  return sortEvents(events);
}

export function sortEvents(events: readonly WorkItemEventView[]): WorkItemEventView[] {
  const key = (e: WorkItemEventView) => (/^\d+$/.test(e.id) ? Number(e.id) : Number.NaN);
  return [...events].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (!Number.isNaN(ka) && !Number.isNaN(kb) && ka !== kb) return ka - kb;
    return a.itemVersion - b.itemVersion || a.occurredAt.localeCompare(b.occurredAt);
  });
}

export function listItems(query: Partial<ItemListQuery>, signal?: AbortSignal): Promise<ItemListView> {
  return data(api.GET('/items', { params: { query }, signal }));
}

/** One action; the idempotency key makes a repeated click (or a retry after a lost answer) take effect once. */
export function actOnItem(id: string, body: ItemActionRequest, idempotencyKey: string): Promise<WorkItemView> {
  return data(api.POST('/items/{id}/actions', { params: { path: { id } }, body, headers: { 'Idempotency-Key': idempotencyKey } }));
}

export function saveItemData(id: string, body: UpdateItemDataRequest): Promise<WorkItemView> {
  return data(api.PATCH('/items/{id}/data', { params: { path: { id } }, body }));
}

export function bulkAct(body: BulkActionRequest, idempotencyKey: string): Promise<BulkActionResult> {
  return data(api.POST('/items/bulk-actions', { body, headers: { 'Idempotency-Key': idempotencyKey } }));
}

export function listAttachments(id: string, signal?: AbortSignal): Promise<AttachmentView[]> {
  return data(api.GET('/items/{id}/attachments', { params: { path: { id } }, signal }));
}

export function getCascade(id: string, signal?: AbortSignal): Promise<CascadeProgressView | null> {
  return data(api.GET('/items/{id}/cascade', { params: { path: { id } }, signal }));
}

/** The definition version an item runs on: its stages, their fields and transitions. */
export function getDefinition(id: string, signal?: AbortSignal): Promise<DefinitionView> {
  return data(api.GET('/workflows/{id}', { params: { path: { id } }, signal }));
}

export function listPublishedDefinitions(signal?: AbortSignal): Promise<DefinitionView[]> {
  return data(api.GET('/workflows', { params: { query: { status: 'published' } }, signal }));
}

/** A unit with its ancestors (names for unit paths, and whether a role held higher up covers it). */
export function getUnit(id: string, signal?: AbortSignal): Promise<UnitDetail> {
  return data(api.GET('/units/{id}', { params: { path: { id } }, signal }));
}

export function newIdempotencyKey(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}:${random}`;
}
