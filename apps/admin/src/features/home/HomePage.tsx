import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQueries } from '@tanstack/react-query';
import type { InboxItemView, MeResponse, WorkItemEventView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { groupByUnit } from '../auth/role-label';
import { useCampaigns } from '../campaigns/campaigns.hooks';
import { useInbox, useInboxCounts } from '../inbox/inbox.hooks';
import { getItemHistory } from '../items/items.api';
import { useItems, usePublishedDefinitions } from '../items/items.hooks';
import { itemsKeys } from '../items/items.keys';
import './home.css';

/** How many of the unit's items get their history read, to show why they were returned. */
const RETURN_LOOKUPS = 10;

/**
 * The officer's unit page: what is asked of the unit and by when (the items waiting for the unit, returned ones first
 * with the reason in plain view), what it sent and waits on, the campaign deadlines, and where to start a new plan,
 * report or nomination. Supervisors see how much waits in their inbox.
 */
export function HomePage() {
  const { t } = useI18n();
  usePageTitle(t('home.title'));
  const me = useMe();

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('home.title')}</h1>
      {me.isPending ? <PageLoading /> : null}
      {me.isError ? <ErrorAlert error={me.error} /> : null}
      {me.data ? <HomeContent me={me.data} /> : null}
    </section>
  );
}

