import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { formatDate } from '../../i18n/format';
import { useCampaigns } from './campaigns.hooks';
import '../items/items.css';

const CampaignDashboard = lazy(() => import('./CampaignDashboard'));

export default function CampaignsPage() {
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path=":id" element={<CampaignDashboard />} />
    </Routes>
  );
}

function CampaignList() {
  const t = useT();
  usePageTitle(t('nav.campaigns'));
  const campaigns = useCampaigns();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.campaigns')}</h1>
      {campaigns.isPending ? <PageLoading /> : null}
      {campaigns.isError ? <ErrorAlert error={campaigns.error} /> : null}
      {campaigns.data && campaigns.data.length === 0 ? <p className="notice">{t('campaigns.none')}</p> : null}
      <ul className="task-list">
        {(campaigns.data ?? []).map((c) => (
          <li key={c.id} className="card task">
            <p className="task__title">
              <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
            </p>
            <p className="task__meta">
              {c.code} · {t('campaigns.period', { from: formatDate(c.period.from), to: formatDate(c.period.to) })} · {c.launchingUnit.name} ·{' '}
              {t(`campaigns.status.${c.status}`)}
              {c.planDocument?.symbol ? ` · ${c.planDocument.symbol}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
