import type { Problem } from '@thidua/workflow-core';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n-context';
import { pathInsideStage } from './definition-model';

type Translate = ReturnType<typeof useI18n>['t'];

/**
 * Where a problem is, in words: the stage by its name, then the known parts of the path ("thời hạn › số ngày");
 * list positions as "mục N"; keys the dictionary does not know (a field's own name, a role key) are left out rather
 * than shown as codes.
 */
export function problemPlace(path: string, t: Translate, stageNames: Record<string, string> = {}): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  const words: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    if (part === 'stages' && i === 0 && parts[1] !== undefined) {
      const id = parts[1];
      if (stageNames[id]) words.push(t('workflows.path.stage', { name: stageNames[id] }));
      i += 1;
      continue;
    }
    if (/^\d+$/.test(part)) {
      words.push(t('workflows.path.item', { n: Number(part) + 1 }));
      continue;
    }
    const key = `workflows.path.${part}`;
    if (isMessageKey(key)) words.push(t(key as PlainMessageKey));
  }
  return words.join(' › ');
}

/**
 * A validation problem in the user's language: the kind of problem from the dictionary (by code) and where it is in
 * words. In English, the path and workflow-core's technical sentence follow (they are English); in Vietnamese they
 * are not shown (issue 19, line 1: no engine message in English on a Vietnamese screen).
 */
export function ProblemText({ problem, showStagePath, stageNames }: { problem: Problem; showStagePath?: boolean; stageNames?: Record<string, string> }) {
  const { t, language } = useI18n();
  const key = `workflows.problem.${problem.code}`;
  const kind = isMessageKey(key) ? t(key as PlainMessageKey) : t('workflows.problem.shape');
  const path = showStagePath ? pathInsideStage(problem.path) : problem.path;
  const place = problemPlace(path, t, stageNames);
  if (language === 'vi') {
    return (
      <>
        <strong>{kind}</strong>
        {place ? ` ${t('workflows.path.at', { place })}` : null}
      </>
    );
  }
  return (
    <>
      <strong>{kind}</strong>
      {path ? (
        <>
          {' '}
          <code className="wf-code">{path}</code>
        </>
      ) : null}
      {' — '}
      <span>{problem.message}</span>
    </>
  );
}
