import type {
  DefinitionListQuery,
  DefinitionView,
  MigrateItemsRequest,
  MigrationPlanView,
} from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Plain typed fetchers for /api/workflows (definitions, versions, publishing, migration). No React here. */

/** A validation problem as the API reports it (workflow-core's `Problem`). */
export interface DefinitionProblem {
  path: string;
  code: string;
  message: string;
}

export function listDefinitions(query: DefinitionListQuery = {}, signal?: AbortSignal): Promise<DefinitionView[]> {
  return data(api.GET('/workflows', { params: { query }, signal }));
}

export function getDefinition(id: string, signal?: AbortSignal): Promise<DefinitionView> {
  return data(api.GET('/workflows/{id}', { params: { path: { id } }, signal }));
}

export function validateOnServer(definition: Record<string, unknown>, signal?: AbortSignal): Promise<{ problems: DefinitionProblem[] }> {
  return data(api.POST('/workflows/validate', { body: { definition }, signal }));
}

/** A new draft: the next version of the definition's key. */
export function createDraft(definition: Record<string, unknown>): Promise<DefinitionView> {
  return data(api.POST('/workflows', { body: { definition } }));
}

export function updateDraft(id: string, definition: Record<string, unknown>): Promise<DefinitionView> {
  return data(api.PUT('/workflows/{id}', { params: { path: { id } }, body: { definition } }));
}

export function publishDefinition(id: string): Promise<DefinitionView> {
  return data(api.POST('/workflows/{id}/publish', { params: { path: { id } } }));
}

export function retireDefinition(id: string): Promise<DefinitionView> {
  return data(api.POST('/workflows/{id}/retire', { params: { path: { id } } }));
}

export function migrateItems(key: string, body: MigrateItemsRequest): Promise<MigrationPlanView> {
  return data(api.POST('/workflows/by-key/{key}/migrations', { params: { path: { key } }, body }));
}
