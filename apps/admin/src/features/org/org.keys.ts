/** Query keys of the organisation feature; every key starts with the feature's root. */
export const orgKeys = {
  all: ['org'] as const,
  units: () => [...orgKeys.all, 'unit'] as const,
  unit: (id: string) => [...orgKeys.units(), id] as const,
  children: (id: string) => [...orgKeys.all, 'children', id] as const,
  history: (id: string) => [...orgKeys.all, 'history', id] as const,
  treeAsOf: (rootId: string, asOf: string) => [...orgKeys.all, 'tree-as-of', rootId, asOf] as const,
  subtreeCount: (id: string) => [...orgKeys.all, 'subtree-count', id] as const,
  index: (rootIds: readonly string[]) => [...orgKeys.all, 'index', rootIds] as const,
  serverSearch: (q: string) => [...orgKeys.all, 'search', q] as const,
  people: (unitId: string) => [...orgKeys.all, 'people', unitId] as const,
  roles: (userId: string) => [...orgKeys.all, 'roles', userId] as const,
  delegations: (userId: string) => [...orgKeys.all, 'delegations', userId] as const,
};
