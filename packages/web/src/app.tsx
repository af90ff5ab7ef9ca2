import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import type { UserRole } from './api/types.ts';
import { homeFor, INSPECTORS, NAV } from './auth/navigation.ts';
import { useSession } from './auth/session.tsx';
import { Loading } from './components/notices.tsx';
import { Shell } from './components/shell.tsx';
import { AccountsPage } from './pages/accounts-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { DeclarationPage } from './pages/declaration-page.tsx';
import { DeclarationsPage } from './pages/declarations-page.tsx';
import { InspectionFormPage } from './pages/inspection-form-page.tsx';
import { InspectionsPage } from './pages/inspections-page.tsx';
import { IntakePage } from './pages/intake-page.tsx';
import { ListsPage } from './pages/lists-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { ModelsPage } from './pages/models-page.tsx';
import { PasswordPage } from './pages/password-page.tsx';
import { QueuePage } from './pages/queue-page.tsx';
import { RulesPage } from './pages/rules-page.tsx';
import { TraderPage } from './pages/trader-page.tsx';
import { WatchlistPage } from './pages/watchlist-page.tsx';

// The pages with charts load their chart library only when opened: the queue and the phone form stay light.
const DashboardPage = lazy(() =>
  import('./pages/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })),
);
const RulesetPage = lazy(() => import('./pages/ruleset-page.tsx').then((m) => ({ default: m.RulesetPage })));

const rolesOf = (path: string): readonly UserRole[] => NAV.find((n) => n.path === path)?.roles ?? [];

/** Pages need a login; a page the role may not use sends it home rather than to a wall of 403s. */
function Guard({ roles, children }: { roles?: readonly UserRole[]; children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading what="Checking your session" />;
  if (me === null)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !(roles as readonly string[]).includes(me.role))
    return <Navigate to={homeFor(me.role)} replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { me } = useSession();
  if (me === undefined) return <Loading />;
  return <Navigate to={me ? homeFor(me.role) : '/login'} replace />;
}

function NotFound() {
  return (
    <div className="empty">
      No such page. <a href="/">Back to the start</a>.
    </div>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <Guard>
        <Shell />
      </Guard>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'queue',
        element: (
          <Guard roles={rolesOf('/queue')}>
            <QueuePage />
          </Guard>
        ),
      },
      {
        path: 'declarations',
        element: (
          <Guard roles={rolesOf('/declarations')}>
            <DeclarationsPage />
          </Guard>
        ),
      },
      // Inspectors open the declarations they inspect, from their own list.
      {
        path: 'declarations/:id',
        element: (
          <Guard roles={[...rolesOf('/declarations'), 'inspector']}>
            <DeclarationPage />
          </Guard>
        ),
      },
      {
        path: 'inspections',
        element: (
          <Guard roles={rolesOf('/inspections')}>
            <InspectionsPage />
          </Guard>
        ),
      },
      {
        path: 'inspections/record',
        element: (
          <Guard roles={INSPECTORS}>
            <InspectionFormPage />
          </Guard>
        ),
      },
      {
        path: 'rules',
        element: (
          <Guard roles={rolesOf('/rules')}>
            <RulesPage />
          </Guard>
        ),
      },
      {
        path: 'rules/:name/:version',
        element: (
          <Guard roles={rolesOf('/rules')}>
            <RulesetPage />
          </Guard>
        ),
      },
      {
        path: 'lists',
        element: (
          <Guard roles={rolesOf('/lists')}>
            <ListsPage />
          </Guard>
        ),
      },
      {
        path: 'models',
        element: (
          <Guard roles={rolesOf('/models')}>
            <ModelsPage />
          </Guard>
        ),
      },
      {
        path: 'watchlists',
        element: (
          <Guard roles={rolesOf('/watchlists')}>
            <WatchlistPage />
          </Guard>
        ),
      },
      {
        path: 'dashboard',
        element: (
          <Guard roles={rolesOf('/dashboard')}>
            <DashboardPage />
          </Guard>
        ),
      },
      {
        path: 'audit',
        element: (
          <Guard roles={rolesOf('/audit')}>
            <AuditPage />
          </Guard>
        ),
      },
      {
        path: 'intake',
        element: (
          <Guard roles={rolesOf('/intake')}>
            <IntakePage />
          </Guard>
        ),
      },
      { path: 'password', element: <PasswordPage /> },
      {
        path: 'accounts',
        element: (
          <Guard roles={rolesOf('/accounts')}>
            <AccountsPage />
          </Guard>
        ),
      },
      {
        path: 'my-declarations',
        element: (
          <Guard roles={rolesOf('/my-declarations')}>
            <TraderPage />
          </Guard>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
