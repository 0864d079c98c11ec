import { NavLink } from 'react-router-dom';
import { useT } from '../../i18n/i18n-context';
import { useUnreadCount } from './notifications.hooks';

/** Header link to the notifications, with the unread count as text (not colour alone) for screen readers too. */
export function NotificationBadge() {
  const t = useT();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <NavLink to="/notifications" className="notification-badge" aria-label={t('notifications.badgeLabel', { count: unread })}>
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 ? (
        <span className="notification-badge__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
