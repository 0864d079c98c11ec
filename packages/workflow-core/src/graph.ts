import type { StageSpec, TransitionSpec, WorkflowDefinition } from './definition-types';

export interface Edge {
  source: string;
  target: string;
  /** `submit`, `approve`... for transitions; `vote.passed`, `children.joined`, `timer.wait` for system moves. */
  event: string;
  /** Index of the transition in the stage's list, when the edge is a transition. */
  transitionIndex?: number;
  /** Return and withdraw edges go back; "earlier stage" and redo reasoning leave them out. */
  isReturn: boolean;
}

/** The target of a transition: `return` without a target goes to the initial stage. */
export function transitionTarget(def: WorkflowDefinition, t: TransitionSpec): string | undefined {
  return t.target ?? (t.on === 'return' ? def.initialStage : undefined);
}

/** Every statically known edge leaving a stage. */
export function stageEdges(def: WorkflowDefinition, stageId: string): Edge[] {
  const stage: StageSpec | undefined = def.stages[stageId];
  if (!stage) return [];
  const edges: Edge[] = [];
  (stage.transitions ?? []).forEach((t, i) => {
    const target = transitionTarget(def, t);
    if (target !== undefined) edges.push({ source: stageId, target, event: t.on, transitionIndex: i, isReturn: t.on === 'return' || t.on === 'withdraw' });
  });
  if (stage.kind === 'vote' && stage.outcomes) {
    for (const k of ['passed', 'failed', 'no_quorum'] as const) edges.push({ source: stageId, target: stage.outcomes[k], event: `vote.${k}`, isReturn: false });
  }
  if (stage.kind === 'fanout' && stage.fanout) edges.push({ source: stageId, target: stage.fanout.next, event: 'children.joined', isReturn: false });
  if (stage.kind === 'wait' && stage.wait) edges.push({ source: stageId, target: stage.wait.target, event: 'timer.wait', isReturn: false });
  return edges;
}

/** Stages reachable from `start` (inclusive), following all edges or only forward (non-return) ones. */
export function reachableFrom(def: WorkflowDefinition, start: string, forwardOnly = false): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const s = queue.shift() as string;
    for (const e of stageEdges(def, s)) {
      if (forwardOnly && e.isReturn) continue;
      if (def.stages[e.target] && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** Stages from which some final stage can be reached. */
export function stagesReachingFinal(def: WorkflowDefinition): Set<string> {
  const ok = new Set(Object.keys(def.stages).filter((s) => def.stages[s].kind === 'final'));
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of Object.keys(def.stages)) {
      if (ok.has(s)) continue;
      if (stageEdges(def, s).some((e) => ok.has(e.target))) {
        ok.add(s);
        changed = true;
      }
    }
  }
  return ok;
}

/** Whether `earlier` comes before `stage` on some forward path (so an item at `stage` may be returned there). */
export function isEarlierStage(def: WorkflowDefinition, earlier: string, stage: string): boolean {
  if (earlier === stage || !def.stages[earlier] || def.stages[earlier].kind === 'final') return false;
  return reachableFrom(def, earlier, true).has(stage);
}

const HAPPY_ORDER = ['submit', 'approve', 'acknowledge', 'forward', 'close'] as const;

/** The transition the happy path takes from a task stage: unguarded first, in submit/approve/acknowledge/forward/close order. */
export function primaryTransition(stage: StageSpec): TransitionSpec | undefined {
  const ts = stage.transitions ?? [];
  for (const guarded of [false, true]) {
    for (const ev of HAPPY_ORDER) {
      const t = ts.find((x) => x.on === ev && (x.guard !== undefined) === guarded && x.target !== undefined);
      if (t) return t;
    }
  }
  return undefined;
}

/** The next stage along the happy path, or undefined at a final stage. */
export function happyNext(def: WorkflowDefinition, stageId: string): string | undefined {
  const stage = def.stages[stageId];
  if (!stage) return undefined;
  switch (stage.kind) {
    case 'vote':
      return stage.outcomes?.passed;
    case 'fanout':
      return stage.fanout?.next;
    case 'wait':
      return stage.wait?.target;
    case 'final':
      return undefined;
    case 'task':
      return primaryTransition(stage)?.target;
  }
}
