import type { DefinitionListQuery } from '@thidua/contracts';

/** Query keys of the workflows feature; every key starts with the feature's root. */
export const workflowKeys = {
  all: ['workflows'] as const,
  lists: () => [...workflowKeys.all, 'list'] as const,
  list: (query: DefinitionListQuery) => [...workflowKeys.lists(), query] as const,
  detail: (id: string) => [...workflowKeys.all, 'detail', id] as const,
  unitSearch: (q: string) => [...workflowKeys.all, 'unit-search', q] as const,
  previewTree: (unitId: string, codes: readonly string[]) => [...workflowKeys.all, 'preview-tree', unitId, codes] as const,
};
