// A GPU cluster at a glance: hosts × GPU index, coloured by utilisation or temperature. The cells
// are canvas; a click opens that GPU's detail (the host's GPU list is the accessible route).
// Readings come from one fleet.gpus call per cluster, never one call per host.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetGpu, FleetHost } from '../../../shared/ipc/contract.ts';
import { EChart, type ChartClick } from '../../charts/EChart.tsx';
import { heatmapOption, type HeatmapCell } from '../../charts/heatmapOption.ts';
import { useAppStore } from '../../store/index.ts';
import type { ClusterSummary, HeatmapMetric } from '../../store/fleetSlice.ts';
import { selectClusterGpus, selectClusterGpusError } from '../../store/fleetGpusSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

const SCALE: Record<
  HeatmapMetric,
  { field: 'utilizationPercent' | 'temperatureC'; unit: string; min: number; max: number }
> = {
  utilization: { field: 'utilizationPercent', unit: '%', min: 0, max: 100 },
  temperature: { field: 'temperatureC', unit: '°C', min: 30, max: 90 },
};

export interface HeatmapData {
  hostLabels: string[];
  gpuLabels: string[];
  cells: HeatmapCell[];
  /** [row][column] → which host and GPU a clicked cell is. */
  targets: { hostId: number; gpus: string[] }[];
}

/** What a heatmap row shows of its host: the list's live signals are not among it. */
export type HeatmapHost = Pick<FleetHost, 'id' | 'name' | 'simulated' | 'gpuCount'>;

/**
 * The cluster's hosts as the heatmap draws them, the same array until one of those facts changes:
 * the list refreshes every second with new signals, and each new array would redraw 1,600 cells.
 */
function useHeatmapHosts(hosts: readonly FleetHost[]): readonly HeatmapHost[] {
  const key = hosts
    .map((h) => `${h.id}\u0001${h.name}\u0001${h.simulated ? 1 : 0}\u0001${h.gpuCount}`)
    .join('\u0002');
  const pick = () =>
    hosts.map(({ id, name, simulated, gpuCount }) => ({ id, name, simulated, gpuCount }));
  const [kept, setKept] = useState(() => ({ key, rows: pick() }));
  if (kept.key === key) return kept.rows;
  // Derived state from props: React re-renders at once with the new rows (no effect round-trip).
  const next = { key, rows: pick() };
  setKept(next);
  return next.rows;
}

/** Built once per change of hosts, readings or metric; pure so it can be measured and tested. */
export function buildHeatmapData(
  hosts: readonly HeatmapHost[],
  gpus: readonly FleetGpu[],
  metric: HeatmapMetric,
  simulatedLabel: string,
  gpuLabel: (index: number) => string,
): HeatmapData {
  const field = SCALE[metric].field;
  const byHost = new Map<number, FleetGpu[]>();
  for (const gpu of gpus) {
    const list = byHost.get(gpu.hostId);
    if (list) list.push(gpu);
    else byHost.set(gpu.hostId, [gpu]);
  }
  const hostLabels: string[] = [];
  const cells: HeatmapCell[] = [];
  const targets: HeatmapData['targets'] = [];
  let columns = 0;
  hosts.forEach((host, row) => {
    const readings = byHost.get(host.id) ?? [];
    hostLabels.push(host.simulated ? `${host.name} · ${simulatedLabel}` : host.name);
    targets.push({ hostId: host.id, gpus: readings.map((r) => r.gpu) });
    columns = Math.max(columns, readings.length, host.gpuCount);
    readings.forEach((reading, column) => cells.push([column, row, reading[field]]));
  });
  return {
    hostLabels,
    gpuLabels: Array.from({ length: columns }, (_, i) => gpuLabel(i)),
    cells,
    targets,
  };
}

export function GpuHeatmap({
  cluster,
  metric,
}: {
  cluster: ClusterSummary;
  metric: HeatmapMetric;
}) {
  const { t } = useTranslation();
  const gpus = useAppStore(useMemo(() => selectClusterGpus(cluster.id), [cluster.id]));
  const error = useAppStore(useMemo(() => selectClusterGpusError(cluster.id), [cluster.id]));
  const load = useAppStore((s) => s.loadFleetGpus);
  const openGpu = useAppStore((s) => s.openFleetGpu);
  const theme = useAppStore((s) => s.theme);
  const rtl = useAppStore((s) => s.language === 'ar');

  const hosts = useHeatmapHosts(cluster.hosts);
  // Asks again only when the cluster's rows change; later readings arrive through fleet.changed.
  useEffect(() => {
    void load(cluster.id, { quiet: true });
  }, [cluster.id, hosts, load]);

  const data = useMemo(
    () =>
      buildHeatmapData(hosts, gpus, metric, t('fleet.simulated'), (i) =>
        t('fleet.gpuN', { index: i }),
      ),
    [hosts, gpus, metric, t],
  );
  const scale = SCALE[metric];
  const option = useMemo(
    () => heatmapOption({ ...data, unit: scale.unit, min: scale.min, max: scale.max, rtl }),
    [data, scale, rtl],
  );
  const onClick = ({ value }: ChartClick) => {
    const [column, row] = (value as HeatmapCell | undefined) ?? [];
    const target = row === undefined ? undefined : data.targets[row];
    const gpu = column === undefined ? undefined : target?.gpus[column];
    if (target && gpu !== undefined) openGpu(target.hostId, gpu);
  };

  const height = Math.min(900, Math.max(156, data.hostLabels.length * 16 + 88));
  return (
    <div
      className="fleet-heatmap"
      data-testid="fleet-heatmap"
      data-cluster-id={cluster.id}
      data-cells={data.cells.length}
      data-metric={metric}
    >
      {error && <ErrorNotice error={error} onRetry={() => void load(cluster.id)} />}
      <EChart
        option={option}
        theme={theme}
        ariaLabel={t('fleet.heatmap.label', {
          cluster: cluster.name,
          metric: t(`fleet.heatmap.${metric}`),
        })}
        onItemClick={onClick}
        className="fleet-heatmap-canvas"
        style={{ height }}
      />
    </div>
  );
}
