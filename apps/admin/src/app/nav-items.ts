import type { PlainMessageKey } from '../i18n/dictionary';

export interface NavItem {
  path: string;
  label: PlainMessageKey;
}

/** Main navigation, in the order officers meet the work. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home' },
  { path: '/inbox', label: 'nav.inbox' },
  { path: '/calendar', label: 'nav.calendar' },
  { path: '/campaigns', label: 'nav.campaigns' },
  { path: '/org', label: 'nav.org' },
  { path: '/workflows', label: 'nav.workflows' },
  { path: '/council', label: 'nav.council' },
  { path: '/notifications', label: 'nav.notifications' },
  { path: '/delegations', label: 'nav.delegations' },
  { path: '/webhooks', label: 'nav.webhooks' },
];
