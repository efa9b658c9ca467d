/** Routes, providers and the login gate. Pages load lazily so the public page stays light. */
import type { ComponentType, LazyExoticComponent } from 'react';
import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EventsProvider } from '../api/events';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { LoginPage } from '../auth/LoginPage';
import { NAV } from './nav';
import { matchPath, navigate, useLocation } from './router';
import { Shell } from './Shell';

type Page = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>): Page =>
  lazy(load);

const CockpitPage = page(() => import('../features/cockpit/CockpitPage'));
const PublicPage = page(() => import('../features/public/PublicPage'));
const AirPage = page(() => import('../features/air/AirPage'));
const StationPage = page(() => import('../features/air/StationPage'));
const WaterPage = page(() => import('../features/water/WaterPage'));
const SectionPage = page(() => import('../features/water/SectionPage'));
const SourcesPage = page(() => import('../features/sources/SourcesPage'));
const EnterprisePage = page(() => import('../features/sources/EnterprisePage'));
const AlarmsPage = page(() => import('../features/alarms/AlarmsPage'));
const AlarmPage = page(() => import('../features/alarms/AlarmPage'));
const CasesPage = page(() => import('../features/cases/CasesPage'));
const CasePage = page(() => import('../features/cases/CasePage'));
const AdminPage = page(() => import('../features/admin/AdminPage'));
const CarbonPage = page(() => import('../features/carbon/CarbonPage'));
const CarbonEnterprisePage = page(() => import('../features/carbon/CarbonEnterprisePage'));
const CarbonCodePage = page(() => import('../features/carbon/CarbonCodePage'));
const WastePage = page(() => import('../features/waste/WastePage'));
const ManifestsPage = page(() => import('../features/waste/ManifestsPage'));
const ManifestPage = page(() => import('../features/waste/ManifestPage'));
const WasteFilePage = page(() => import('../features/waste/WasteFilePage'));
const ResponsePage = page(() => import('../features/response/ResponsePage'));
const IndicatorsPage = page(() => import('../features/indicators/IndicatorsPage'));
const ReportsPage = page(() => import('../features/reports/ReportsPage'));

/** Protected routes, first match wins; `nav` names the menu entry whose roles apply. */
const ROUTES: readonly { pattern: string; component: Page; nav: (typeof NAV)[number]['key'] }[] = [
  { pattern: '/', component: CockpitPage, nav: 'cockpit' },
  { pattern: '/air', component: AirPage, nav: 'air' },
  { pattern: '/air/:code', component: StationPage, nav: 'air' },
  { pattern: '/water', component: WaterPage, nav: 'water' },
  { pattern: '/water/:code', component: SectionPage, nav: 'water' },
  { pattern: '/sources', component: SourcesPage, nav: 'sources' },
  { pattern: '/sources/:code', component: EnterprisePage, nav: 'sources' },
  { pattern: '/carbon', component: CarbonPage, nav: 'carbon' },
  { pattern: '/carbon/:code', component: CarbonEnterprisePage, nav: 'carbon' },
  { pattern: '/alarms', component: AlarmsPage, nav: 'alarms' },
  { pattern: '/alarms/:id', component: AlarmPage, nav: 'alarms' },
  { pattern: '/cases', component: CasesPage, nav: 'cases' },
  { pattern: '/cases/:id', component: CasePage, nav: 'cases' },
  { pattern: '/waste', component: WastePage, nav: 'waste' },
  { pattern: '/waste/manifests', component: ManifestsPage, nav: 'waste' },
  { pattern: '/waste/manifests/:id', component: ManifestPage, nav: 'waste' },
  { pattern: '/waste/enterprises/:code', component: WasteFilePage, nav: 'waste' },
  { pattern: '/response', component: ResponsePage, nav: 'response' },
  { pattern: '/response/:id', component: ResponsePage, nav: 'response' },
  { pattern: '/indicators', component: IndicatorsPage, nav: 'indicators' },
  { pattern: '/reports', component: ReportsPage, nav: 'reports' },
  { pattern: '/admin', component: AdminPage, nav: 'admin' },
  { pattern: '/admin/:tab', component: AdminPage, nav: 'admin' },
];

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state state-loading page-loading">
      <span className="spinner" />
      {t('state.loading')}
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <div className="state state-empty page-loading">404 · {t('state.empty')}</div>;
}

function Routes() {
  const { auth } = useAuth();
  const { path } = useLocation();

  // The public carbon-code page (the target of an enterprise's QR code) needs no login.
  const carbonCode = matchPath('/carbon/code/:code', path);
  const anonymousAt =
    auth.status === 'anonymous' &&
    path !== '/' &&
    path !== '/public' &&
    path !== '/login' &&
    carbonCode === null;
  useEffect(() => {
    if (anonymousAt) navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
  }, [anonymousAt, path]);

  if (path === '/login') return <LoginPage />;
  if (auth.status === 'checking') return <Loading />;
  if (carbonCode !== null) {
    return (
      <Shell>
        <Suspense fallback={<Loading />}>
          <CarbonCodePage params={carbonCode} />
        </Suspense>
      </Shell>
    );
  }
  if (path === '/public' || (path === '/' && auth.status === 'anonymous')) {
    return (
      <Shell>
        <Suspense fallback={<Loading />}>
          <PublicPage params={{}} />
        </Suspense>
      </Shell>
    );
  }
  if (auth.status !== 'user') return <Loading />;

  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params === null) continue;
    const allowed = NAV.find((n) => n.key === route.nav)?.roles.includes(auth.user.role) ?? false;
    const Component = route.component;
    return (
      <Shell>
        <Suspense fallback={<Loading />}>{allowed ? <Component params={params} /> : <NotFound />}</Suspense>
      </Shell>
    );
  }
  return (
    <Shell>
      <NotFound />
    </Shell>
  );
}

function WithEvents() {
  const { auth } = useAuth();
  return (
    <EventsProvider enabled={auth.status === 'user'}>
      <Routes />
    </EventsProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <WithEvents />
    </AuthProvider>
  );
}
