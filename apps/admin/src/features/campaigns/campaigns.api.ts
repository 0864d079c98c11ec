import type {
  AwardFormView,
  BallotView,
  CampaignCascadeView,
  CampaignView,
  CastVoteRequest,
  CloseBallotsRequest,
  CreateNominationRequest,
  DossierView,
  IssueDecisionRequest,
  IssueDecisionResult,
  ListBallotsQuery,
  ListCampaignsQuery,
  NominationView,
  SaveDossierRequest,
  SetPostingRequest,
  SignDossierDocumentRequest,
} from '@thidua/contracts';
import { downloadFile } from '../../api/file-transfer';
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

/** A campaign nomination: its `commendation` work item is created with it, the quota checked in the same step. */
export function createNomination(campaignId: string, body: Omit<CreateNominationRequest, 'attachmentIds'> & { attachmentIds?: string[] }): Promise<NominationView> {
  return apiRequest<NominationView>(`/campaigns/${campaignId}/nominations`, { method: 'POST', body });
}

/** The ballots the signed-in user may read (eligible member, council secretary, supervisor of the council's unit). */
export function listBallots(query: Partial<ListBallotsQuery>, signal?: AbortSignal): Promise<BallotView[]> {
  return apiRequest<BallotView[]>('/campaigns/ballots', { query: { ...query }, signal });
}

export function castVotes(body: CastVoteRequest): Promise<BallotView[]> {
  return apiRequest<BallotView[]>('/campaigns/ballots/votes', { method: 'POST', body });
}

export function closeBallots(body: CloseBallotsRequest): Promise<BallotView[]> {
  return apiRequest<BallotView[]>('/campaigns/ballots/close', { method: 'POST', body });
}

export function issueDecision(campaignId: string, body: IssueDecisionRequest): Promise<IssueDecisionResult> {
  return apiRequest<IssueDecisionResult>(`/campaigns/${campaignId}/decisions`, { method: 'POST', body });
}

/** The signed decision (.docx, official layout). */
export function downloadDocument(id: string, fileName: string, onProgress: (p: number) => void = () => undefined) {
  return downloadFile(`/documents/${id}/docx`, undefined, fileName, onProgress);
}

/** The same document as a PDF (made from the same content as the .docx). */
export function downloadDocumentPdf(id: string, fileName: string, onProgress: (p: number) => void = () => undefined) {
  return downloadFile(`/documents/${id}/pdf`, undefined, fileName, onProgress);
}

// ---------- the commendation dossier ----------

export function getDossier(nominationId: string, signal?: AbortSignal): Promise<DossierView> {
  return apiRequest<DossierView>(`/campaigns/nominations/${nominationId}/dossier`, { signal });
}

/** The structured report and the meeting, saved into the nomination's item data. */
export function saveDossier(nominationId: string, body: SaveDossierRequest): Promise<DossierView> {
  return apiRequest<DossierView>(`/campaigns/nominations/${nominationId}/dossier`, { method: 'PUT', body });
}

/** Generates and signs the tờ trình (`proposal`) or the meeting's biên bản (`minutes`) in the unit's register. */
export function signDossierDocument(nominationId: string, which: 'proposal' | 'minutes', body: SignDossierDocumentRequest): Promise<DossierView> {
  return apiRequest<DossierView>(`/campaigns/nominations/${nominationId}/dossier/${which}`, { method: 'POST', body });
}

export function setPosting(nominationId: string, body: SetPostingRequest): Promise<DossierView> {
  return apiRequest<DossierView>(`/campaigns/nominations/${nominationId}/posting`, { method: 'PUT', body });
}

export function listAwardForms(signal?: AbortSignal): Promise<AwardFormView[]> {
  return apiRequest<AwardFormView[]>('/campaigns/award-forms', { signal });
}

export function getCampaignCascade(id: string, signal?: AbortSignal): Promise<CampaignCascadeView> {
  return apiRequest<CampaignCascadeView>(`/campaigns/${id}/cascade`, { signal });
}
