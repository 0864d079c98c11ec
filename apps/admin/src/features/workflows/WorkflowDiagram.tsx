import { useEffect, useMemo, useState } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Diagram } from '@thidua/workflow-core';
import '@xyflow/react/dist/style.css';
import { useT } from '../../i18n/i18n-context';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 70;
const elk = new ELK();

interface StageNodeData extends Record<string, unknown> {
  label: string;
  kindLabel: string;
  isInitial: boolean;
  isSelected: boolean;
  problemCount: number;
  problemText: string;
  initialText: string;
}

type StageNode = Node<StageNodeData, 'stage'>;

/** A stage: its name, its kind, and its problem count in words (the red border is not the only signal). */
function StageNodeView({ data }: NodeProps<StageNode>) {
  const classes = ['wf-node', data.problemCount > 0 ? 'wf-node--invalid' : '', data.isSelected ? 'wf-node--selected' : '', data.isInitial ? 'wf-node--initial' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes}>
      <Handle type="target" position={Position.Top} />
      <div className="wf-node__name">{data.label}</div>
      <div className="wf-node__meta">
        {data.isInitial ? `${data.initialText} · ` : ''}
        {data.kindLabel}
      </div>
      {data.problemCount > 0 ? <div className="wf-node__problems">⚠ {data.problemText}</div> : null}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { stage: StageNodeView };

interface LayoutResult {
  signature: string;
  positions: Record<string, { x: number; y: number }>;
}

/** Layered layout from ELK, recomputed when the stages or the edges between them change (not on every keystroke). */
function useElkLayout(diagram: Diagram): LayoutResult | null {
  const signature = useMemo(
    () => JSON.stringify([diagram.nodes.map((n) => n.id), diagram.edges.map((e) => [e.source, e.target])]),
    [diagram],
  );
  const [layout, setLayout] = useState<LayoutResult | null>(null);
  useEffect(() => {
    let isCurrent = true;
    const ids = new Set(diagram.nodes.map((n) => n.id));
    void elk
      .layout({
        id: 'root',
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'DOWN',
          'elk.spacing.nodeNode': '40',
          'elk.layered.spacing.nodeNodeBetweenLayers': '70',
          'elk.edgeRouting': 'POLYLINE',
          // Keep the stages in the order they are written (the initial stage first), so the happy path reads top down.
          'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
          'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
        },
        children: [...diagram.nodes].sort((a, b) => Number(b.initial) - Number(a.initial)).map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
        edges: diagram.edges
          .filter((e) => ids.has(e.source) && ids.has(e.target))
          .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
      })
      .then((graph) => {
        if (!isCurrent) return;
        const positions: LayoutResult['positions'] = {};
        for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
        setLayout({ signature, positions });
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
    // The signature stands for the diagram's structure.
  }, [signature]);
  return layout;
}

interface WorkflowDiagramProps {
  diagram: Diagram;
  kindLabel: (kind: string) => string;
  problemCounts: ReadonlyMap<string, number>;
  selected: string | null;
  onSelect: (stageId: string) => void;
}

/**
 * The definition drawn as a graph: stages as boxes, transitions as labelled arrows (dashed when guarded). Drawn from
 * workflow-core's `toDiagram`, laid out by ELK. Clicking a stage opens it in the editor; the stage list next to the
 * diagram does the same from the keyboard.
 */
export function WorkflowDiagram({ diagram, kindLabel, problemCounts, selected, onSelect }: WorkflowDiagramProps) {
  const t = useT();
  const layout = useElkLayout(diagram);
  const nodes = useMemo<StageNode[]>(
    () =>
      diagram.nodes.map((n, i) => ({
        id: n.id,
        type: 'stage',
        position: layout?.positions[n.id] ?? { x: (i % 3) * (NODE_WIDTH + 40), y: Math.floor(i / 3) * (NODE_HEIGHT + 70) },
        data: {
          label: n.label || n.id,
          kindLabel: kindLabel(n.kind),
          isInitial: n.initial,
          isSelected: n.id === selected,
          problemCount: problemCounts.get(n.id) ?? 0,
          problemText: t('workflows.problemCount', { count: problemCounts.get(n.id) ?? 0 }),
          initialText: t('workflows.initialStageShort'),
        },
        draggable: false,
        connectable: false,
        ariaLabel: `${n.label || n.id} (${kindLabel(n.kind)})`,
      })),
    [diagram, layout, kindLabel, problemCounts, selected, t],
  );
  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(diagram.nodes.map((n) => n.id));
    const names = new Map(diagram.nodes.map((n) => [n.id, n.label || n.id]));
    // An arrow without a label of its own falls back to the event's code in workflow-core: name the action instead.
    const edgeLabel = (e: Diagram['edges'][number]) => (e.label === e.event && isMessageKey(`items.action.${e.event}`) ? t(`items.action.${e.event}` as PlainMessageKey) : e.label);
    return diagram.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.guarded ? `${edgeLabel(e)} [${t('workflows.guarded')}]` : edgeLabel(e),
        ariaLabel: t('workflows.edgeAria', { action: edgeLabel(e), from: names.get(e.source) ?? '', to: names.get(e.target) ?? '' }),
        markerEnd: { type: MarkerType.ArrowClosed },
        style: e.guarded ? { strokeDasharray: '6 4' } : undefined,
        labelBgPadding: [4, 2] as [number, number],
      }));
  }, [diagram, t]);

  return (
    <div className="wf-diagram" role="region" aria-label={t('workflows.diagram')}>
      <ReactFlow
        key={layout?.signature ?? 'initial'}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_, node) => onSelect(node.id)}
        fitView
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
