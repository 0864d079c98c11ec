import type { StageKind, WorkflowDefinition } from './definition-types';
import { stageEdges } from './graph';

export interface DiagramNode {
  id: string;
  label: string;
  kind: StageKind;
  initial: boolean;
}
export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  event: string;
  guarded: boolean;
}
export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const SYSTEM_LABELS: Record<string, string> = {
  'vote.passed': 'Thông qua',
  'vote.failed': 'Không thông qua',
  'vote.no_quorum': 'Không đủ túc số',
  'children.joined': 'Đủ điều kiện',
  'timer.wait': 'Hết thời gian chờ',
};

/** Nodes and labelled edges for the admin's designer (labels in Vietnamese, falling back to the event name). */
export function toDiagram(def: WorkflowDefinition): Diagram {
  const nodes: DiagramNode[] = Object.entries(def.stages).map(([id, s]) => ({ id, label: s.name.vi, kind: s.kind, initial: id === def.initialStage }));
  const edges: DiagramEdge[] = [];
  for (const id of Object.keys(def.stages)) {
    stageEdges(def, id).forEach((e, i) => {
      const t = e.transitionIndex !== undefined ? def.stages[id].transitions?.[e.transitionIndex] : undefined;
      edges.push({ id: `${id}:${i}:${e.event}`, source: id, target: e.target, label: t?.label?.vi ?? SYSTEM_LABELS[e.event] ?? e.event, event: e.event, guarded: t?.guard !== undefined });
    });
  }
  return { nodes, edges };
}
