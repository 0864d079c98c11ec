import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { HomePage } from '../features/home/HomePage';
import { SignInPage } from '../features/auth/SignInPage';
import { AppLayout } from './AppLayout';
import { RequireSession } from './RequireSession';

/*
 * Sign-in and the unit home page are in the first bundle: one of them is the first page anyone sees. Every other
 * page is its own chunk, loaded when first visited, so the initial JavaScript stays small as features land.
 */
const ChangePasswordPage = lazy(() =>
  import('../features/auth/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);
const InboxPage = lazy(() => import('../features/inbox/InboxPage'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage'));
const OrgPage = lazy(() => import('../features/org/OrgPage'));
const WorkflowsPage = lazy(() => import('../features/workflows/WorkflowsPage'));
const CouncilPage = lazy(() => import('../features/council/CouncilPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage'));
const ItemsPage = lazy(() => import('../features/items/ItemsPage'));
const NominationPage = lazy(() => import('../features/home/NominationPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const DelegationsPage = lazy(() => import('../features/delegations/DelegationsPage'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'inbox/*', element: <InboxPage /> },
      { path: 'campaigns/*', element: <CampaignsPage /> },
      { path: 'org/*', element: <OrgPage /> },
      { path: 'workflows/*', element: <WorkflowsPage /> },
      { path: 'council/*', element: <CouncilPage /> },
      { path: 'notifications/*', element: <NotificationsPage /> },
      { path: 'items/*', element: <ItemsPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'webhooks', element: <WebhooksPage /> },
      { path: 'nominations/new', element: <NominationPage /> },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: 'delegations', element: <DelegationsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
