import type { ListCampaignsQuery } from '@thidua/contracts';

export const campaignsKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignsKeys.all, 'list'] as const,
  list: (query: Partial<ListCampaignsQuery>) => [...campaignsKeys.lists(), query] as const,
  detail: (id: string) => [...campaignsKeys.all, 'detail', id] as const,
  cascade: (id: string) => [...campaignsKeys.all, 'cascade', id] as const,
  dossier: (nominationId: string) => [...campaignsKeys.all, 'dossier', nominationId] as const,
  nominations: (campaignId: string, query: { status?: string; atUnitId?: string }) => [...campaignsKeys.all, 'nominations', campaignId, query] as const,
};
