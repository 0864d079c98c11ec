import { useQuery } from '@tanstack/react-query';
import { createOperationStore } from '../org/operation-store';
import { getBreakdown, getChildUnits, getRollup } from './reports.api';
import { reportsKeys } from './reports.keys';

export function useRollup(campaignId: string, unitId: string | undefined, milestoneId: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: reportsKeys.rollup(campaignId, unitId ?? '', milestoneId ?? '', asOf ?? ''),
    queryFn: ({ signal }) => getRollup(campaignId, unitId ?? '', milestoneId ?? '', signal, asOf),
    enabled: Boolean(unitId && milestoneId),
  });
}

export function useBreakdown(campaignId: string, unitId: string | undefined, milestoneId: string | undefined, key: string | null, asOf?: string) {
  return useQuery({
    queryKey: reportsKeys.breakdown(campaignId, unitId ?? '', milestoneId ?? '', key ?? '', asOf ?? ''),
    queryFn: ({ signal }) => getBreakdown(campaignId, unitId ?? '', milestoneId ?? '', key ?? '', signal, asOf),
    enabled: Boolean(unitId && milestoneId && key),
  });
}

export function useChildUnits(unitId: string | undefined) {
  return useQuery({
    queryKey: reportsKeys.children(unitId ?? ''),
    queryFn: ({ signal }) => getChildUnits(unitId ?? '', signal),
    enabled: Boolean(unitId),
    staleTime: 5 * 60_000,
  });
}

/** Exports run on when the user leaves the dashboard; the result (or the error) is there when they come back. */
export const exportStore = createOperationStore<{ fileName: string; bytes: number }>('thidua.reports.export');
