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
import { api, data } from '../../api/typed-client';

/** Plain typed fetchers for /api/campaigns (campaigns, nominations, council ballots). */

export function listCampaigns(query: Partial<ListCampaignsQuery>, signal?: AbortSignal): Promise<CampaignView[]> {
  return data(api.GET('/campaigns', { params: { query }, signal }));
}

export function getCampaign(id: string, signal?: AbortSignal): Promise<CampaignView> {
  return data(api.GET('/campaigns/{id}', { params: { path: { id } }, signal }));
}

export function listNominations(campaignId: string, query: { status?: string; atUnitId?: string }, signal?: AbortSignal): Promise<NominationView[]> {
  return data(api.GET('/campaigns/{id}/nominations', { params: { path: { id: campaignId }, query }, signal }));
}

/** A campaign nomination: its `commendation` work item is created with it, the quota checked in the same step. */
export function createNomination(campaignId: string, body: Omit<CreateNominationRequest, 'attachmentIds'> & { attachmentIds?: string[] }): Promise<NominationView> {
  return data(api.POST('/campaigns/{id}/nominations', { params: { path: { id: campaignId } }, body }));
}

/** The ballots the signed-in user may read (eligible member, council secretary, supervisor of the council's unit). */
export function listBallots(query: Partial<ListBallotsQuery>, signal?: AbortSignal): Promise<BallotView[]> {
  return data(api.GET('/campaigns/ballots', { params: { query }, signal }));
}

export function castVotes(body: CastVoteRequest): Promise<BallotView[]> {
  return data(api.POST('/campaigns/ballots/votes', { body }));
}

export function closeBallots(body: CloseBallotsRequest): Promise<BallotView[]> {
  return data(api.POST('/campaigns/ballots/close', { body }));
}

export function issueDecision(campaignId: string, body: IssueDecisionRequest): Promise<IssueDecisionResult> {
  return data(api.POST('/campaigns/{id}/decisions', { params: { path: { id: campaignId } }, body }));
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
  return data(api.GET('/campaigns/nominations/{nominationId}/dossier', { params: { path: { nominationId } }, signal }));
}

/** The structured report and the meeting, saved into the nomination's item data. */
export function saveDossier(nominationId: string, body: SaveDossierRequest): Promise<DossierView> {
  return data(api.PUT('/campaigns/nominations/{nominationId}/dossier', { params: { path: { nominationId } }, body }));
}

/** Generates and signs the tờ trình (`proposal`) or the meeting's biên bản (`minutes`) in the unit's register. */
export function signDossierDocument(nominationId: string, which: 'proposal' | 'minutes', body: SignDossierDocumentRequest): Promise<DossierView> {
  const init = { params: { path: { nominationId } }, body };
  return data(
    which === 'proposal'
      ? api.POST('/campaigns/nominations/{nominationId}/dossier/proposal', init)
      : api.POST('/campaigns/nominations/{nominationId}/dossier/minutes', init),
  );
}

export function setPosting(nominationId: string, body: SetPostingRequest): Promise<DossierView> {
  return data(api.PUT('/campaigns/nominations/{nominationId}/posting', { params: { path: { nominationId } }, body }));
}

export function listAwardForms(signal?: AbortSignal): Promise<AwardFormView[]> {
  return data(api.GET('/campaigns/award-forms', { signal }));
}

export function getCampaignCascade(id: string, signal?: AbortSignal): Promise<CampaignCascadeView> {
  return data(api.GET('/campaigns/{id}/cascade', { params: { path: { id } }, signal }));
}