function HomeContent({ me }: { me: MeResponse }) {
  const { t } = useI18n();
  const isOfficer = me.roles.some((r) => r.role === 'officer');
  const homeUnitId = me.homeUnit?.id ?? me.roles.find((r) => r.role === 'officer')?.unitId;
  return (
    <>
      <p className="lead">{t('home.greeting', { name: me.fullName })}</p>
      {me.homeUnit ? <p>{t('home.homeUnit', { name: me.homeUnit.name, code: me.homeUnit.code })}</p> : null}
      {isOfficer ? (
        <p className="home-start">
          <Link className="button" to={`/items/new?workflow=unit_plan${homeUnitId ? `&unitId=${homeUnitId}` : ''}`}>
            {t('home.newPlan')}
          </Link>
          <Link className="button button--secondary" to="/nominations/new">
            {t('home.newNomination')}
          </Link>
          <Link className="button button--secondary" to="/items/new">
            {t('home.newOther')}
          </Link>
        </p>
      ) : null}
      <AskedOfUnit me={me} homeUnitId={isOfficer ? homeUnitId : undefined} />
      <CampaignDeadlines />
      <h2>{t('home.yourUnits')}</h2>
      {me.roles.length === 0 ? (
        <p>{t('home.noUnits')}</p>
      ) : (
        <ul className="unit-cards">
          {groupByUnit(me.roles).map((unit) => (
            <li key={unit.unitId} className="card unit-card">
              <p className="unit-card__name">{unit.unitName}</p>
              <p className="muted">{t('home.unitCode', { code: unit.unitCode })}</p>
              <ul className="unit-card__roles">
                {unit.assignments.map((a) => (
                  <li key={`${a.role}:${a.onBehalfOf?.userId ?? ''}`}>
                    {t(`role.${a.role}`)}
                    {a.onBehalfOf ? ` (${t('header.onBehalfOf', { name: a.onBehalfOf.fullName })})` : ''}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function lastReturnOf(item: InboxItemView, history: readonly WorkItemEventView[] | undefined): WorkItemEventView | null {
  if (!history) return null;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const e = history[i]!;
    if (e.fromStage === e.toStage || e.toStage === null) continue;
    return e.event === 'return' && e.toStage === item.stage ? e : null;
  }
  return null;
}

function AskedOfUnit({ me, homeUnitId }: { me: MeResponse; homeUnitId: string | undefined }) {
  const { t, language } = useI18n();
  const inbox = useInbox({ sort: 'due_at' });
  const counts = useInboxCounts({});
  const defs = usePublishedDefinitions();
  const sent = useItems({ unitId: homeUnitId, status: 'active', limit: 50 }, Boolean(homeUnitId));
  const waiting = useMemo(() => inbox.data?.pages[0]?.items ?? [], [inbox.data]);
  const histories = useQueries({
    queries: waiting.slice(0, RETURN_LOOKUPS).map((i) => ({
      queryKey: itemsKeys.history(i.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getItemHistory(i.id, signal),
    })),
  });
  const stageName = (workflow: string, stage: string) => {
    const def = defs.data?.filter((d) => d.key === workflow).sort((a, b) => b.version - a.version)[0];
    const name = (def?.definition as { stages?: Record<string, { name?: { vi: string; en?: string } }> } | undefined)?.stages?.[stage]?.name;
    return (language === 'en' ? name?.en : undefined) ?? name?.vi ?? stage;
  };
  const rows = waiting.map((item, i) => ({ item, returned: lastReturnOf(item, histories[i]?.data) }));
  rows.sort((a, b) => Number(Boolean(b.returned)) - Number(Boolean(a.returned)));
  const waitingIds = new Set(waiting.map((i) => i.id));
  const sentItems = (sent.data?.items ?? []).filter((i) => !waitingIds.has(i.id));
  const isSupervisor = me.roles.some((r) => r.role === 'supervisor' || r.role === 'council_member' || r.role === 'council_secretary');

  return (
    <>
      <h2>{t('home.tasksTitle')}</h2>
      {counts.data ? (
        <p>
          {t('inbox.counts', { total: counts.data.total, overdue: counts.data.overdue })}{' '}
          {isSupervisor ? <Link to="/inbox">{t('home.openInbox')}</Link> : null}
        </p>
      ) : null}
      {inbox.isError ? <ErrorAlert error={inbox.error} /> : null}
      {inbox.isPending ? <PageLoading /> : null}
      {inbox.data && rows.length === 0 ? <p className="muted">{t('home.nothingWaiting')}</p> : null}
      {rows.length > 0 ? (
        <ul className="task-list">
          {rows.map(({ item, returned }) => (
            <li key={item.id} className={`card task${returned ? ' task--returned' : ''}${item.isOverdue ? ' task--late' : ''}`}>
              <p className="task__title">
                <Link to={`/items/${item.id}`}>{item.title}</Link>
              </p>
              <p className="task__meta">
                {item.unitName} · {stageName(item.workflow, item.stage)}
                {item.dueAt ? ` · ${t('home.dueBy', { date: formatDate(item.dueAt) })}` : ''}{' '}
                {item.isOverdue ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
              </p>
              {returned ? (
                <div className="task__returned">
                  <p>
                    <span className="badge badge--returned">{t('home.returned')}</span>{' '}
                    {t('home.returnedOn', { when: formatDateTime(returned.occurredAt) })}
                  </p>
                  <p>
                    <strong>{t('items.returned.reason')}:</strong> {returned.comment}
                  </p>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {inbox.data?.pages[0]?.nextCursor ? (
        <p>
          <Link to="/inbox">{t('home.seeAll')}</Link>
        </p>
      ) : null}
      {homeUnitId && sentItems.length > 0 ? (
        <>
          <h2>{t('home.sentTitle')}</h2>
          <ul className="task-list">
            {sentItems.map((i) => (
              <li key={i.id} className={`card task${i.isOverdue ? ' task--late' : ''}`}>
                <p className="task__title">
                  <Link to={`/items/${i.id}`}>{i.title}</Link>
                </p>
                <p className="task__meta">
                  {i.workflow && i.stage ? stageName(i.workflow, i.stage) : ''}
                  {i.dueAt ? ` · ${t('home.dueBy', { date: formatDate(i.dueAt) })}` : ''}{' '}
                  {i.isOverdue ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function CampaignDeadlines() {
  const { t } = useI18n();
  const campaigns = useCampaigns({ status: 'launched' });
  const milestones = (campaigns.data ?? [])
    .flatMap((c) => c.milestones.filter((m) => m.status === 'open').map((m) => ({ campaign: c, milestone: m })))
    // ISO dates sort as strings (no ICU collator on the first page).
    .sort((a, b) => (a.milestone.due < b.milestone.due ? -1 : a.milestone.due > b.milestone.due ? 1 : 0));
  if (!campaigns.data || milestones.length === 0) return null;
  // Today in Vietnam (a milestone's due date is a calendar day there): past it, an open milestone is overdue.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return (
    <>
      <h2>{t('home.deadlinesTitle')}</h2>
      <ul className="deadline-list">
        {milestones.map(({ campaign, milestone }) => (
          <li key={milestone.id}>
            <Link to={`/campaigns/${campaign.id}`}>{campaign.title}</Link>: {milestone.label} —{' '}
            {t('home.dueBy', { date: formatDate(milestone.due) })}{' '}
            {milestone.due.slice(0, 10) < today ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
