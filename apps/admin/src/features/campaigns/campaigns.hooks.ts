import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DossierView, ListCampaignsQuery, SaveDossierRequest, SetPostingRequest, SignDossierDocumentRequest } from '@thidua/contracts';
import { getCampaign, getCampaignCascade, getDossier, listAwardForms, listCampaigns, listNominations, saveDossier, setPosting, signDossierDocument } from './campaigns.api';
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

/** A nomination's dossier: its report, meeting, documents and what is still missing (the API's answer). */
export function useDossier(nominationId: string | undefined) {
  return useQuery({ queryKey: campaignsKeys.dossier(nominationId ?? ''), queryFn: ({ signal }) => getDossier(nominationId ?? '', signal), enabled: Boolean(nominationId) });
}

/** After a dossier change: the dossier itself, the nominations and the item (its data and version moved). */
function useDossierUpdated(nominationId: string) {
  const queryClient = useQueryClient();
  return (d: DossierView) => {
    queryClient.setQueryData(campaignsKeys.dossier(nominationId), d);
    void queryClient.invalidateQueries({ queryKey: [...campaignsKeys.all, 'nominations'] });
    void queryClient.invalidateQueries({ queryKey: ['items'] });
  };
}

export function useSaveDossier(nominationId: string) {
  const onSuccess = useDossierUpdated(nominationId);
  return useMutation({ mutationFn: (body: SaveDossierRequest) => saveDossier(nominationId, body), onSuccess });
}

export function useSignDossierDocument(nominationId: string) {
  const onSuccess = useDossierUpdated(nominationId);
  return useMutation({ mutationFn: (v: { which: 'proposal' | 'minutes'; body: SignDossierDocumentRequest }) => signDossierDocument(nominationId, v.which, v.body), onSuccess });
}

export function useSetPosting(nominationId: string) {
  const onSuccess = useDossierUpdated(nominationId);
  return useMutation({ mutationFn: (body: SetPostingRequest) => setPosting(nominationId, body), onSuccess });
}
