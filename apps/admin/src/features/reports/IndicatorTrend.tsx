import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { CampaignView, RollupFigureView } from '@thidua/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n/i18n-context';
import { formatDate } from '../../i18n/format';
import { EChart } from '../charts/EChart';
import { getRollup } from './reports.api';
import { reportsKeys } from './reports.keys';

/** Okabe–Ito: colours told apart with the common colour-vision deficiencies; each line also has its own symbol. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];
const isShare = (f: RollupFigureView) => f.type === 'percent' || f.type === 'boolean';

/**
 * The trend of every indicator across the campaign's milestones (sơ kết, tổng kết…), for the subtree on screen:
 * one roll-up per milestone (the same roll-ups the dashboard shows, from the API), drawn as lines, shares and counts
 * on two charts since their scales differ, and written out as a table (indicator × milestone).
 */
export function IndicatorTrend({ campaign, unitId, asOf }: { campaign: CampaignView; unitId: string; asOf?: string }) {
  const { t } = useI18n();
  const milestones = useMemo(() => [...campaign.milestones].sort((a, b) => a.due.localeCompare(b.due)), [campaign.milestones]);
  const rollups = useQueries({
    queries: milestones.map((m) => ({
      queryKey: reportsKeys.rollup(campaign.id, unitId, m.id, asOf ?? ''),
      queryFn: ({ signal }: { signal: AbortSignal }) => getRollup(campaign.id, unitId, m.id, signal, asOf),
    })),
  });
  const failed = rollups.find((r) => r.isError);
  const isPending = rollups.some((r) => r.isPending);
  const byMilestone = rollups.map((r) => new Map((r.data?.figures ?? []).map((f) => [f.key, f])));
  const indicators = useMemo(() => {
    const seen = new Map<string, RollupFigureView>();
    for (const r of rollups) for (const f of r.data?.figures ?? []) if (!seen.has(f.key)) seen.set(f.key, f);
    return [...seen.values()];
  }, [rollups.map((r) => r.dataUpdatedAt).join()]); // the figures change only when a roll-up is fetched again

  const labels = milestones.map((m) => `${m.label} (${formatDate(m.due)})`);
  const chartOf = (figures: RollupFigureView[], max?: number): EChartsCoreOption => ({
    animation: false,
    color: COLOURS,
    grid: { left: 8, right: 24, top: 48, bottom: 24, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', min: 0, ...(max !== undefined ? { max } : {}) },
    series: figures.map((f, i) => ({
      type: 'line',
      name: f.name,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 9,
      connectNulls: false,
      data: byMilestone.map((m) => m.get(f.key)?.value ?? null),
    })),
  });
  const shares = indicators.filter(isShare);
  const counts = indicators.filter((f) => !isShare(f));
  const shareOption = useMemo(() => chartOf(shares, 100), [indicators, labels.join()]);
  const countOption = useMemo(() => chartOf(counts), [indicators, labels.join()]);
  const summaryOf = (figures: RollupFigureView[]) =>
    figures.map((f) => `${f.name}: ${byMilestone.map((m, i) => `${labels[i]} ${m.get(f.key)?.display ?? t('campaigns.indicators.noData')}`).join(', ')}`).join('; ');

  return (
    <section className="card item-section" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('charts.trend.title')}</h2>
      {failed?.error ? <ErrorAlert error={failed.error} /> : null}
      {isPending ? <PageLoading /> : null}
      {!isPending && milestones.length < 2 ? <p className="muted">{t('charts.trend.oneMilestone')}</p> : null}
      {!isPending && indicators.length > 0 ? (
        <>
          {shares.length > 0 ? (
            <figure className="bar-chart">
              <figcaption className="bar-chart__title">{t('charts.trend.shares')}</figcaption>
              <EChart option={shareOption} summary={`${t('charts.trend.shares')}: ${summaryOf(shares)}`} fileName={`${campaign.code}-xu-huong-ty-le`} height={300} />
            </figure>
          ) : null}
          {counts.length > 0 ? (
            <figure className="bar-chart">
              <figcaption className="bar-chart__title">{t('charts.trend.counts')}</figcaption>
              <EChart option={countOption} summary={`${t('charts.trend.counts')}: ${summaryOf(counts)}`} fileName={`${campaign.code}-xu-huong-so-luong`} height={300} />
            </figure>
          ) : null}
          <div className="trend-table__wrap" tabIndex={0} role="region" aria-label={t('charts.trend.table')}>
            <table className="trend-table">
              <caption className="visually-hidden">{t('charts.trend.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('charts.trend.indicator')}</th>
                  {labels.map((l) => (
                    <th scope="col" key={l}>
                      {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {indicators.map((f) => (
                  <tr key={f.key}>
                    <th scope="row">{f.name}</th>
                    {byMilestone.map((m, i) => (
                      <td key={milestones[i]?.id}>{m.get(f.key)?.display ?? t('campaigns.indicators.noData')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
