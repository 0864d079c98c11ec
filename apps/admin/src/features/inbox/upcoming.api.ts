import type { CommitmentView, UpcomingListView, WithdrawnCommitmentsView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

/** Early offering: items whose upcoming stage I would be offered, with who committed to it. */
export function getUpcoming(signal?: AbortSignal): Promise<UpcomingListView> {
  return data(api.GET('/inbox/upcoming', { signal }));
}

export function commitToStage(itemId: string, stage: string): Promise<CommitmentView> {
  return data(api.POST('/items/{id}/commitments', { params: { path: { id: itemId } }, body: { stage } }));
}

export function withdrawCommitment(itemId: string, stage: string): Promise<WithdrawnCommitmentsView> {
  return data(api.DELETE('/items/{id}/commitments', { params: { path: { id: itemId }, query: { stage } } }));
}
