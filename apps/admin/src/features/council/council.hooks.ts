import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CastVoteRequest, OpenBallotRequest } from '@thidua/contracts';
import { castVote, closeBallot, getBallot, openBallot } from '../campaigns/campaigns.api';
import { councilKeys } from './council.keys';

export function useBallot(id: string) {
  return useQuery({
    queryKey: councilKeys.ballot(id),
    queryFn: ({ signal }) => getBallot(id, signal),
    // While the vote is open the count of votes cast moves: watch it.
    refetchInterval: (q) => (q.state.data?.status === 'open' ? 10_000 : false),
  });
}

export function useBallots(ids: readonly string[]) {
  return useQueries({ queries: ids.map((id) => ({ queryKey: councilKeys.ballot(id), queryFn: ({ signal }: { signal: AbortSignal }) => getBallot(id, signal), retry: false })) });
}

export function useOpenBallot(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<OpenBallotRequest> & Pick<OpenBallotRequest, 'nominationIds'>) => openBallot(campaignId, body),
    onSuccess: (ballot) => {
      queryClient.setQueryData(councilKeys.ballot(ballot.id), ballot);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'nominations'] });
    },
  });
}

export function useCastVote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CastVoteRequest) => castVote(id, body),
    onSuccess: (ballot) => queryClient.setQueryData(councilKeys.ballot(id), ballot),
  });
}

export function useCloseBallot(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => closeBallot(id),
    onSuccess: (ballot) => {
      queryClient.setQueryData(councilKeys.ballot(id), ballot);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'nominations'] });
    },
  });
}
