import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../charts/EChart';

/**
 * A horizontal bar chart drawn by ECharts (one bar per row, its figure written at the bar's end), exportable as a
 * PNG, with the same rows written as text below it: the label (a button when rows drill down somewhere, the
 * keyboard's and the screen reader's way in) and the figure, so nothing depends on colour or on reading a bar.
 */
export interface BarRow {
  id: string;
  label: string;
  /** Null when nothing was reported: no bar, the text says so. */
  value: number | null;
  display: string;
  /** The figure written at the bar's end (default `display`); keep it short. */
  short?: string;
}

interface BarChartProps {
  rows: readonly BarRow[];
  /** The value of a full bar (100 for shares and percentages; the largest value otherwise). */
  max?: number;
  title: string;
  onSelect?: (row: BarRow) => void;
  selectLabel?: (row: BarRow) => string;
  /** The exported image's file name (no extension). */
  fileName?: string;
}

const ROW = 34;
const BAR_COLOUR = '#1f5fa8';

const short = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);

export function BarChart({ rows, max, title, onSelect, selectLabel, fileName }: BarChartProps) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 72, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]?.label ?? ''}: ${rows[p.dataIndex]?.display ?? ''}` },
      xAxis: { type: 'value', min: 0, ...(max !== undefined ? { max } : {}) },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => short(r.label)), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          itemStyle: { color: BAR_COLOUR },
          data: rows.map((r) => r.value ?? 0),
          label: { show: true, position: 'right', color: '#1f2933', formatter: (p: { dataIndex: number }) => rows[p.dataIndex]?.short ?? rows[p.dataIndex]?.display ?? '' },
          cursor: onSelect ? 'pointer' : 'default',
        },
      ],
    }),
    [rows, max, onSelect],
  );
  const summary = `${title}: ${rows.map((r) => `${r.label} ${r.display}`).join('; ')}`;
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart__title">{title}</figcaption>
      <EChart
        option={option}
        summary={summary}
        fileName={fileName ?? title}
        height={Math.max(80, rows.length * ROW + 40)}
        onSelectIndex={onSelect ? (i) => rows[i] && onSelect(rows[i]) : undefined}
      />
      <ul className="bar-chart__rows">
        {rows.map((r) => (
          <li key={r.id} className="bar-chart__row">
            <span className="bar-chart__label">
              {onSelect ? (
                <button type="button" className="link-button" onClick={() => onSelect(r)} aria-label={selectLabel?.(r)}>
                  {r.label}
                </button>
              ) : (
                r.label
              )}
            </span>
            <span className="bar-chart__value">{r.display}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
