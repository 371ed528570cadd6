// The signed-in frame: skip link, side navigation, top bar, the current page, the palette.
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertsPage } from '../features/alerts/AlertsPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { DrillBanner } from '../features/drills/DrillBanner.tsx';
import { FleetPage } from '../features/fleet/FleetPage.tsx';
import { useIncidentCountsInTitle } from '../features/incidents/NavCount.tsx';
import { PagingBar } from '../features/incidents/PagingBar.tsx';
import { useIdleLock } from '../features/lock/useIdleLock.ts';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { RunbooksPage } from '../features/runbooks/RunbooksPage.tsx';
import { SlaPage } from '../features/sla/SlaPage.tsx';
import { SloPage } from '../features/slo/SloPage.tsx';
import { useAppStore, useAppStoreApi } from '../store/index.ts';
import { selectCan } from '../store/sessionSlice.ts';
import { LoadingBlock } from '../ui/Spinner.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { preloadable } from './preloadable.tsx';
import { SideNav } from './SideNav.tsx';
import { TopBar } from './TopBar.tsx';

// The incident views carry the lifecycle's and the priority matrix's schemas: not in the first
// bundle, fetched once the shell is up (see AppShell), so opening them never waits on their code.
const { Page: IncidentsPage, preload: preloadIncidentsPage } = preloadable(() =>
  import('../features/incidents/IncidentsPage.tsx').then((m) => m.IncidentsPage),
);
// The rota and policy editors carry their schemas too.
const OnCallPage = lazy(() =>
  import('../features/oncall/OnCallPage.tsx').then((m) => ({ default: m.OnCallPage })),
);

// The model changes page carries the rule editor and the evidence charts.
const ChangesPage = lazy(() =>
  import('../features/governance/ChangesPage.tsx').then((m) => ({ default: m.ChangesPage })),
);

// The experiments page carries the editor and its power calculator.
const ExperimentsPage = lazy(() =>
  import('../features/experiments/ExperimentsPage.tsx').then((m) => ({
    default: m.ExperimentsPage,
  })),
);

// The drills page carries the charts and the debrief forms.
const DrillsPage = lazy(() =>
  import('../features/drills/DrillsPage.tsx').then((m) => ({ default: m.DrillsPage })),
);

// The postmortem editor carries the Markdown renderer.
const PostmortemsPage = lazy(() =>
  import('../features/postmortems/PostmortemsPage.tsx').then((m) => ({
    default: m.PostmortemsPage,
  })),
);

function CurrentPage() {
  const page = useAppStore((s) => s.page);
  const canAudit = useAppStore(selectCan('audit.read'));
  const canFleet = useAppStore(selectCan('fleet.read'));
  const canSlo = useAppStore(selectCan('slo.read'));
  const canIncidents = useAppStore(selectCan('incidents.read'));
  const canRunbooks = useAppStore(selectCan('runbooks.read'));
  const canPostmortems = useAppStore(selectCan('postmortems.read'));
  const canDrills = useAppStore(selectCan('drills.read'));
  if (page === 'incidents' && canIncidents) {
    return (
      <Suspense fallback={<LoadingBlock />}>
        <IncidentsPage />
      </Suspense>
    );
  }
  if (page === 'oncall' && canIncidents) {
    return (
      <Suspense fallback={<LoadingBlock />}>
        <OnCallPage />
      </Suspense>
    );
  }
  if (page === 'postmortems' && canPostmortems) {
    return (
      <Suspense fallback={<LoadingBlock />}>
        <PostmortemsPage />
      </Suspense>
    );
  }
  if (page === 'drills' && canDrills) {
    return (
      <Suspense fallback={<LoadingBlock />}>
        <DrillsPage />
      </Suspense>
    );
  }
  if (page === 'runbooks' && canRunbooks) return <RunbooksPage />;
  if (page === 'audit' && canAudit) return <AuditPage />;
  if (page === 'fleet' && canFleet) return <FleetPage />;
  if (page === 'slo' && canSlo) return <SloPage />;
  if (page === 'alerts' && canSlo) return <AlertsPage />;
  if (page === 'sla' && canSlo) return <SlaPage />;
  if (page === 'changes' && canFleet)
    return (
      <Suspense fallback={<LoadingBlock />}>
        <ChangesPage />
      </Suspense>
    );
  if (page === 'experiments' && canFleet)
    return (
      <Suspense fallback={<LoadingBlock />}>
        <ExperimentsPage />
      </Suspense>
    );
  if (page === 'settings') return <SettingsPage />;
  return <OverviewPage />;
}

export function AppShell() {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const lockAfterMinutes = useAppStore((s) => s.session?.lockAfterMinutes ?? null);
  const paletteOpen = useAppStore((s) => s.paletteOpen);

  const lockForInactivity = useCallback(
    () => void store.getState().lockSession('inactivity'),
    [store],
  );
  useIdleLock(lockAfterMinutes, lockForInactivity);
  useIncidentCountsInTitle();

  const canIncidents = useAppStore(selectCan('incidents.read'));
  useEffect(() => {
    // A failed fetch is left to the first open, which tries again and shows what went wrong.
    if (canIncidents) preloadIncidentsPage().catch(() => undefined);
  }, [canIncidents]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        const { paletteOpen: open, setPaletteOpen } = store.getState();
        setPaletteOpen(!open);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <SideNav />
      <div className="shell-main">
        <DrillBanner />
        <PagingBar />
        <TopBar />
        <main id="main" className="content" tabIndex={-1}>
          <CurrentPage />
        </main>
      </div>
      {paletteOpen && <CommandPalette />}
    </div>
  );
}
