// Health at a glance: hosts by connection state (each a filter for the table), then every cluster
// with its hosts' states and, for GPU clusters, the GPU heatmap.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { HOST_STATES, type HostState } from '../../../shared/domain/fleet/hostStates.ts';
import {
  selectClusterSummaries,
  selectFleetCounts,
  type HeatmapMetric,
} from '../../store/fleetSlice.ts';
import { STATE_TONE } from './HostBadges.tsx';
import { GpuHeatmap } from './GpuHeatmap.tsx';
import { clusterDisplayName, siteDisplayName } from './systemNames.ts';

const SHOWN_STATES: HostState[] = ['online', 'silent', 'offline', 'refused', 'revoked'];

export function FleetCounts({
  filter,
  onFilter,
}: {
  filter: HostState | null;
  onFilter: (state: HostState | null) => void;
}) {
  const { t } = useTranslation();
  const counts = useAppStore(selectFleetCounts);
  const language = useAppStore((s) => s.language);
  const states =
    counts.byState.connecting > 0 ? (['connecting', ...SHOWN_STATES] as HostState[]) : SHOWN_STATES;
  return (
    <div className="fleet-counts" role="group" aria-label={t('fleet.countsLabel')}>
      <div className="fleet-count fleet-count-total">
        <span className="fleet-count-value">{formatNumber(counts.total, language)}</span>
        <span className="fleet-count-label">{t('fleet.hostsTotal')}</span>
        <span className="fleet-count-note">
          {t('fleet.gpusTotal', {
            count: counts.gpus,
            formatted: formatNumber(counts.gpus, language),
          })}
          {counts.simulated > 0 &&
            ` · ${t('fleet.simulatedCount', { count: counts.simulated, formatted: formatNumber(counts.simulated, language) })}`}
        </span>
      </div>
      {states.map((state) => (
        <button
          key={state}
          type="button"
          className={`fleet-count fleet-count-${STATE_TONE[state]}`}
          aria-pressed={filter === state}
          onClick={() => onFilter(filter === state ? null : state)}
          data-testid="fleet-count"
          data-state={state}
          data-count={counts.byState[state]}
        >
          <span className="fleet-count-value">{formatNumber(counts.byState[state], language)}</span>
          <span className="fleet-count-label">{t(`fleet.states.${state}`)}</span>
        </button>
      ))}
    </div>
  );
}

export function ClusterList() {
  const { t } = useTranslation();
  const clusters = useAppStore(useShallow(selectClusterSummaries));
  const metric = useAppStore((s) => s.fleetHeatmapMetric);
  const setMetric = useAppStore((s) => s.setFleetHeatmapMetric);
  const language = useAppStore((s) => s.language);
  if (clusters.length === 0) return null;
  // Sites → clusters: clusters grouped under their site, sites in name order, unnamed site last.
  const sites = [...new Set(clusters.map((c) => c.site))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  return (
    <section className="fleet-clusters" aria-label={t('fleet.clusters')}>
      {sites.map((site) => (
        <div key={site} className="fleet-site" data-testid="fleet-site" data-site={site}>
          <h2 className="fleet-site-name">
            <bdi>{site ? siteDisplayName(site, t) : t('fleet.noSite')}</bdi>
          </h2>
          {clusters
            .filter((c) => c.site === site)
            .map((cluster) => (
              <article
                key={cluster.id}
                className="panel fleet-cluster"
                data-testid="fleet-cluster"
                data-cluster-id={cluster.id}
              >
                <header className="panel-header">
                  <div>
                    <h3 className="fleet-cluster-name">
                      <bdi>{clusterDisplayName(cluster.name, t)}</bdi>
                    </h3>
                    <p className="muted">
                      {t(`fleet.clusterKinds.${cluster.kind}`)}
                      {' · '}
                      {t('fleet.hostCount', {
                        count: cluster.hosts.length,
                        formatted: formatNumber(cluster.hosts.length, language),
                      })}
                      {cluster.gpus > 0 &&
                        ` · ${t('fleet.gpusTotal', { count: cluster.gpus, formatted: formatNumber(cluster.gpus, language) })}`}
                    </p>
                  </div>
                  <ul className="fleet-cluster-states">
                    {HOST_STATES.filter((s) => cluster.byState[s] > 0).map((s) => (
                      <li key={s} className={`badge badge-${STATE_TONE[s]}`}>
                        {t(`fleet.states.${s}`)}: {formatNumber(cluster.byState[s], language)}
                      </li>
                    ))}
                  </ul>
                </header>
                {cluster.kind === 'gpu_cluster' && cluster.hosts.length > 0 && (
                  <>
                    <div
                      className="segmented"
                      role="group"
                      aria-label={t('fleet.heatmap.colourBy')}
                    >
                      {(['utilization', 'temperature'] as HeatmapMetric[]).map((m) => (
                        <button
                          key={m}
                          type="button"
                          className="segment"
                          aria-pressed={metric === m}
                          onClick={() => setMetric(m)}
                          data-testid="fleet-heatmap-metric"
                          data-metric={m}
                        >
                          {t(`fleet.heatmap.${m}`)}
                        </button>
                      ))}
                    </div>
                    <GpuHeatmap cluster={cluster} metric={metric} />
                  </>
                )}
              </article>
            ))}
        </div>
      ))}
    </section>
  );
}
