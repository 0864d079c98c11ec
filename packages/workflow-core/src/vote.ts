import type { VoteSpec } from './definition-types';

export type VoteTallyResult = 'passed' | 'failed' | 'no_quorum' | 'tie';
const EPS = 1e-9;

/**
 * Decides a closed vote. Quorum: share of eligible voters who voted (abstaining counts). Pass: yes over the votes
 * cast (yes + no + abstain) or over the eligible voters must reach passRatio. A tie (yes = no > 0 while passRatio
 * <= 0.5) follows the tie rule; `tie` is returned when the chair must decide and no tieBreak was given.
 */
export function tallyVote(
  spec: Pick<VoteSpec, 'quorum' | 'passRatio' | 'passBasis' | 'tie'>,
  tally: { yes: number; no: number; abstain: number },
  eligible: number,
  tieBreak?: 'yes' | 'no',
): VoteTallyResult {
  const cast = tally.yes + tally.no + tally.abstain;
  if (eligible <= 0 || cast / eligible < spec.quorum - EPS) return 'no_quorum';
  const base = spec.passBasis === 'eligible' ? eligible : cast;
  if (tally.yes === tally.no && tally.yes > 0 && spec.passRatio <= 0.5 + EPS) {
    if (spec.tie === 'pass') return 'passed';
    if (spec.tie === 'fail') return 'failed';
    if (tieBreak === undefined) return 'tie';
    return tieBreak === 'yes' ? 'passed' : 'failed';
  }
  return base > 0 && tally.yes / base >= spec.passRatio - EPS ? 'passed' : 'failed';
}
