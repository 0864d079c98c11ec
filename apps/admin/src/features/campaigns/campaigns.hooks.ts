import { useQuery } from '@tanstack/react-query';
import type { ListCampaignsQuery } from '@thidua/contracts';
import { getCampaign, getCampaignCascade, listAwardForms, listCampaigns, listNominations } from './campaigns.api';
import { campaignsKeys } from './campaigns.keys';

export function useCampaigns(query: Partial<ListCampaignsQuery> = {}) {
  return useQuery({ queryKey: campaignsKeys.list(query), queryFn: ({ signal }) => listCampaigns(query, signal), staleTime: 60_000 });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: campaignsKeys.detail(id), queryFn: ({ signal }) => getCampaign(id, signal) });
}

export function useNominations(campaignId: string | undefined, query: { status?: string; atUnitId?: string } = {}) {
  return useQuery({
    queryKey: campaignsKeys.nominations(campaignId ?? '', query),
    queryFn: ({ signal }) => listNominations(campaignId ?? '', query, signal),
    enabled: Boolean(campaignId),
  });
}

/** Award form code → its name (the catalogue in force today). */
export function useAwardFormNames(): Map<string, string> {
  const forms = useQuery({ queryKey: [...campaignsKeys.all, 'award-forms'], queryFn: ({ signal }) => listAwardForms(signal), staleTime: Infinity });
  return new Map((forms.data ?? []).map((f) => [f.code, f.name]));
}

/** The campaign's cascade seen from the caller's subtree; refreshed while units are still being reached. */
export function useCampaignCascade(id: string) {
  return useQuery({
    queryKey: campaignsKeys.cascade(id),
    queryFn: ({ signal }) => getCampaignCascade(id, signal),
    refetchInterval: (query) => {
      const d = query.state.data;
      return d && d.unitsReached < d.unitsTotal ? 3000 : false;
    },
  });
}
