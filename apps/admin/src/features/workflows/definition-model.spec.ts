import { describe, expect, it } from 'vitest';
import type { DefinitionView } from '@thidua/contracts';
import { unitPlanDefinition, validateDefinition } from '@thidua/workflow-core';
import {
  addStage,
  stageNames,
  groupVersions,
  parseDayList,
  pathInsideStage,
  problemsByStage,
  removeStage,
  stageOfPath,
  stagesNeedingMapping,
  WHOLE_DEFINITION,
  withDistinctFrom,
  withStage,
  withStagePrivilege,
  withHeldVisibility,
} from './definition-model';
import { compareVi } from '../../i18n/format';

const view = (key: string, version: number, status: DefinitionView['status'], vi = key): DefinitionView => ({
  id: `${key}-${version}`,
  key,
  version,
  status,
  name: { vi },
  definition: {},
  createdAt: '2026-01-01T00:00:00Z',
  publishedAt: null,
  retiredAt: null,
});

describe('groupVersions', () => {
  it('groups by key, newest version first, and names the published version and the draft', () => {
    const groups = groupVersions(
      [view('unit_plan', 1, 'retired', 'Kế hoạch'), view('unit_plan', 3, 'draft', 'Kế hoạch'), view('unit_plan', 2, 'published', 'Kế hoạch'), view('launch', 1, 'published', 'Phát động')],
      compareVi,
    );
    expect(groups.map((g) => g.key)).toEqual(['unit_plan', 'launch']);
    expect(groups[0]!.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(groups[0]!.published?.version).toBe(2);
    expect(groups[0]!.draft?.version).toBe(3);
  });
});

describe('problems on stages', () => {
  it('finds the stage of a problem path', () => {
    expect(stageOfPath('stages.review.transitions[1].target')).toBe('review');
    expect(stageOfPath('stages.second_review')).toBe('second_review');
    expect(stageOfPath('initialStage')).toBe(WHOLE_DEFINITION);
    expect(pathInsideStage('stages.review.deadline.days')).toBe('deadline.days');
  });

  it('puts every problem of workflow-core on its stage', () => {
    const broken = withStage(unitPlanDefinition, 'review', {
      ...unitPlanDefinition.stages.review!,
      transitions: [{ on: 'approve', target: 'nowhere' }],
    });
    const byStage = problemsByStage(validateDefinition(broken));
    expect(byStage.get('review')?.some((p) => p.code === 'unknown_stage')).toBe(true);
  });

  it('a removed stage leaves problems where it was referenced', () => {
    const def = removeStage(unitPlanDefinition, 'second_review');
    const byStage = problemsByStage(validateDefinition(def));
    expect(byStage.get('review')?.map((p) => p.code)).toContain('unknown_stage');
  });

  it('a new stage is unreachable until a transition leads to it', () => {
    const def = addStage(unitPlanDefinition, 'extra', 'Thêm');
    expect(problemsByStage(validateDefinition(def)).get('extra')?.length).toBeGreaterThan(0);
  });
});

describe('parseDayList', () => {
  it('reads comma or space separated days', () => {
    expect(parseDayList('3, 1')).toEqual([3, 1]);
    expect(parseDayList('')).toEqual([]);
    expect(parseDayList('2 x')).toBeNull();
  });
});

describe('stagesNeedingMapping', () => {
  it('lists non-final stages the new version lacks or changed the kind of', () => {
    const next = removeStage(unitPlanDefinition, 'second_review');
    expect(stagesNeedingMapping(unitPlanDefinition, next)).toEqual(['second_review']);
    expect(stagesNeedingMapping(unitPlanDefinition, unitPlanDefinition)).toEqual([]);
  });
});

describe('separation of duties and stage privileges in the designer (issue 15)', () => {
  it('toggles distinctFrom and stage privileges into a definition the validator accepts', () => {
    const review = unitPlanDefinition.stages.review!;
    const distinct = withDistinctFrom(review, 'second_review', true);
    expect(distinct.distinctFrom).toEqual(['second_review']);
    expect(withDistinctFrom(distinct, 'second_review', false).distinctFrom).toBeUndefined();
    const granted = withStagePrivilege(review, 'skip', 'supervisor', true, ['admin']);
    expect(granted.privileges).toEqual({ skip: ['admin', 'supervisor'] });
    const withdrawn = withStagePrivilege(granted, 'skip', 'admin', false, ['admin']);
    expect(withdrawn.privileges).toEqual({ skip: ['supervisor'] });
    const def = withStage(unitPlanDefinition, 'review', { ...withdrawn, distinctFrom: ['draft'] });
    expect(validateDefinition(def)).toEqual([]);
  });

  it('edits what a role sees of items others hold, dropping an emptied map (issue 15, line 3)', () => {
    const one = withHeldVisibility(undefined, 'supervisor', 'titles');
    expect(one).toEqual({ supervisor: 'titles' });
    const two = withHeldVisibility(one, 'officer', 'count');
    expect(two).toEqual({ supervisor: 'titles', officer: 'count' });
    expect(withHeldVisibility(two, 'supervisor', '')).toEqual({ officer: 'count' });
    expect(withHeldVisibility({ officer: 'count' }, 'officer', '')).toBeUndefined();
    const def = { ...withStage(unitPlanDefinition, 'review', { ...unitPlanDefinition.stages.review!, visibility: { supervisor: 'all' } }), visibility: two };
    expect(validateDefinition(def)).toEqual([]);
  });
});

describe('stageNames', () => {
  const stages = {
    a: { kind: 'task', name: { vi: 'Duyệt', en: 'Review' } },
    b: { kind: 'task', name: { vi: 'Duyệt' } },
    c: { kind: 'task', name: { vi: '' } },
    d: { kind: 'final', name: { vi: 'Xong' } },
  } as unknown as Parameters<typeof stageNames>[0];
  it('reads names, never keys: the language on screen, Vietnamese as fallback, repeats numbered, blanks named', () => {
    expect(stageNames(stages, 'vi', (n) => `Bước chưa đặt tên ${n}`)).toEqual({ a: 'Duyệt', b: 'Duyệt (2)', c: 'Bước chưa đặt tên 1', d: 'Xong' });
    expect(stageNames(stages, 'en', (n) => `Unnamed stage ${n}`)).toEqual({ a: 'Review', b: 'Duyệt', c: 'Unnamed stage 1', d: 'Xong' });
  });
});
