// One time-series chart of a host, GPU or model service: fetches its history for the selected
// range, follows fleet.changed in live mode, and says in data-* attributes what it drew.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart.tsx';
import {
  timeSeriesOption,
  type ChartSeries,
  type Threshold,
} from '../../charts/timeSeriesOption.ts';
import { useAppStore } from '../../store/index.ts';
import { selectFleetRange } from '../../store/fleetSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { METRIC, SHADED_REASONS, type ChartSpec } from './metrics.ts';
import { reasonBands, transformPoints } from './seriesTransforms.ts';
import { ReasonLegend } from './ReasonLegend.tsx';
import { useFleetSeries, type SeriesRequest } from './useFleetSeries.ts';

interface SeriesChartProps {
  hostId: number;
  spec: ChartSpec;
  labels: Record<string, string>;
  thresholds?: readonly Threshold[];
}

/** About one point per pixel (the backend thins with LTTB); rounded so a small resize does not refetch. */
const pointsFor = (width: number) => Math.min(10_000, Math.max(60, Math.round(width / 100) * 100));

/** A counter's rate is exact between each bucket's last samples; between bucket means it is not. */
const counter = (metric: string, labels: Record<string, string>): SeriesRequest => ({
  metric,
  labels,
  bucketValue: 'last',
});

function requestsOf(spec: ChartSpec, labels: Record<string, string>): SeriesRequest[] {
  const requests: SeriesRequest[] = spec.lines.map((l) =>
    l.transform === 'rate' || l.transform === 'errorPercent'
      ? counter(l.metric, labels)
      : { metric: l.metric, labels },
  );
  if (spec.lines.some((l) => l.transform === 'errorPercent'))
    requests.push(counter(METRIC.requests, labels));
  // A bucket's mean of a bitmask decodes to nothing: long ranges read each bucket's last mask.
  if (spec.clockReasons)
    requests.push({ metric: METRIC.gpuClockReasons, labels, bucketValue: 'last' });
  return requests;
}

export function SeriesChart({ hostId, spec, labels, thresholds }: SeriesChartProps) {
  const { t } = useTranslation();
  const range = useAppStore(selectFleetRange);
  const theme = useAppStore((s) => s.theme);
  const language = useAppStore((s) => s.language);
  const timeZone = useAppStore(selectTimeZone);
  const [width, setWidth] = useState<number | null>(null);
  const requests = useMemo(() => requestsOf(spec, labels), [spec, labels]);
  const series = useFleetSeries(hostId, requests, range, width === null ? null : pointsFor(width));

  const drawn = useMemo(() => {
    const data = series.data;
    if (!data) return null;
    const pointsOf = (metric: string) =>
      data[requests.findIndex((r) => r.metric === metric)]?.points ?? [];
    const lines: ChartSeries[] = spec.lines.map((line) => ({
      name: t(line.nameKey),
      area: spec.area,
      points: transformPoints(
        line.transform ?? 'none',
        pointsOf(line.metric),
        pointsOf(METRIC.requests),
      ),
    }));
    const bands = spec.clockReasons
      ? reasonBands(
          pointsOf(METRIC.gpuClockReasons),
          SHADED_REASONS.map((r) => ({
            bit: r.bit,
            tone: r.tone,
            label: t(`fleet.clockReasons.${r.bit}`, { defaultValue: r.name }),
          })),
        )
      : [];
    const window = data[0];
    return {
      lines,
      bands,
      isRollup: window !== undefined && window.source !== 'raw',
      fromMs: window?.fromMs,
      toMs: window?.toMs,
      points: lines[0]?.points.length ?? 0,
      lastTs: lines[0]?.points.at(-1)?.[0] ?? null,
    };
  }, [series.data, requests, spec, t]);

  const option = useMemo(
    () =>
      timeSeriesOption(drawn?.lines ?? [], {
        unit: spec.unit,
        min: spec.min,
        max: spec.max,
        fromMs: drawn?.fromMs,
        toMs: drawn?.toMs,
        thresholds,
        bands: drawn?.bands,
        bandsTitle: t(drawn?.isRollup ? 'fleet.charts.reasonsAtBucketEnd' : 'fleet.charts.reasons'),
        widthPx: width ?? undefined,
        rtl: language === 'ar',
        locale: language === 'ar' ? 'ar-AE' : 'en-GB',
        timeZone,
      }),
    [drawn, spec, thresholds, language, timeZone, t, width],
  );

  const title = t(spec.titleKey);
  return (
    <section
      className="fleet-chart"
      aria-label={title}
      data-testid="fleet-chart"
      data-metric={spec.key}
      data-points={drawn?.points ?? 0}
      data-bands={drawn?.bands.length ?? 0}
      data-last-ts={drawn?.lastTs ?? ''}
      data-status={series.status}
    >
      <header className="fleet-chart-header">
        <h3 className="fleet-chart-title">{title}</h3>
        {series.status === 'loading' && <Spinner size="sm" />}
      </header>
      {series.error && <ErrorNotice error={series.error} />}
      {drawn && drawn.points === 0 && (
        <p className="fleet-chart-empty">{t('fleet.charts.noData')}</p>
      )}
      <EChart
        option={option}
        theme={theme}
        ariaLabel={title}
        onWidth={setWidth}
        className="fleet-chart-canvas"
      />
      {drawn && drawn.bands.length > 0 && (
        <ReasonLegend bands={drawn.bands} isRollup={drawn.isRollup} />
      )}
    </section>
  );
}
