// The operations home, the first page after sign-in: what needs attention now (open incidents by
// priority, firing alerts, who is on call, fleet health, the SLOs burning fastest) and, on its
// second tab, how fast incidents are detected, acknowledged and resolved. The site's facts follow.
import '../../styles/fleet.css';
import '../../styles/operations.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectOverview } from '../../store/overviewSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import type { OverviewTab } from '../../store/operationsSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { BurningSlosCard } from '../operations/BurningSlosCard.tsx';
import { FiringAlertsCard } from '../operations/FiringAlertsCard.tsx';
import { FleetHealthCard } from '../operations/FleetHealthCard.tsx';
import { MttxDashboard } from '../operations/MttxDashboard.tsx';
import { OnCallCard } from '../operations/OnCallCard.tsx';
import { OpenIncidentsCard } from '../operations/OpenIncidentsCard.tsx';
import { SiteFacts } from './SiteFacts.tsx';

function useHomeData() {
  const canIncidents = useAppStore(selectCan('incidents.read'));
  const canFleet = useAppStore(selectCan('fleet.read'));
  const canSlo = useAppStore(selectCan('slo.read'));
  const loadCounts = useAppStore((s) => s.loadOpsCounts);
  const loadFiring = useAppStore((s) => s.loadOpsFiring);
  const loadFleet = useAppStore((s) => s.loadOpsFleet);
  const loadOnCall = useAppStore((s) => s.loadOpsOnCall);
  const loadSlos = useAppStore((s) => s.loadSlos);
  useEffect(() => {
    if (canIncidents) void Promise.all([loadCounts(), loadFiring(), loadOnCall()]);
    if (canFleet) void loadFleet();
    if (canSlo) void loadSlos();
  }, [canIncidents, canFleet, canSlo, loadCounts, loadFiring, loadOnCall, loadFleet, loadSlos]);
  return { canIncidents, canFleet, canSlo };
}

function NowTab() {
  const { canIncidents, canFleet, canSlo } = useHomeData();
  return (
    <div className="home-grid" data-testid="home-now">
      <div className="home-column">
        {canIncidents && <OpenIncidentsCard />}
        {canSlo && <BurningSlosCard />}
        {canFleet && <FleetHealthCard />}
      </div>
      <div className="home-column">
        {canIncidents && <FiringAlertsCard />}
        {canIncidents && <OnCallCard />}
      </div>
    </div>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const overview = useAppStore(selectOverview);
  const loadOverview = useAppStore((s) => s.loadOverview);
  const tab = useAppStore((s) => s.overviewTab);
  const setTab = useAppStore((s) => s.setOverviewTab);
  const canIncidents = useAppStore(selectCan('incidents.read'));
  const active: OverviewTab = canIncidents ? tab : 'now';
  const data = overview.data;

  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  return (
    <div className="page home-page" data-testid="home-page">
      <PageHeader
        title={t('operations.title')}
        subtitle={data ? t('operations.subtitle', { site: data.siteName }) : undefined}
      />
      {canIncidents && (
        <Tabs
          label={t('operations.tabs.label')}
          active={active}
          onChange={setTab}
          items={[
            { key: 'now', label: t('operations.tabs.now'), testId: 'home-tab-now' },
            { key: 'mttx', label: t('operations.tabs.mttx'), testId: 'home-tab-mttx' },
          ]}
        />
      )}
      <div
        role="tabpanel"
        id={`tabpanel-${active}`}
        aria-labelledby={canIncidents ? `tab-${active}` : undefined}
        className="tab-content"
      >
        {active === 'now' ? <NowTab /> : <MttxDashboard />}
      </div>
      {overview.error && <ErrorNotice error={overview.error} onRetry={() => void loadOverview()} />}
      {!data && overview.status === 'loading' && <LoadingBlock />}
      {data && active === 'now' && <SiteFacts data={data} />}
    </div>
  );
}
