import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CommendationHistoryPage as HistoryPage } from '@thidua/contracts';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, data } from '../../api/typed-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { formatDate } from '../../i18n/format';
import { getUnit } from './org.api';
import { orgKeys } from './org.keys';

const PAGE = 20;

function fetchHistory(query: { userId?: string; unitId?: string; cursor?: string }, signal?: AbortSignal): Promise<HistoryPage> {
  return data(api.GET('/commendations/history', { params: { query: { ...query, limit: PAGE } }, signal }));
}

/**
 * A person's (`/org/people/:id/commendations`) or a unit's (`/org/units/:id/commendations`) commendations: form,
 * decision number and date, campaign; the newest decision first, 20 at a time.
 */
export function CommendationHistoryPage({ kind }: { kind: 'person' | 'unit' }) {
  const t = useT();
  const { id = '' } = useParams();
  const location = useLocation();
  const personName = (location.state as { name?: string } | null)?.name;
  const unit = useQuery({ queryKey: orgKeys.unit(id), queryFn: ({ signal }) => getUnit(id, signal), enabled: kind === 'unit' });
  const subject = kind === 'unit' ? unit.data?.name : personName;
  const title = subject ? t('history.titleOf', { name: subject }) : kind === 'unit' ? t('history.titleUnit') : t('history.titlePerson');
  usePageTitle(title);
  const history = useInfiniteQuery({
    queryKey: ['commendation-history', kind, id] as const,
    queryFn: ({ pageParam, signal }) => fetchHistory(kind === 'unit' ? { unitId: id, cursor: pageParam } : { userId: id, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      {kind === 'unit' && unit.data ? (
        <p>
          <Link to={`/org/units/${id}`}>{t('history.backToUnit', { name: unit.data.name })}</Link>
        </p>
      ) : null}
      <h1 id="page-title">{title}</h1>
      <p className="muted">{kind === 'unit' ? t('history.introUnit') : t('history.introPerson')}</p>
      {history.isPending ? <PageLoading /> : null}
      {history.isError ? <ErrorAlert error={history.error} /> : null}
      {history.data && rows.length === 0 ? <p>{t('history.none')}</p> : null}
      {rows.length > 0 ? (
        <ol className="history-list">
          {rows.map((r) => (
            <li key={r.nominationId} className="card">
              <h2 className="history-list__form">{r.awardFormName}</h2>
              <dl className="history-list__facts">
                {kind === 'unit' || !personName ? (
                  <>
                    <dt>{t('history.nominee')}</dt>
                    <dd>{r.nomineeName}</dd>
                  </>
                ) : null}
                <dt>{t('history.decision')}</dt>
                <dd>
                  {r.decisionSymbol ? t('history.decisionText', { symbol: r.decisionSymbol, date: r.decisionDate ? formatDate(r.decisionDate) : '—' }) : t('history.decisionPending')}
                </dd>
                <dt>{t('history.campaign')}</dt>
                <dd>{r.campaignTitle}</dd>
              </dl>
              <Link to={`/items/${r.itemId}`}>{t('history.openItem', { form: r.awardFormName })}</Link>
            </li>
          ))}
        </ol>
      ) : null}
      {history.hasNextPage ? (
        <button type="button" className="button button--secondary" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {t('history.more')}
        </button>
      ) : null}
    </section>
  );
}

export function PersonCommendationsPage() {
  return <CommendationHistoryPage kind="person" />;
}

export function UnitCommendationsPage() {
  return <CommendationHistoryPage kind="unit" />;
}
