import type { Role } from './roles';

/**
 * Work distribution (issue 15, line 6): allocation among the people a stage is offered to. Every decision here is a
 * pure function of the candidates and their counts/history, which the runtime reads in one query
 * (`StepContext.allocation`); separation-of-duties exclusions are filtered out before a strategy chooses.
 */
export const ALLOCATION_STRATEGIES = ['round_robin', 'shortest_queue', 'random', 'capability', 'least_recently_allocated'] as const;
export type AllocationStrategy = (typeof ALLOCATION_STRATEGIES)[number];
/** Strategies that may follow `capability` to choose among the capable (`then`). */
export const CAPABILITY_THEN = ['round_robin', 'shortest_queue', 'random', 'least_recently_allocated'] as const;
export type CapabilityThen = (typeof CAPABILITY_THEN)[number];

/** `actor.assignment` of a stage whose work is allocated to one of the role's holders by a strategy. */
export interface AllocateAssignment {
  mode: 'allocate';
  strategy: AllocationStrategy;
  /** For `capability`: the attribute a person must carry (e.g. "chuyên trách thi đua – khen thưởng"). */
  capability?: string;
  /** For `capability`: how to choose among the capable; default `shortest_queue`. */
  then?: CapabilityThen;
}

/** `actor.assignment` of a stage offered to the holders of a role named in the item's data (deferred, by role). */
export interface RoleFromDataAssignment {
  mode: 'role_from_data';
  field: string;
}

/** When the holder's work counts as started without a `start` event. */
export const START_MODES = ['on_creation', 'on_allocation'] as const;
export type StartMode = (typeof START_MODES)[number];

/** One person who could be allocated the work, with what the strategies read. */
export interface AllocationCandidate {
  userId: string;
  /** Open work items this person holds now (any workflow): shortest queue. */
  openCount: number;
  /** When this person was last allocated this stage's work at this unit (ISO), null if never. */
  lastAllocatedAt: string | null;
  /** Attributes on the person (org module), e.g. "chuyên trách thi đua – khen thưởng". */
  capabilities: readonly string[];
}

/** What the runtime read for one (stage, unit, role): holders with counts and history, and the persisted cursor. */
export interface AllocationInput {
  candidates: readonly AllocationCandidate[];
  /** Round robin: the person this stage's work at this unit went to last (persisted, any process). */
  lastAllocatedUserId: string | null;
  /** Random: the seed; the same seed always chooses the same person. */
  seed: string;
}

export type AllocationFallbackReason = 'no_candidates' | 'all_excluded' | 'no_capable_candidate';
export type AllocationDecision =
  | { userId: string; strategy: AllocationStrategy; considered: number }
  | { fallback: AllocationFallbackReason; strategy: AllocationStrategy; considered: number };

const byUser = (a: AllocationCandidate, b: AllocationCandidate): number => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** A 32-bit FNV-1a hash of the seed, then one xorshift round: a number in [0, 1). */
export function seededUnit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h << 13;
  h >>>= 0;
  h ^= h >>> 17;
  h ^= h << 5;
  h >>>= 0;
  return h / 0x100000000;
}

function pick(strategy: Exclude<AllocationStrategy, 'capability'>, sorted: AllocationCandidate[], input: AllocationInput): AllocationCandidate {
  switch (strategy) {
    case 'round_robin': {
      // The next person after the last one allocated, in a stable order (user id), wrapping around. The last one
      // may no longer be a candidate: the order still says who comes after them.
      const last = input.lastAllocatedUserId;
      return (last === null ? undefined : sorted.find((c) => c.userId > last)) ?? sorted[0];
    }
    case 'shortest_queue':
      return sorted.reduce((best, c) => (c.openCount < best.openCount ? c : best));
    case 'random':
      return sorted[Math.min(sorted.length - 1, Math.floor(seededUnit(input.seed) * sorted.length))];
    case 'least_recently_allocated':
      // Never allocated comes first; then the oldest allocation; ties by user id (the order of `sorted`).
      return sorted.reduce((best, c) => {
        if (best.lastAllocatedAt === null) return best;
        if (c.lastAllocatedAt === null) return c;
        return c.lastAllocatedAt < best.lastAllocatedAt ? c : best;
      });
  }
}

/**
 * Chooses who gets the work. `barred` (separation of duties) is removed first; `capability` keeps only people who
 * carry the attribute and then chooses among them by `then` (default shortest queue). Nobody left: a fallback with
 * the reason, and the runtime offers the stage instead.
 */
export function allocate(spec: Pick<AllocateAssignment, 'strategy' | 'capability' | 'then'>, input: AllocationInput, barred: ReadonlySet<string> = new Set()): AllocationDecision {
  const strategy = spec.strategy;
  if (input.candidates.length === 0) return { fallback: 'no_candidates', strategy, considered: 0 };
  let pool = input.candidates.filter((c) => !barred.has(c.userId));
  if (pool.length === 0) return { fallback: 'all_excluded', strategy, considered: 0 };
  let chooser: Exclude<AllocationStrategy, 'capability'>;
  if (strategy === 'capability') {
    const wanted = (spec.capability ?? '').trim().toLocaleLowerCase('vi');
    pool = pool.filter((c) => c.capabilities.some((k) => k.trim().toLocaleLowerCase('vi') === wanted));
    if (pool.length === 0) return { fallback: 'no_capable_candidate', strategy, considered: 0 };
    chooser = spec.then ?? 'shortest_queue';
  } else chooser = strategy;
  const sorted = [...pool].sort(byUser);
  return { userId: pick(chooser, sorted, input).userId, strategy, considered: sorted.length };
}

/**
 * The inputs as they stand once `userId` was allocated the work at `at`: the round-robin turn moves to them, their
 * queue is one longer and they were allocated last at `at`. A batch of items created together (a fan-out's
 * children, several creations in one transaction) is allocated in one pass: the inputs are read once, locked, and
 * each decision sees the ones before it, exactly as if the items had been allocated one after another.
 */
export function afterAllocation(input: AllocationInput, userId: string, at: string): AllocationInput {
  return {
    ...input,
    lastAllocatedUserId: userId,
    candidates: input.candidates.map((c) => (c.userId === userId ? { ...c, openCount: c.openCount + 1, lastAllocatedAt: at } : c)),
  };
}

/** Whether a value names a role a stage can be offered to (deferred by role). */
export function isAssignableRole(value: unknown, roles: readonly Role[]): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
