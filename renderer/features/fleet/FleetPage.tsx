// The Fleet view: sites → clusters → hosts → GPUs. The route (host, GPU) lives in the store, so
// Escape and the back button step up one level and the palette can open the enrol dialog.
import '../../styles/fleet.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useEscapeBack } from '../../app/useEscapeBack.ts';
import type { AppState } from '../../store/appState.ts';
import { useAppStore } from '../../store/index.ts';
import type { HostState } from '../../../shared/domain/fleet/hostStates.ts';
import { selectFleetHosts } from '../../store/fleetSlice.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { EnrolDialog } from './EnrolDialog.tsx';
import { RemoveDemoDialog } from './RemoveDemoDialog.tsx';
import { FleetEmpty } from './FleetEmpty.tsx';
import { ClusterList, FleetCounts } from './FleetOverview.tsx';
import { GpuDetail } from './GpuDetail.tsx';
import { HostDetail } from './HostDetail.tsx';
import { HostTable } from './HostTable.tsx';

const fleetBackStep = (s: AppState) =>
  s.fleetEnrolOpen || s.fleetView.hostId === null ? null : s.fleetBack;

function useFleetRoute() {
  const view = useAppStore((s) => s.fleetView);
  const loadHost = useAppStore((s) => s.loadFleetHost);
  useEffect(() => {
    if (view.hostId !== null) void loadHost(view.hostId);
  }, [view.hostId, loadHost]);
  useEscapeBack(fleetBackStep);
  return view;
}

function FleetList({ onEnrol }: { onEnrol: () => void }) {
  const { t } = useTranslation();
  const hosts = useAppStore(selectFleetHosts);
  const load = useAppStore((s) => s.loadFleet);
  const openHost = useAppStore((s) => s.openFleetHost);
  const canManage = useAppStore(selectCan('fleet.manage'));
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const [text, setText] = useState('');
  const [state, setState] = useState<HostState | null>(null);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (hosts.data ?? []).filter(
      (h) =>
        (!state || h.state === state) &&
        (!needle ||
          h.name.toLowerCase().includes(needle) ||
          h.clusterName.toLowerCase().includes(needle) ||
          h.address.includes(needle)),
    );
  }, [hosts.data, text, state]);

  if (hosts.error && !hosts.data)
    return <ErrorNotice error={hosts.error} onRetry={() => void load()} testId="fleet-error" />;
  if (!hosts.data) return <LoadingBlock />;
  if (hosts.data.length === 0) return <FleetEmpty canManage={canManage} onEnrol={onEnrol} />;
  return (
    <>
      {hosts.error && (
        <ErrorNotice error={hosts.error} onRetry={() => void load()} testId="fleet-error" />
      )}
      <FleetCounts filter={state} onFilter={setState} />
      <ClusterList />
      <section className="fleet-hosts" aria-label={t('fleet.hosts')}>
        <div className="fleet-hosts-bar">
          <h2 className="panel-subtitle">
            {t('fleet.hosts')}{' '}
            <span className="muted">
              {t('fleet.showing', {
                shown: formatNumber(shown.length, language),
                total: formatNumber(hosts.data.length, language),
              })}
            </span>
          </h2>
          <input
            className="input fleet-search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('fleet.search')}
            aria-label={t('fleet.search')}
            data-testid="fleet-search"
          />
        </div>
        <HostTable hosts={shown} timeZone={timeZone} language={language} onOpen={openHost} />
      </section>
    </>
  );
}

export function FleetPage() {
  const { t } = useTranslation();
  const view = useFleetRoute();
  const loadFleet = useAppStore((s) => s.loadFleet);
  const loadClusters = useAppStore((s) => s.loadFleetClusters);
  const back = useAppStore((s) => s.fleetBack);
  const canManage = useAppStore(selectCan('fleet.manage'));
  const enrolOpen = useAppStore((s) => s.fleetEnrolOpen);
  const setEnrolOpen = useAppStore((s) => s.setFleetEnrolOpen);
  const hostCount = useAppStore((s) => s.fleetHosts.data?.length ?? null);
  const simulatedCount = useAppStore(
    (s) => s.fleetHosts.data?.filter((h) => h.simulated).length ?? 0,
  );
  const [removeDemoOpen, setRemoveDemoOpen] = useState(false);

  useEffect(() => {
    void loadFleet();
    void loadClusters();
  }, [loadFleet, loadClusters]);

  const openEnrol = () => setEnrolOpen(true);
  let body;
  if (view.hostId !== null && view.gpu !== null) body = <GpuDetail onBack={back} />;
  else if (view.hostId !== null) body = <HostDetail onBack={back} />;
  else {
    body = (
      <>
        <PageHeader
          title={t('fleet.title')}
          subtitle={t('fleet.subtitle')}
          actions={
            canManage && hostCount !== null && hostCount > 0 ? (
              <>
                {simulatedCount > 0 && (
                  <Button
                    variant="ghost"
                    onClick={() => setRemoveDemoOpen(true)}
                    data-testid="fleet-remove-demo"
                  >
                    {t('simulatedData.demo.remove')}
                  </Button>
                )}
                <Button variant="primary" onClick={openEnrol} data-testid="fleet-enrol">
                  {t('fleet.enrol.open')}
                </Button>
              </>
            ) : undefined
          }
        />
        <FleetList onEnrol={openEnrol} />
      </>
    );
  }

  return (
    <div className="page fleet-page" data-testid="fleet-page">
      {body}
      {enrolOpen && canManage && <EnrolDialog onClose={() => setEnrolOpen(false)} />}
      {removeDemoOpen && canManage && (
        <RemoveDemoDialog hosts={simulatedCount} onClose={() => setRemoveDemoOpen(false)} />
      )}
    </div>
  );
}
