import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CastVoteRequest, CloseBallotsRequest, IssueDecisionRequest } from '@thidua/contracts';
import { castVotes, closeBallots, issueDecision, listBallots } from '../campaigns/campaigns.api';
import { councilKeys } from './council.keys';

/** Every ballot the signed-in user may read, from the API; refreshed while a vote is open (the count moves). */
export function useBallots() {
  return useQuery({
    queryKey: councilKeys.ballots(),
    queryFn: ({ signal }) => listBallots({}, signal),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'open') ? 10_000 : false),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: councilKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['campaigns', 'nominations'] });
  };
}

export function useCastVotes() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CastVoteRequest) => castVotes(body), onSuccess: refresh });
}

export function useCloseBallots() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CloseBallotsRequest) => closeBallots(body), onSuccess: refresh });
}

export function useIssueDecision(campaignId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: IssueDecisionRequest) => issueDecision(campaignId, body), onSuccess: refresh });
}
