import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useDateDraft } from '../../components/use-date-draft';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { localized } from '../items/field-schema';
import { usePublishedDefinitions } from '../items/items.hooks';
import { NOTIFICATION_KINDS, type NotificationFilter } from './notifications.api';
import { useMarkRead, useNotifications, useUnreadCount } from './notifications.hooks';
import { SavedFilters } from '../saved-filters/SavedFilters';
import '../items/items.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters are the page's URL parameters (so a saved filter, a link or a reload gives the same list). */
function filterFrom(params: URLSearchParams): NotificationFilter {
  const f: NotificationFilter = {};
  if (params.get('unreadOnly') === 'true') f.unreadOnly = true;
  const kind = params.get('kind');
  if (kind && (NOTIFICATION_KINDS as readonly string[]).includes(kind)) f.kind = kind as NotificationFilter['kind'];
  const workflow = params.get('workflow');
  if (workflow) f.workflow = workflow;
  for (const k of ['from', 'to'] as const) {
    const v = params.get(k);
    if (v && DAY.test(v)) f[k] = v;
  }
  return f;
}

function paramsOf(f: NotificationFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.unreadOnly) out.unreadOnly = 'true';
  for (const k of ['kind', 'workflow', 'from', 'to'] as const) if (f[k]) out[k] = f[k] as string;
  return out;
}

/**
 * In-app notifications, newest first: each says what happened to which item, who did it and why (one sentence
 * from the API, in the user's language), with a link to the item (opening it marks it read). Filters: unread or
 * all, kind, workflow, date range; mark one or all read (the header's badge follows).
 */
export default function NotificationsPage() {
  const { t, language } = useI18n();
  usePageTitle(t('nav.notifications'));
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useNotifications(filter);
  const unread = useUnreadCount().data?.unread ?? list.data?.pages[0]?.unread ?? 0;
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const defs = usePublishedDefinitions();
  const workflowName = useMemo(() => {
    const names = new Map<string, string>();
    for (const d of defs.data ?? []) names.set(d.key, localized(d.name, language, t('notifications.workflow.other')));
    return (key: string) => names.get(key) ?? t('notifications.workflow.other');
  }, [defs.data, language, t]);
  const workflows = list.data?.pages[0]?.workflows ?? [];
  const set = (patch: Partial<NotificationFilter>) => setParams(paramsOf({ ...filter, ...patch }), { replace: true });
  const fromField = useDateDraft(filter.from ?? '', (v) => set({ from: v || undefined }));
  const toField = useDateDraft(filter.to ?? '', (v) => set({ to: v || undefined }));

  /**
   * The "mark read" button leaves its card once the list comes back: the focus goes to the card's link (or, when only
   * unread ones are listed and the card leaves too, to the next card's), never back to the top of the page.
   */
  const markOne = (id: string) => {
    const at = items.findIndex((n) => n.id === id);
    const stays = !filter.unreadOnly;
    const target = stays ? items[at] : (items[at + 1] ?? items[at - 1]);
    mark.mutate(id, {
      onSuccess: () => {
        const card = target ? document.getElementById(`notification-${target.id}`) : null;
        const control = card?.querySelector<HTMLElement>(stays ? 'a' : 'a, button') ?? card;
        (control ?? document.getElementById('page-title'))?.focus();
      },
    });
  };
  const markAll = () => mark.mutate('all', { onSuccess: () => document.getElementById('notifications-unread')?.focus() });

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('nav.notifications')}
      </h1>
      <p className="lead" role="status" id="notifications-unread" tabIndex={-1}>
        {t('notifications.unread', { count: unread })}
      </p>
      <form className="filters notification-filters" aria-label={t('notifications.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="n-show">{t('notifications.show')}</label>
          <select id="n-show" value={filter.unreadOnly ? 'unread' : 'all'} onChange={(e) => set({ unreadOnly: e.target.value === 'unread' || undefined })}>
            <option value="all">{t('notifications.show.all')}</option>
            <option value="unread">{t('notifications.show.unread')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="n-kind">{t('notifications.kind')}</label>
          <select id="n-kind" value={filter.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as NotificationFilter['kind'] })}>
            <option value="">{t('notifications.kind.any')}</option>
            {NOTIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`notifications.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="n-workflow">{t('notifications.workflow')}</label>
          <select id="n-workflow" value={filter.workflow ?? ''} onChange={(e) => set({ workflow: e.target.value || undefined })}>
            <option value="">{t('notifications.workflow.any')}</option>
            {workflows.map((w) => (
              <option key={w} value={w}>
                {workflowName(w)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="n-from">{t('notifications.from')}</label>
          <input id="n-from" type="date" {...fromField} />
        </div>
        <div className="field">
          <label htmlFor="n-to">{t('notifications.to')}</label>
          <input id="n-to" type="date" {...toField} />
        </div>
      </form>
      <SavedFilters page="notifications" current={paramsOf(filter)} onApply={(saved) => setParams(saved)} />
      <div className="form-actions">
        <button type="button" className="button button--secondary" disabled={unread === 0 || mark.isPending} onClick={markAll}>
          {t('notifications.markAll')}
        </button>
      </div>
      {mark.isError ? <ErrorAlert error={mark.error} /> : null}
      {list.isPending ? <PageLoading /> : null}
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <p className="notice">{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} id={`notification-${n.id}`} tabIndex={-1} className={`card notification${n.readAt ? '' : ' notification--unread'}`}>
            <p className="notification__title">
              {n.readAt ? null : <span className="badge badge--unread">{t('notifications.new')}</span>} {n.title}
            </p>
            <p className="muted notification__meta">
              <span>{isKind(n.kind) ? t(`notifications.kind.${n.kind}`) : t('notifications.kind.waiting')}</span>
              {n.workflow ? ` · ${workflowName(n.workflow)}` : ''} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              {n.itemId ? (
                <>
                  {' · '}
                  <Link to={`/items/${n.itemId}`} aria-label={`${t('notifications.open')}: ${n.title}`} onClick={() => (n.readAt ? undefined : mark.mutate(n.id))}>
                    {t('notifications.open')}
                  </Link>
                </>
              ) : null}
              {n.readAt ? null : (
                <>
                  {' · '}
                  <button type="button" className="link-button" onClick={() => markOne(n.id)}>
                    {t('notifications.markRead')}
                  </button>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('inbox.more')}
        </button>
      ) : null}
    </section>
  );
}

function isKind(k: string): k is (typeof NOTIFICATION_KINDS)[number] {
  return (NOTIFICATION_KINDS as readonly string[]).includes(k);
}
