/**
 * A plain SVG horizontal bar chart (no chart library): one bar per row, the value written beside it, so the figure
 * never depends on colour or on reading the bar's length. Rows may link somewhere (drill-down).
 */
export interface BarRow {
  id: string;
  label: string;
  /** Null when nothing was reported: no bar, the text says so. */
  value: number | null;
  display: string;
}

interface BarChartProps {
  rows: readonly BarRow[];
  /** The value of a full bar (100 for shares and percentages; the largest value otherwise). */
  max?: number;
  title: string;
  onSelect?: (row: BarRow) => void;
  selectLabel?: (row: BarRow) => string;
}

const ROW = 28;
const LABEL_W = 0; // labels sit above the bars, so long Vietnamese unit names wrap freely on phones

export function BarChart({ rows, max, title, onSelect, selectLabel }: BarChartProps) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value ?? 0));
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart__title">{title}</figcaption>
      <ul className="bar-chart__rows">
        {rows.map((r) => {
          const share = r.value === null ? 0 : Math.max(0, Math.min(1, r.value / top));
          return (
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
              <svg className="bar-chart__svg" viewBox={`0 0 100 ${ROW / 2}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x={LABEL_W} y={2} width={100} height={ROW / 2 - 4} className="bar-chart__track" />
                <rect x={LABEL_W} y={2} width={share * 100} height={ROW / 2 - 4} className="bar-chart__bar" />
              </svg>
              <span className="bar-chart__value">{r.display}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
