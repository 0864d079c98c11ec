import { isPathWithin as corePathWithin } from '@thidua/workflow-core';

/**
 * Materialised paths: `/k1/k2/k3/`, where each `k` is a unit's immutable path key (6 base-36
 * digits from the `unit_key_seq` sequence). Keys never change (rename touches no path), all have
 * the same width (a path's length says its depth and a prefix can never match half a key), and
 * use only `[0-9a-z]` (no LIKE wildcard needs escaping). See docs/hierarchy.md.
 */
export const PATH_KEY_WIDTH = 6;
const MAX_KEY = 36 ** PATH_KEY_WIDTH - 1;

export function encodePathKey(seq: number | bigint | string): string {
  const n = Number(seq);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_KEY) throw new RangeError(`path key sequence out of range: ${seq}`);
  return n.toString(36).padStart(PATH_KEY_WIDTH, '0');
}

export function childPath(parentPath: string | null, key: string): string {
  return `${parentPath ?? '/'}${key}/`;
}

/** Keys from the root to the unit itself. */
export function pathKeys(path: string): string[] {
  return path.split('/').filter((k) => k.length > 0);
}

/** Depth of the unit at this path: 0 for a root. */
export function depthOfPath(path: string): number {
  return pathKeys(path).length - 1;
}

/** Whether `path` is `rootPath` or below it. */
export function isPathWithin(path: string, rootPath: string): boolean {
  return corePathWithin(path, rootPath);
}

/** The LIKE pattern of a subtree (the path itself included). Keys need no escaping. */
export function subtreePattern(rootPath: string): string {
  return `${rootPath}%`;
}

/** The path a unit gets when the subtree rooted at `oldRoot` is moved to `newRoot`. */
export function rebasePath(path: string, oldRoot: string, newRoot: string): string {
  if (!corePathWithin(path, oldRoot)) throw new Error(`${path} is not under ${oldRoot}`);
  return newRoot + path.slice(oldRoot.length);
}

export function isWellFormedPath(path: string): boolean {
  return new RegExp(`^/([0-9a-z]{${PATH_KEY_WIDTH}}/)+$`).test(path);
}
