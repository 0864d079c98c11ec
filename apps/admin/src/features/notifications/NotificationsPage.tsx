import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { useMarkRead, useNotifications, useUnreadCount } from './notifications.hooks';
import '../items/items.css';

/** In-app notifications, newest first: open the item (marks it read), mark one or all read, show unread only. */
export default function NotificationsPage() {
  const t = useT();
  usePageTitle(t('nav.notifications'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const unread = useUnreadCount().data?.unread ?? list.data?.pages[0]?.unread ?? 0;
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.notifications')}</h1>
      <p className="lead" role="status">
        {t('notifications.unread', { count: unread })}
      </p>
      <div className="form-actions">
        <div className="field field--inline">
          <input id="unread-only" type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <label htmlFor="unread-only">{t('notifications.unreadOnly')}</label>
        </div>
        <button type="button" className="button button--secondary" disabled={unread === 0 || mark.isPending} onClick={() => mark.mutate('all')}>
          {t('notifications.markAll')}
        </button>
      </div>
      {mark.isError ? <ErrorAlert error={mark.error} /> : null}
      {list.isPending ? <PageLoading /> : null}
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <p className="notice">{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={`card notification${n.readAt ? '' : ' notification--unread'}`}>
            <p className="notification__title">
              {n.readAt ? null : <span className="badge badge--unread">{t('notifications.new')}</span>}{' '}
              {n.itemId ? (
                <Link to={`/items/${n.itemId}`} onClick={() => (n.readAt ? undefined : mark.mutate(n.id))}>
                  {n.title}
                </Link>
              ) : (
                n.title
              )}
            </p>
            <p className="muted notification__meta">
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              {n.readAt ? null : (
                <>
                  {' · '}
                  <button type="button" className="link-button" onClick={() => mark.mutate(n.id)}>
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
