import type {
  DefinitionListQuery,
  DefinitionView,
  MigrateItemsRequest,
  MigrationPlanView,
} from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

/** Plain typed fetchers for /api/workflows (definitions, versions, publishing, migration). No React here. */

/** A validation problem as the API reports it (workflow-core's `Problem`). */
export interface DefinitionProblem {
  path: string;
  code: string;
  message: string;
}

export function listDefinitions(query: DefinitionListQuery = {}, signal?: AbortSignal): Promise<DefinitionView[]> {
  return apiRequest<DefinitionView[]>('/workflows', { query: { ...query }, signal });
}

export function getDefinition(id: string, signal?: AbortSignal): Promise<DefinitionView> {
  return apiRequest<DefinitionView>(`/workflows/${encodeURIComponent(id)}`, { signal });
}

export function validateOnServer(definition: Record<string, unknown>, signal?: AbortSignal): Promise<{ problems: DefinitionProblem[] }> {
  return apiRequest<{ problems: DefinitionProblem[] }>('/workflows/validate', { method: 'POST', body: { definition }, signal });
}

/** A new draft: the next version of the definition's key. */
export function createDraft(definition: Record<string, unknown>): Promise<DefinitionView> {
  return apiRequest<DefinitionView>('/workflows', { method: 'POST', body: { definition } });
}

export function updateDraft(id: string, definition: Record<string, unknown>): Promise<DefinitionView> {
  return apiRequest<DefinitionView>(`/workflows/${encodeURIComponent(id)}`, { method: 'PUT', body: { definition } });
}

export function publishDefinition(id: string): Promise<DefinitionView> {
  return apiRequest<DefinitionView>(`/workflows/${encodeURIComponent(id)}/publish`, { method: 'POST' });
}

export function retireDefinition(id: string): Promise<DefinitionView> {
  return apiRequest<DefinitionView>(`/workflows/${encodeURIComponent(id)}/retire`, { method: 'POST' });
}

export function migrateItems(key: string, body: MigrateItemsRequest): Promise<MigrationPlanView> {
  return apiRequest<MigrationPlanView>(`/workflows/by-key/${encodeURIComponent(key)}/migrations`, { method: 'POST', body });
}
