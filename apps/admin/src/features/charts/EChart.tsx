import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../../i18n/i18n-context';

type Instance = ReturnType<typeof import('echarts/core').init>;

export interface EChartProps {
  /** The chart's option (ECharts). Rebuilt by the caller only when its data changes (memoise it). */
  option: EChartsCoreOption;
  /** Read by screen readers in place of the canvas; say what the chart shows and its figures. */
  summary: string;
  /** Name of the PNG the export button saves, without extension. */
  fileName: string;
  height: number;
  /** A click on a bar or a point: its index in the first series. */
  onSelectIndex?: (index: number) => void;
}

/**
 * One chart drawn by Apache ECharts (canvas), loaded on demand, resized with its box, with an export of the chart as
 * a PNG image. The canvas is hidden from assistive technology behind `role="img"` and `summary`; every figure is also
 * written as text next to the chart by the caller, so nothing depends on seeing the chart.
 */
export function EChart({ option, summary, fileName, height, onSelectIndex }: EChartProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const select = useRef(onSelectIndex);
  select.current = onSelectIndex;
  const [isReady, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup')
      .then(({ echarts }) => {
        if (disposed || !box.current) return;
        const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
        c.on('click', (p) => {
          if (typeof p.dataIndex === 'number') select.current?.(p.dataIndex);
        });
        chart.current = c;
        observer = new ResizeObserver(() => c.resize());
        observer.observe(box.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (isReady) chart.current?.setOption(option, { notMerge: true });
  }, [isReady, option]);

  const saveImage = () => {
    const c = chart.current;
    if (!c) return;
    const a = document.createElement('a');
    a.href = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    a.download = `${fileName}.png`;
    document.body.append(a);
    a.click();
    a.remove();
  };

  return (
    <div className="echart">
      {failed ? <p className="notice">{t('charts.failed')}</p> : null}
      <div ref={box} className="echart__canvas" style={{ height }} role="img" aria-label={summary} data-testid="echart" data-ready={isReady ? 'true' : 'false'} />
      <button type="button" className="button button--secondary button--small echart__export" onClick={saveImage} disabled={!isReady}>
        {t('charts.saveImage')}
      </button>
    </div>
  );
}
