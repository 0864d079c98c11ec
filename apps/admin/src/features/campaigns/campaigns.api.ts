import type { AwardFormView, BallotView, CampaignCascadeView, CampaignView, CastVoteRequest, ListCampaignsQuery, NominationView, OpenBallotRequest } from '@thidua/contracts';
import { apiRequest } from '../../api/http-client';

/** Plain typed fetchers for /api/campaigns (campaigns, nominations, council ballots). */

export function listCampaigns(query: Partial<ListCampaignsQuery>, signal?: AbortSignal): Promise<CampaignView[]> {
  return apiRequest<CampaignView[]>('/campaigns', { query: { ...query }, signal });
}

export function getCampaign(id: string, signal?: AbortSignal): Promise<CampaignView> {
  return apiRequest<CampaignView>(`/campaigns/${id}`, { signal });
}

export function listNominations(campaignId: string, query: { status?: string; atUnitId?: string }, signal?: AbortSignal): Promise<NominationView[]> {
  return apiRequest<NominationView[]>(`/campaigns/${campaignId}/nominations`, { query, signal });
}

export function openBallot(campaignId: string, body: Partial<OpenBallotRequest> & Pick<OpenBallotRequest, 'nominationIds'>): Promise<BallotView> {
  return apiRequest<BallotView>(`/campaigns/${campaignId}/ballots`, { method: 'POST', body });
}

export function getBallot(id: string, signal?: AbortSignal): Promise<BallotView> {
  return apiRequest<BallotView>(`/campaigns/ballots/${id}`, { signal });
}

export function castVote(id: string, body: CastVoteRequest): Promise<BallotView> {
  return apiRequest<BallotView>(`/campaigns/ballots/${id}/votes`, { method: 'POST', body });
}

export function closeBallot(id: string): Promise<BallotView> {
  return apiRequest<BallotView>(`/campaigns/ballots/${id}/close`, { method: 'POST' });
}

export function listAwardForms(signal?: AbortSignal): Promise<AwardFormView[]> {
  return apiRequest<AwardFormView[]>('/campaigns/award-forms', { signal });
}

export function getCampaignCascade(id: string, signal?: AbortSignal): Promise<CampaignCascadeView> {
  return apiRequest<CampaignCascadeView>(`/campaigns/${id}/cascade`, { signal });
}
