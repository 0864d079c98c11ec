import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { CampaignView, RollupFigureView, UnitView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useDateDraft } from '../../components/use-date-draft';
import { useI18n } from '../../i18n/i18n-context';
import { compareVi, formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { useItems, useUnit } from '../items/items.hooks';
import { useOperationRun } from '../org/operation-store';
import { BarChart } from '../reports/BarChart';
import { IndicatorTrend } from '../reports/IndicatorTrend';
import { downloadExport, type ExportKind } from '../reports/reports.api';
import { exportStore, useBreakdown, useChildUnits, useRollup } from '../reports/reports.hooks';
import { useCampaign, useCampaignCascade } from './campaigns.hooks';
import './campaigns.css';

/**
 * A campaign seen from one subtree: cascade progress, unit plans in / approved / late by unit, indicator roll-ups as
 * charts with drill-down to the units, and the .docx / .xlsx exports. The subtree, the milestone and the open
 * indicator live in the URL, so a drill-down can be shared and the browser's Back goes up again.
 */
export default function CampaignDashboard() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const campaign = useCampaign(id);
  usePageTitle(campaign.data?.title ?? t('nav.campaigns'));
  if (campaign.isPending) return <PageLoading />;
  if (campaign.isError) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{t('nav.campaigns')}</h1>
        <ErrorAlert error={campaign.error} />
      </section>
    );
  }
  return <Dashboard campaign={campaign.data} />;
}

