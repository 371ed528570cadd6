// One GPU over time: utilisation, memory, temperature, power against its limit, clocks with the
// reasons they were held back, and ECC error counts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Threshold } from '../../charts/timeSeriesOption.ts';
import { useAppStore } from '../../store/index.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Button } from '../../ui/Button.tsx';
import { HostStateBadge, SimulatedMark } from './HostBadges.tsx';
import { gpuIndexOf } from './HostDetail.tsx';
import { formatSignal } from './hostFormat.ts';
import { GPU_CHARTS, METRIC, toGiB } from './metrics.ts';
import { RangePicker } from './RangePicker.tsx';
import { SeriesChart } from './SeriesChart.tsx';

export function GpuDetail({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const { hostId, gpu } = useAppStore((s) => s.fleetView);
  const remote = useAppStore((s) => s.fleetHostDetail);
  const load = useAppStore((s) => s.loadFleetHost);
  const detail = remote.data?.host.id === hostId ? remote.data : null;
  const position = detail?.gpus.findIndex((g) => g.gpu === gpu) ?? -1;
  const reading = position >= 0 ? detail?.gpus[position] : undefined;
  const index = reading ? gpuIndexOf(reading, position) : (gpu ?? '');
  const powerLimit = reading?.metrics[METRIC.gpuPowerLimit];
  const memoryTotal = reading?.metrics[METRIC.gpuMemTotal];

  // Limits come from the latest reading: stable values, drawn as dashed lines across the range.
  const thresholds = useMemo(() => {
    const byChart: Record<string, Threshold[]> = {};
    if (powerLimit !== undefined)
      byChart[METRIC.gpuPower] = [
        { value: powerLimit, label: t('fleet.charts.powerLimit'), tone: 'danger' },
      ];
    if (memoryTotal !== undefined)
      byChart[METRIC.gpuMemUsed] = [
        { value: toGiB(memoryTotal), label: t('fleet.charts.memoryTotal'), tone: 'muted' },
      ];
    return byChart;
  }, [powerLimit, memoryTotal, t]);

  return (
    <div
      className="fleet-detail"
      data-testid="fleet-gpu-detail"
      data-host-id={hostId ?? undefined}
      data-gpu={gpu ?? undefined}
    >
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={onBack} data-testid="fleet-back">
            {t('fleet.backToHost', { host: detail?.host.name ?? '' })}
          </Button>
          <h1 className="page-title fleet-title">
            <span>{t('fleet.gpuN', { index })}</span>
            {detail && <span className="muted">{detail.host.name}</span>}
            {detail?.host.simulated && <SimulatedMark />}
            {detail && <HostStateBadge state={detail.host.state} />}
          </h1>
          {reading && (
            <p className="page-subtitle">
              {reading.name ?? reading.labels.modelName ?? ''}{' '}
              <span className="mono" dir="ltr">
                {reading.labels.uuid ?? reading.gpu}
              </span>
            </p>
          )}
        </div>
        <div className="page-actions">
          <RangePicker />
        </div>
      </header>
      {remote.error && hostId !== null && (
        <ErrorNotice error={remote.error} onRetry={() => void load(hostId)} />
      )}
      {!detail && remote.status === 'loading' && <LoadingBlock />}
      {detail && !reading && <p className="muted">{t('fleet.gpu.missing')}</p>}
      {detail && reading && (
        <>
          <dl className="fleet-gpu-facts">
            <div>
              <dt>{t('fleet.charts.gpuUtil')}</dt>
              <dd dir="ltr">{formatSignal(reading.metrics[METRIC.gpuUtil], '%')}</dd>
            </div>
            <div>
              <dt>{t('fleet.charts.gpuTemp')}</dt>
              <dd dir="ltr">{formatSignal(reading.metrics[METRIC.gpuTemp], '°C')}</dd>
            </div>
            <div>
              <dt>{t('fleet.charts.gpuPower')}</dt>
              <dd dir="ltr">
                {formatSignal(reading.metrics[METRIC.gpuPower], 'W')} /{' '}
                {formatSignal(powerLimit, 'W')}
              </dd>
            </div>
            <div>
              <dt>{t('fleet.charts.eccUncorrected')}</dt>
              <dd dir="ltr">{formatSignal(reading.metrics[METRIC.gpuEccUncorrected], '')}</dd>
            </div>
          </dl>
          <section className="fleet-charts" aria-label={t('fleet.detail.charts')}>
            {GPU_CHARTS.map((spec) => (
              <SeriesChart
                key={spec.key}
                hostId={detail.host.id}
                spec={spec}
                labels={reading.labels}
                thresholds={thresholds[spec.key]}
              />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
