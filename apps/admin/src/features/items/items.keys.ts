import type { ItemListQuery } from '@thidua/contracts';

export const itemsKeys = {
  all: ['items'] as const,
  lists: () => [...itemsKeys.all, 'list'] as const,
  list: (query: Partial<ItemListQuery>) => [...itemsKeys.lists(), query] as const,
  detail: (id: string) => [...itemsKeys.all, 'detail', id] as const,
  allowed: (id: string, version: number | undefined) => [...itemsKeys.all, 'allowed', id, version ?? 0] as const,
  history: (id: string) => [...itemsKeys.all, 'history', id] as const,
  attachments: (id: string) => [...itemsKeys.all, 'attachments', id] as const,
  cascade: (id: string) => [...itemsKeys.all, 'cascade', id] as const,
  definition: (id: string) => [...itemsKeys.all, 'definition', id] as const,
  definitions: () => [...itemsKeys.all, 'definitions', 'published'] as const,
  unit: (id: string) => [...itemsKeys.all, 'unit', id] as const,
};
