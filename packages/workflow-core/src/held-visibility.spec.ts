import { unitPlanDefinition } from './defaults';
import type { WorkflowDefinition } from './definition-types';
import { DEFAULT_HELD_VISIBILITY, heldLevelFor, heldVisibilityAt, levelAtLeast, levelsFrom } from './held-visibility';
import { validateDefinition } from './validate-definition';

function def(fn: (d: WorkflowDefinition) => void = () => undefined): WorkflowDefinition {
  const d = structuredClone(unitPlanDefinition);
  fn(d);
  return d;
}

describe('visibility of items others hold, per role (issue 15, line 3)', () => {
  it('by default only administrators see what someone else holds: peers and the chair do not', () => {
    expect(heldVisibilityAt(def(), 'review')).toEqual({ admin: 'all' });
    expect(DEFAULT_HELD_VISIBILITY).toEqual({ admin: 'all' });
  });

  it('the workflow sets a level per role, a stage overrides it per role, and none drops a role', () => {
    const d = def((x) => {
      x.visibility = { officer: 'titles', supervisor: 'all' };
      x.stages.review.visibility = { officer: 'count', admin: 'none' };
    });
    expect(heldVisibilityAt(d, 'draft')).toEqual({ admin: 'all', officer: 'titles', supervisor: 'all' });
    expect(heldVisibilityAt(d, 'review')).toEqual({ officer: 'count', supervisor: 'all' });
  });

  it('a caller gets the most any of their roles gives', () => {
    const held = { officer: 'count', supervisor: 'titles' } as const;
    expect(heldLevelFor(['officer'], held)).toBe('count');
    expect(heldLevelFor(['officer', 'supervisor'], held)).toBe('titles');
    expect(heldLevelFor(['viewer', 'council_member'], held)).toBe('none');
    expect(heldLevelFor(['admin'], null)).toBe('none');
    expect(levelAtLeast('titles', 'count')).toBe(true);
    expect(levelAtLeast('count', 'titles')).toBe(false);
    expect(levelAtLeast(undefined, 'count')).toBe(false);
    expect(levelsFrom('titles')).toEqual(['titles', 'all']);
    expect(levelsFrom('none')).toEqual(['count', 'titles', 'all']);
  });

  it('the validator refuses an unknown role, the viewer role and an unknown level, with paths', () => {
    const bad = def((x) => {
      (x as unknown as Record<string, unknown>).visibility = { officer: 'everything', viewer: 'all', chair: 'all' };
      (x.stages.review as unknown as Record<string, unknown>).visibility = 'all';
    });
    const paths = validateDefinition(bad).map((p) => `${p.path} ${p.code}`);
    expect(paths).toEqual(expect.arrayContaining(['visibility.officer shape.visibility', 'visibility.viewer shape.visibility_role', 'visibility.chair shape.visibility_role', 'stages.review.visibility shape.visibility']));
    const good = def((x) => {
      x.visibility = { officer: 'titles', council_member: 'count' };
      x.stages.review.visibility = { supervisor: 'all' };
    });
    expect(validateDefinition(good)).toEqual([]);
  });
});
