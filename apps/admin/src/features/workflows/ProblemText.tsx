import type { Problem } from '@thidua/workflow-core';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useT } from '../../i18n/i18n-context';
import { pathInsideStage } from './definition-model';

/**
 * A validation problem in the user's language: the kind of problem from the dictionary (by code), then where it is and
 * workflow-core's technical sentence (in English, marked as such for screen readers).
 */
export function ProblemText({ problem, showStagePath }: { problem: Problem; showStagePath?: boolean }) {
  const t = useT();
  const key = `workflows.problem.${problem.code}`;
  const kind = isMessageKey(key)
    ? t(key as PlainMessageKey)
    : problem.code.startsWith('shape.') || problem.code.startsWith('expression.')
      ? t('workflows.problem.shape')
      : problem.code;
  const where = showStagePath ? pathInsideStage(problem.path) : problem.path;
  return (
    <>
      <strong>{kind}</strong>
      {where ? (
        <>
          {' '}
          <code className="wf-code">{where}</code>
        </>
      ) : null}
      {' — '}
      <span lang="en">{problem.message}</span>
    </>
  );
}
