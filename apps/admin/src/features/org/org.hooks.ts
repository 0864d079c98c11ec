import { useDeferredValue, useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReorganisationReport, RoleMapping, TreeNodeAsOf, UnitView } from '@thidua/contracts';
import { useMe } from '../auth/auth.hooks';
import {
  dissolveUnit,
  getSubtreeCount,
  getUnitHistory,
  getTree,
  getUnit,
  getUnitPeople,
  getUserRoles,
  listChildren,
  listDelegations,
  listUnits,
  listUsers,
  mergeUnit,
  moveUnit,
  setUnitChair,
  setUserCapabilities,
} from './org.api';
import { orgKeys } from './org.keys';
import { mergeById, searchUnits } from './org-search';

/** The units at the top of what the user may see: the units of their roles (those inside another one left out). */
export function useRootUnits() {
  const me = useMe();
  const unitIds = useMemo(() => [...new Set((me.data?.roles ?? []).map((r) => r.unitId))], [me.data]);
  const details = useQueries({
    queries: unitIds.map((id) => ({ queryKey: orgKeys.unit(id), queryFn: ({ signal }: { signal: AbortSignal }) => getUnit(id, signal) })),
  });
  const isPending = me.isPending || details.some((d) => d.isPending);
  const error = me.error ?? details.find((d) => d.error)?.error ?? null;
  const loaded = details.flatMap((d) => (d.data ? [d.data] : []));
  const ids = new Set(loaded.map((u) => u.id));
  const roots = loaded.filter((u) => !u.ancestors.some((a) => ids.has(a.id)));
  return { roots, isPending, error };
}

export function useUnit(id: string) {
  return useQuery({ queryKey: orgKeys.unit(id), queryFn: ({ signal }) => getUnit(id, signal) });
}

export function useUnitHistory(id: string) {
  return useQuery({ queryKey: orgKeys.history(id), queryFn: ({ signal }) => getUnitHistory(id, signal) });
}

/** The subtree as it stood at `asOf` (first 500 units in path order); disabled without a date. */
export function useTreeAsOf(rootId: string, asOf: string) {
  return useQuery({
    queryKey: orgKeys.treeAsOf(rootId, asOf),
    queryFn: ({ signal }) => getTree({ rootId, asOf, limit: 500 }, signal),
    enabled: Boolean(rootId && asOf),
  });
}

export function useSubtreeCount(id: string) {
  return useQuery({ queryKey: orgKeys.subtreeCount(id), queryFn: ({ signal }) => getSubtreeCount(id, signal) });
}

/** Child units, a page at a time (a province has thousands of grassroots unions). */
export function useChildren(id: string, isEnabled: boolean) {
  return useInfiniteQuery({
    queryKey: orgKeys.children(id),
    queryFn: ({ pageParam, signal }) => listChildren(id, { cursor: pageParam, limit: 100 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: isEnabled,
  });
}

/** Above this many units the search index stops loading and search relies on the API's own matching. */
export const INDEX_CAP = 5000;

export interface UnitIndex {
  units: TreeNodeAsOf[];
  isComplete: boolean;
}

/**
 * Every unit under the roots, for Vietnamese-aware search in the browser (the API's `q` matches diacritics exactly).
 * Loaded page by page in path order, at most INDEX_CAP units; cached for five minutes.
 */
export function useUnitIndex(rootIds: readonly string[]) {
  return useQuery({
    queryKey: orgKeys.index(rootIds),
    enabled: rootIds.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }): Promise<UnitIndex> => {
      const units: TreeNodeAsOf[] = [];
      for (const rootId of rootIds) {
        let cursor: string | undefined;
        do {
          const page = await getTree({ rootId, cursor, limit: 500 }, signal);
          units.push(...page.items);
          cursor = page.nextCursor ?? undefined;
          if (units.length >= INDEX_CAP) return { units, isComplete: false };
        } while (cursor);
      }
      return { units, isComplete: true };
    },
  });
}

export type SearchHit = Pick<UnitView, 'id' | 'code' | 'name' | 'kind' | 'parentId' | 'path'>;