function Dashboard({ campaign }: { campaign: CampaignView }) {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const myUnits = (me.data?.roles ?? []).filter((r) => r.role === 'supervisor' || r.role === 'viewer' || r.role === 'admin');
  const defaultUnit = myUnits[0]?.unitId ?? campaign.launchingUnit.id;
  const unitId = params.get('unit') ?? defaultUnit;
  const milestoneId = params.get('milestone') ?? campaign.milestones[0]?.id;
  const indicator = params.get('indicator');
  // The tree the figures are computed on: as of the milestone's due date unless a date is chosen.
  const asOf = params.get('asOf') ?? undefined;
  const unit = useUnit(unitId);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const asOfField = useDateDraft(asOf ?? '', (v) => set('asOf', v || null));
  const unitChoices = new Map<string, string>();
  unitChoices.set(campaign.launchingUnit.id, campaign.launchingUnit.name);
  for (const r of myUnits) unitChoices.set(r.unitId, r.unitName);
  if (unit.data) unitChoices.set(unit.data.id, unit.data.name);

  return (
    <section className="page dashboard" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/campaigns">{t('nav.campaigns')}</Link>
      </p>
      <h1 id="page-title">{campaign.title}</h1>
      <p className="muted">
        {campaign.code} · {t('campaigns.period', { from: formatDate(campaign.period.from), to: formatDate(campaign.period.to) })} ·{' '}
        {t(`campaigns.status.${campaign.status}`)}
        {campaign.planDocument?.symbol ? ` · ${t('campaigns.plan', { symbol: campaign.planDocument.symbol })}` : ''}
      </p>

      <form className="filters card" onSubmit={(e) => e.preventDefault()} aria-label={t('campaigns.scope')}>
        <div className="field">
          <label htmlFor="d-unit">{t('campaigns.subtree')}</label>
          <select id="d-unit" value={unitId} onChange={(e) => set('unit', e.target.value)}>
            {[...unitChoices].map(([uid, name]) => (
              <option key={uid} value={uid}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-milestone">{t('campaigns.milestone')}</label>
          <select id="d-milestone" value={milestoneId ?? ''} onChange={(e) => set('milestone', e.target.value)}>
            {campaign.milestones.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label} ({formatDate(m.due)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-asof">{t('campaigns.treeAsOf')}</label>
          <input id="d-asof" type="date" {...asOfField} aria-describedby="d-asof-hint" />
          <p id="d-asof-hint" className="muted">
            {t('campaigns.treeAsOfHint')}
          </p>
        </div>
      </form>
      {unit.data && unit.data.ancestors.length > 0 ? (
        <nav aria-label={t('campaigns.path')} className="unit-path">
          <ol>
            {unit.data.ancestors.map((a) => (
              <li key={a.id}>
                {(a as { isVisible?: boolean }).isVisible === false ? (
                  a.name
                ) : (
                  <button type="button" className="link-button" onClick={() => set('unit', a.id)}>
                    {a.name}
                  </button>
                )}
              </li>
            ))}
            <li aria-current="page">{unit.data.name}</li>
          </ol>
        </nav>
      ) : null}

      <Cascade campaign={campaign} />
      <Plans campaign={campaign} unitId={unitId} unitPath={unit.data?.path} onDrill={(uid) => set('unit', uid)} />
      {milestoneId ? (
        <Indicators campaign={campaign} unitId={unitId} milestoneId={milestoneId} asOf={asOf} indicator={indicator} onIndicator={(k) => set('indicator', k)} onDrill={(uid) => set('unit', uid)} />
      ) : (
        <p className="notice">{t('campaigns.noMilestone')}</p>
      )}
      {campaign.milestones.length > 0 ? <IndicatorTrend campaign={campaign} unitId={unitId} asOf={asOf} /> : null}
      {milestoneId ? <Exports campaign={campaign} unitId={unitId} milestoneId={milestoneId} unitName={unit.data?.name ?? ''} /> : null}
    </section>
  );
}

function Cascade({ campaign }: { campaign: CampaignView }) {
  const { t } = useI18n();
  const cascade = useCampaignCascade(campaign.id);
  const c = cascade.data;
  return (
    <section className="card item-section" aria-labelledby="cascade-title">
      <h2 id="cascade-title">{t('campaigns.cascade.title')}</h2>
      {cascade.isError ? <ErrorAlert error={cascade.error} /> : null}
      {c && !c.launchItemId ? <p className="muted">{t('campaigns.cascade.none')}</p> : null}
      {c && c.launchItemId ? (
        <>
          <p>
            <progress max={c.unitsTotal || 1} value={c.unitsReached} aria-label={t('campaigns.cascade.reachedLabel')} />{' '}
            {t('campaigns.cascade.reached', { reached: c.unitsReached, total: c.unitsTotal })}
          </p>
          <p>
            {t('campaigns.cascade.upper', { acknowledged: c.upperUnions.acknowledged, total: c.upperUnions.total })} ·{' '}
            {t('campaigns.cascade.plans', { submitted: c.grassroots.submitted, approved: c.grassroots.approved, total: c.grassroots.total })}
          </p>
          {c.byUnit.length > 0 ? (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t('campaigns.cascade.byUnit')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.cascade.col.unit')}</th>
                    <th scope="col">{t('campaigns.cascade.col.ack')}</th>
                    <th scope="col">{t('campaigns.cascade.col.reached')}</th>
                    <th scope="col">{t('campaigns.cascade.col.submitted')}</th>
                    <th scope="col">{t('campaigns.cascade.col.approved')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.byUnit.map((r) => (
                    <tr key={r.unit.id}>
                      <td>{r.unit.name}</td>
                      <td>{r.ackItemId ? <Link to={`/items/${r.ackItemId}`}>{t(r.acknowledged ? 'campaigns.cascade.ack.done' : 'campaigns.cascade.ack.open')}</Link> : '—'}</td>
                      <td>{t('campaigns.cascade.ofTotal', { n: r.plansReached, total: r.grassrootsTotal })}</td>
                      <td>{r.plansSubmitted}</td>
                      <td>{r.plansApproved}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Plans({ campaign, unitId, unitPath, onDrill }: { campaign: CampaignView; unitId: string; unitPath: string | undefined; onDrill: (unitId: string) => void }) {
  const { t } = useI18n();
  const plans = useItems({ workflow: 'unit_plan', campaignId: campaign.id, limit: 200 });
  const children = useChildUnits(unitId);
  const rows = useMemo(() => {
    const list = plans.data?.items ?? [];
    const inside = (path: string | undefined, prefix: string) => Boolean(path && path.startsWith(prefix));
    const count = (prefix: string, exact: boolean) => {
      const mine = list.filter((p) => (exact ? p.unitPath === prefix : inside(p.unitPath, prefix)));
      return {
        total: mine.length,
        submitted: mine.filter((p) => p.stage !== 'draft' || p.status === 'final').length,
        approved: mine.filter((p) => p.outcome === 'approved').length,
        late: mine.filter((p) => p.isOverdue).length,
      };
    };
    const out: Array<{ unit: Pick<UnitView, 'id' | 'name'>; drill: boolean } & ReturnType<typeof count>> = [];
    for (const c of [...(children.data?.items ?? [])].sort((a, b) => compareVi(a.name, b.name))) out.push({ unit: c, drill: c.kind !== 'grassroots_union', ...count(c.path, false) });
    if (unitPath) {
      const own = count(unitPath, true);
      if (own.total > 0) out.unshift({ unit: { id: unitId, name: t('campaigns.plans.ownUnit') }, drill: false, ...own });
    }
    return out;
  }, [plans.data, children.data, unitPath, unitId, t]);
  const totals = rows.reduce((s, r) => ({ total: s.total + r.total, submitted: s.submitted + r.submitted, approved: s.approved + r.approved, late: s.late + r.late }), { total: 0, submitted: 0, approved: 0, late: 0 });

  return (
    <section className="card item-section" aria-labelledby="plans-title">
      <h2 id="plans-title">{t('campaigns.plans.title')}</h2>
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {children.isError ? <ErrorAlert error={children.error} /> : null}
      {plans.data?.visibility === 'count' || plans.data?.visibility === 'none' ? <p className="muted">{t('campaigns.plans.limited')}</p> : null}
      {plans.data && children.data ? (
        <>
          <p>{t('campaigns.plans.summary', { total: totals.total, submitted: totals.submitted, approved: totals.approved, late: totals.late })}</p>
          {rows.length === 0 ? (
            <p className="muted">{t('campaigns.plans.noUnits')}</p>
          ) : (
            <table className="work-table">
              <caption className="visually-hidden">{t('campaigns.plans.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.col.unit')}</th>
                  <th scope="col" className="num">{t('campaigns.plans.total')}</th>
                  <th scope="col" className="num">{t('campaigns.plans.submitted')}</th>
                  <th scope="col" className="num">{t('campaigns.plans.approved')}</th>
                  <th scope="col" className="num">{t('campaigns.plans.late')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.unit.id} className={r.late > 0 ? 'is-overdue' : undefined}>
                    <td data-label={t('inbox.col.unit')}>
                      {r.drill ? (
                        <button type="button" className="link-button" onClick={() => onDrill(r.unit.id)}>
                          {r.unit.name}
                        </button>
                      ) : (
                        r.unit.name
                      )}
                    </td>
                    <td className="num" data-label={t('campaigns.plans.total')}>{r.total}</td>
                    <td className="num" data-label={t('campaigns.plans.submitted')}>{r.submitted}</td>
                    <td className="num" data-label={t('campaigns.plans.approved')}>{r.approved}</td>
                    <td className="num" data-label={t('campaigns.plans.late')}>
                      {r.late} {r.late > 0 ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <PageLoading />
      )}
    </section>
  );
}

const fullScale = (f: RollupFigureView) => (f.type === 'percent' || f.type === 'boolean' ? 100 : undefined);

function Indicators(props: { campaign: CampaignView; unitId: string; milestoneId: string; asOf?: string; indicator: string | null; onIndicator: (key: string | null) => void; onDrill: (unitId: string) => void }) {
  const { campaign, unitId, milestoneId, asOf, indicator, onIndicator, onDrill } = props;
  const { t } = useI18n();
  const rollup = useRollup(campaign.id, unitId, milestoneId, asOf);
  const breakdown = useBreakdown(campaign.id, unitId, milestoneId, indicator, asOf);
  const shares = (rollup.data?.figures ?? []).filter((f) => fullScale(f) === 100);
  const others = (rollup.data?.figures ?? []).filter((f) => fullScale(f) !== 100);

  return (
    <section className="card item-section" aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t('campaigns.indicators.title')}</h2>
      {rollup.isPending ? <PageLoading /> : null}
      {rollup.isError ? <ErrorAlert error={rollup.error} /> : null}
      {rollup.data ? (
        <>
          <p className="muted">{t('campaigns.indicators.hint')}</p>
          <p className="notice" data-testid="rollup-tree">
            {t(rollup.data.tree.source === 'request' ? 'campaigns.treeUsed.request' : 'campaigns.treeUsed.milestone', { date: formatDate(rollup.data.tree.asOf.slice(0, 10)), units: rollup.data.tree.units })}
          </p>
          {shares.length > 0 ? (
            <BarChart
              title={t('campaigns.indicators.shares')}
              max={100}
              fileName={`${campaign.code}-ty-le`}
              rows={shares.map((f) => ({ id: f.key, label: f.name, value: f.value, display: figureText(f, t), short: f.value === null ? t('campaigns.indicators.noData') : f.display }))}
              onSelect={(r) => onIndicator(r.id)}
              selectLabel={(r) => t('campaigns.indicators.drill', { name: r.label })}
            />
          ) : null}
          {others.length > 0 ? (
            <BarChart
              title={t('campaigns.indicators.counts')}
              fileName={`${campaign.code}-so-luong`}
              rows={others.map((f) => ({ id: f.key, label: f.name, value: f.value, display: figureText(f, t), short: f.value === null ? t('campaigns.indicators.noData') : f.display }))}
              onSelect={(r) => onIndicator(r.id)}
              selectLabel={(r) => t('campaigns.indicators.drill', { name: r.label })}
            />
          ) : null}
        </>
      ) : null}
      {indicator ? (
        <div className="breakdown" aria-live="polite">
          {breakdown.isPending ? <PageLoading /> : null}
          {breakdown.isError ? <ErrorAlert error={breakdown.error} /> : null}
          {breakdown.data ? (
            <>
              <h3>{t('campaigns.indicators.byUnit', { name: breakdown.data.total.name, unit: breakdown.data.unit.name })}</h3>
              <p>
                {t('campaigns.indicators.total', { value: breakdown.data.total.display })} · {t(`campaigns.rule.${breakdown.data.total.rule}`)} ·{' '}
                {t('campaigns.indicators.formula', { numerator: breakdown.data.total.numerator, denominator: breakdown.data.total.denominator })}
              </p>
              {breakdown.data.own ? <p>{t('campaigns.indicators.own', { value: breakdown.data.own.display })}</p> : null}
              {breakdown.data.children.length === 0 ? (
                <p className="muted">{t('campaigns.indicators.noChildren')}</p>
              ) : (
                <BarChart
                  title={t('campaigns.indicators.childrenTitle')}
                  max={fullScale(breakdown.data.total)}
                  rows={[...breakdown.data.children]
                    .sort((a, b) => compareVi(a.unit.name, b.unit.name))
                    .map((c) => ({ id: c.unit.id, label: c.unit.name, value: c.figure.value, display: figureText(c.figure, t), short: c.figure.value === null ? t('campaigns.indicators.noData') : c.figure.display }))}
                  fileName={`${campaign.code}-${breakdown.data.key}-theo-don-vi`}
                  onSelect={(r) => onDrill(r.id)}
                  selectLabel={(r) => t('campaigns.indicators.drillUnit', { unit: r.label })}
                />
              )}
              <button type="button" className="button button--secondary button--small" onClick={() => onIndicator(null)}>
                {t('campaigns.indicators.close')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function figureText(f: RollupFigureView, t: ReturnType<typeof useI18n>['t']): string {
  const reporting = t('campaigns.indicators.reporting', { reporting: f.reporting, expected: f.expected });
  return f.value === null ? `${t('campaigns.indicators.noData')} (${reporting})` : `${f.display} (${reporting})`;
}

function Exports({ campaign, unitId, milestoneId, unitName }: { campaign: CampaignView; unitId: string; milestoneId: string; unitName: string }) {
  const { t } = useI18n();
  return (
    <section className="card item-section" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('campaigns.exports.title')}</h2>
      <p className="muted">{t('campaigns.exports.hint', { unit: unitName })}</p>
      {(['docx', 'xlsx'] as const).map((kind) => (
        <ExportRow key={kind} kind={kind} campaignId={campaign.id} unitId={unitId} milestoneId={milestoneId} />
      ))}
    </section>
  );
}

function ExportRow({ kind, campaignId, unitId, milestoneId }: { kind: ExportKind; campaignId: string; unitId: string; milestoneId: string }) {
  const { t } = useI18n();
  const runId = `${kind}:${campaignId}:${unitId}:${milestoneId}`;
  const run = useOperationRun(exportStore, runId);
  const label = kind === 'docx' ? t('campaigns.exports.docx') : t('campaigns.exports.xlsx');
  return (
    <div className="export">
      <button
        type="button"
        className="button button--secondary"
        disabled={run?.status === 'running'}
        onClick={() => exportStore.start(runId, { kind }, (report) => downloadExport(kind, campaignId, unitId, milestoneId, report))}
      >
        {label}
      </button>{' '}
      {run?.status === 'running' ? (
        <span role="status">
          {run.progress === null ? <progress aria-label={t('campaigns.exports.progress', { file: label })} /> : <progress max={1} value={run.progress} aria-label={t('campaigns.exports.progress', { file: label })} />}{' '}
          {t('campaigns.exports.running')}
        </span>
      ) : null}
      {run?.status === 'done' && run.result ? (
        <span role="status" className="muted">
          {t('campaigns.exports.done', { file: run.result.fileName, when: formatDateTime(run.finishedAt) })}
        </span>
      ) : null}
      {run?.status === 'failed' || run?.status === 'interrupted' ? <ErrorAlert error={run.error ?? new Error('interrupted')} title={t('campaigns.exports.failed', { file: label })} /> : null}
    </div>
  );
}
