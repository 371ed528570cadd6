// A GPU cluster at a glance: hosts × GPU index, coloured by utilisation or temperature. The cells
// are canvas; a click opens that GPU's detail (the host's GPU list is the accessible route).
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartClick } from '../../charts/EChart.tsx';
import { heatmapOption, type HeatmapCell } from '../../charts/heatmapOption.ts';
import { useAppStore } from '../../store/index.ts';
import type { ClusterSummary, GpuReading, HeatmapMetric } from '../../store/fleetSlice.ts';
import { METRIC } from './metrics.ts';

const SCALE: Record<HeatmapMetric, { metric: string; unit: string; min: number; max: number }> = {
  utilization: { metric: METRIC.gpuUtil, unit: '%', min: 0, max: 100 },
  temperature: { metric: METRIC.gpuTemp, unit: '°C', min: 30, max: 90 },
};

export interface HeatmapData {
  hostLabels: string[];
  gpuLabels: string[];
  cells: HeatmapCell[];
  /** [row][column] → which host and GPU a clicked cell is. */
  targets: { hostId: number; gpus: string[] }[];
}

/** Built once per change of hosts, readings or metric; pure so it can be measured and tested. */
export function buildHeatmapData(
  cluster: ClusterSummary,
  grid: Record<number, GpuReading[]>,
  metric: HeatmapMetric,
  simulatedLabel: string,
  gpuLabel: (index: number) => string,
): HeatmapData {
  const key = SCALE[metric].metric;
  const hostLabels: string[] = [];
  const cells: HeatmapCell[] = [];
  const targets: HeatmapData['targets'] = [];
  let columns = 0;
  cluster.hosts.forEach((host, row) => {
    const readings = grid[host.id] ?? [];
    hostLabels.push(host.simulated ? `${host.name} · ${simulatedLabel}` : host.name);
    targets.push({ hostId: host.id, gpus: readings.map((r) => r.gpu) });
    columns = Math.max(columns, readings.length, host.gpuCount);
    readings.forEach((reading, column) => cells.push([column, row, reading.metrics[key] ?? null]));
  });
  return { hostLabels, gpuLabels: Array.from({ length: columns }, (_, i) => gpuLabel(i)), cells, targets };
}

export function GpuHeatmap({ cluster, metric }: { cluster: ClusterSummary; metric: HeatmapMetric }) {
  const { t } = useTranslation();
  const grid = useAppStore((s) => s.fleetGpuGrid);
  const loadGrid = useAppStore((s) => s.loadGpuGrid);
  const openGpu = useAppStore((s) => s.openFleetGpu);
  const theme = useAppStore((s) => s.theme);
  const rtl = useAppStore((s) => s.language === 'ar');

  const hostIds = useMemo(() => cluster.hosts.map((h) => h.id), [cluster.hosts]);
  useEffect(() => {
    const missing = hostIds.filter((id) => !(id in grid));
    if (missing.length) void loadGrid(missing);
    // Only a change in the cluster's hosts asks here; later readings arrive through fleet.changed.
  }, [hostIds, loadGrid]);

  const data = useMemo(
    () => buildHeatmapData(cluster, grid, metric, t('fleet.simulated'), (i) => t('fleet.gpuN', { index: i })),
    [cluster, grid, metric, t],
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

  const height = Math.min(900, Math.max(140, data.hostLabels.length * 16 + 72));
  return (
    <div className="fleet-heatmap" data-testid="fleet-heatmap" data-cluster-id={cluster.id} data-cells={data.cells.length} data-metric={metric}>
      <EChart
        option={option}
        theme={theme}
        ariaLabel={t('fleet.heatmap.label', { cluster: cluster.name, metric: t(`fleet.heatmap.${metric}`) })}
        onItemClick={onClick}
        className="fleet-heatmap-canvas"
        style={{ height }}
      />
    </div>
  );
}
