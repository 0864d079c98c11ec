import type { JoinRule } from './definition-types';

export interface ChildrenProgress {
  /** Children of units in the subtree now. */
  total: number;
  /** Children no longer open (submitted, closed or cancelled). */
  settled: number;
  /** Children that submitted (acknowledged, plan in...). */
  submitted: number;
}

/**
 * Whether a fan-out may move on: `rule` when the rule is met; `exhausted` when every child settled (or there are
 * none) without meeting it, so nothing more can come; null otherwise.
 */
export function joinStatus(rule: JoinRule, p: ChildrenProgress): 'rule' | 'exhausted' | null {
  const met =
    rule.kind === 'all'
      ? p.submitted >= p.total
      : rule.kind === 'count'
        ? p.submitted >= rule.n
        : p.total === 0 || p.submitted / p.total >= rule.share - 1e-9;
  if (met) return 'rule';
  return p.settled >= p.total ? 'exhausted' : null;
}
