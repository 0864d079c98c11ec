import type { StageSpec, ViewerVisibility, WorkflowDefinition } from './definition-types';
import type { Role } from './roles';

/**
 * How much a role sees of an item someone else holds (issue 15, line 3): `none`, `count` (counted only), `titles`
 * (id and title) or `all`. An item is held by someone else when a person has claimed it (or it was assigned to them
 * by name) and that person is not the caller; offered items and the caller's own items are not governed by it.
 */
export type HeldVisibilityLevel = ViewerVisibility;
export const HELD_VISIBILITY_LEVELS: readonly HeldVisibilityLevel[] = ['none', 'count', 'titles', 'all'];

/** Roles a `visibility` map may name (the viewer role has `viewerVisibility`, over every item). */
export const HELD_VISIBILITY_ROLES = ['officer', 'supervisor', 'council_member', 'council_secretary', 'admin'] as const;
export type HeldVisibilityRole = (typeof HELD_VISIBILITY_ROLES)[number];

/** A `visibility` map: per role, how much it sees of items others hold. Roles left out see nothing of them. */
export type HeldVisibility = Partial<Record<HeldVisibilityRole, HeldVisibilityLevel>>;

/** When a definition says nothing: only administrators see what others hold (peers and the chair do not). */
export const DEFAULT_HELD_VISIBILITY: Readonly<HeldVisibility> = { admin: 'all' };

const rank = (l: HeldVisibilityLevel | undefined): number => (l ? HELD_VISIBILITY_LEVELS.indexOf(l) : 0);

/** Whether level `a` gives at least what `b` gives. */
export function levelAtLeast(a: HeldVisibilityLevel | undefined, b: HeldVisibilityLevel): boolean {
  return rank(a) >= rank(b);
}

/**
 * The visibility of items held at stage `stageId`: the default, then the workflow's `visibility`, then the stage's
 * (each naming a role overrides it). Only levels above `none` are kept: the runtime stores this map on the item
 * (`work_item.held_visibility`) and the read paths test it in SQL.
 */
export function heldVisibilityAt(def: Pick<WorkflowDefinition, 'visibility' | 'stages'>, stageId: string): HeldVisibility {
  const stage: StageSpec | undefined = def.stages[stageId];
  const merged: HeldVisibility = { ...DEFAULT_HELD_VISIBILITY, ...(def.visibility ?? {}), ...(stage?.visibility ?? {}) };
  const out: HeldVisibility = {};
  for (const r of HELD_VISIBILITY_ROLES) {
    const l = merged[r];
    if (l && l !== 'none') out[r] = l;
  }
  return out;
}

/** The most a caller holding these roles sees of an item held by someone else, by its stored map. */
export function heldLevelFor(roles: readonly Role[], held: HeldVisibility | null | undefined): HeldVisibilityLevel {
  let best: HeldVisibilityLevel = 'none';
  for (const r of roles) {
    const l = (held ?? {})[r as HeldVisibilityRole];
    if (l && rank(l) > rank(best)) best = l;
  }
  return best;
}

/** The levels at or above `min`, for SQL (`held_visibility ->> role = ANY(...)`). */
export function levelsFrom(min: HeldVisibilityLevel): HeldVisibilityLevel[] {
  return HELD_VISIBILITY_LEVELS.filter((l) => rank(l) >= rank(min) && l !== 'none');
}
