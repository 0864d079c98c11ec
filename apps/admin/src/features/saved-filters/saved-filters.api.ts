import type { SavedFilterPage, SavedFilterView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

export function listSavedFilters(page: SavedFilterPage, signal?: AbortSignal): Promise<SavedFilterView[]> {
  return data(api.GET('/saved-filters', { params: { query: { page } }, signal }));
}

export function createSavedFilter(page: SavedFilterPage, name: string, filters: Record<string, string>): Promise<SavedFilterView> {
  return data(api.POST('/saved-filters', { body: { page, name, filters } as never }));
}

export function renameSavedFilter(id: string, name: string): Promise<SavedFilterView> {
  return data(api.PATCH('/saved-filters/{id}', { params: { path: { id } }, body: { name } }));
}

export function deleteSavedFilter(id: string): Promise<void> {
  return data(api.DELETE('/saved-filters/{id}', { params: { path: { id } } }));
}

export const savedFilterKeys = {
  all: ['saved-filters'] as const,
  page: (page: SavedFilterPage) => [...savedFilterKeys.all, page] as const,
};