/**
 * Search by code or name: the loaded index, matched without diacritics, merged with the API's answer (which covers
 * units beyond the index on very large trees). Empty query: no results.
 */
export function useUnitSearch(query: string, rootIds: readonly string[]) {
  const deferred = useDeferredValue(query.trim());
  const index = useUnitIndex(rootIds);
  const server = useQuery({
    queryKey: orgKeys.serverSearch(deferred),
    queryFn: ({ signal }) => listUnits({ q: deferred, limit: 50, status: 'active' }, signal),
    enabled: deferred.length >= 2,
    staleTime: 60_000,
  });
  const hits = useMemo<SearchHit[]>(() => {
    if (!deferred) return [];
    const local = searchUnits(index.data?.units ?? [], deferred, 50);
    return mergeById<SearchHit>(local, server.data?.items ?? []).slice(0, 50);
  }, [deferred, index.data, server.data]);
  return {
    hits,
    query: deferred,
    isSearching: deferred.length > 0 && (index.isPending || (deferred.length >= 2 && server.isPending)),
    isIndexComplete: index.data?.isComplete ?? false,
    error: index.error ?? server.error,
  };
}

/** People whose home unit is this unit (the API lists a whole subtree; the unit page shows the unit's own). */
export function usePeople(unitId: string, includeSubtree: boolean) {
  return useInfiniteQuery({
    queryKey: [...orgKeys.people(unitId), includeSubtree] as const,
    queryFn: ({ pageParam, signal }) => listUsers({ unitId, cursor: pageParam, limit: 200 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((p) => p.items).filter((u) => includeSubtree || u.homeUnitId === unitId),
  });
}

/** Sets a person's capabilities (work allocation by capability); the people lists are read again. */
export function useSetCapabilities() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, capabilities }: { userId: string; capabilities: string[] }) => setUserCapabilities(userId, capabilities),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

/** Who holds a role at the unit now (and who is based there): the people a chair is chosen among. */
export function useUnitPeople(unitId: string) {
  return useQuery({ queryKey: [...orgKeys.people(unitId), 'at-unit'] as const, queryFn: ({ signal }) => getUnitPeople(unitId, signal) });
}

/** Sets or clears a unit's chair; the unit is read again. */
export function useSetUnitChair(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (chairUserId: string | null) => setUnitChair(unitId, chairUserId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useUserRoles(userId: string) {
  return useQuery({ queryKey: orgKeys.roles(userId), queryFn: ({ signal }) => getUserRoles(userId, signal) });
}

export function useDelegations(userId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: orgKeys.delegations(userId),
    queryFn: ({ signal }) => listDelegations({ userId, limit: 100 }, signal),
    enabled: isEnabled,
  });
}

export type ReorganisationOperation = 'move' | 'merge' | 'dissolve';

export interface ReorganisationInput {
  operation: ReorganisationOperation;
  unitId: string;
  targetId: string | null;
  preview: boolean;
  /** A date (YYYY-MM-DD) the change takes effect; empty = now. A future date schedules it. */
  effectiveAt?: string;
  /** Merge/dissolve: the confirmed mapping of the unit's roles (unlisted ones end). */
  roleMapping?: RoleMapping;
}

/** Move, merge or dissolve, as a preview (nothing changes) or for real (the tree and its caches refresh). */
export function useReorganise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ operation, unitId, targetId, preview, effectiveAt, roleMapping }: ReorganisationInput): Promise<ReorganisationReport> => {
      const dated = effectiveAt ? { effectiveAt } : {};
      if (operation === 'move') return moveUnit(unitId, { newParentId: targetId ?? '', preview, ...dated });
      if (operation === 'merge') return mergeUnit(unitId, { intoId: targetId ?? '', preview, ...dated, ...(roleMapping ? { roleMapping } : {}) });
      return dissolveUnit(unitId, { transferToId: targetId ?? undefined, preview, ...dated, ...(roleMapping ? { roleMapping } : {}) });
    },
    onSuccess: (report) => {
      if (!report.preview) void queryClient.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}
