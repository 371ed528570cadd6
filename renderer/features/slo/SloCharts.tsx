// The SLO charts (SLI against the objective, budget burn-down) in one frame each, with data-*
// attributes saying what was drawn, so tests and screenshots can check it without a canvas.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart.tsx';
import {
  burnDownOption,
  sliChartOption,
  type TimeMarker,
  type TimePoint,
} from '../../charts/sloOptions.ts';
import type { TimeBand } from '../../charts/timeSeriesOption.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';

export function useChartLocale() {
  const language = useAppStore((s) => s.language);
  const timeZone = useAppStore(selectTimeZone);
  return useMemo(
    () => ({ rtl: language === 'ar', locale: language === 'ar' ? 'ar-AE' : 'en-GB', timeZone }),
    [language, timeZone],
  );
}

interface FrameProps {
  title: string;
  testId: string;
  points: number;
  extra?: Record<string, string | number>;
  /** Spans the whole row of the chart grid. */
  wide?: boolean;
  children: ReactNode;
}

function ChartFrame({ title, testId, points, extra, wide, children }: FrameProps) {
  const { t } = useTranslation();
  const data = Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <section
      className={`fleet-chart slo-chart${wide ? ' slo-chart-wide' : ''}`}
      aria-label={title}
      data-testid={testId}
      data-points={points}
      {...data}
    >
      <header className="fleet-chart-header">
        <h3 className="fleet-chart-title">{title}</h3>
      </header>
      {points === 0 && <p className="fleet-chart-empty">{t('slo.charts.noData')}</p>}
      {children}
    </section>
  );
}

interface SliChartProps {
  title: string;
  points: readonly TimePoint[];
  objective: number | null;
  objectiveLabel?: string;
  bands?: readonly TimeBand[];
  markers?: readonly TimeMarker[];
  fromMs?: number;
  toMs?: number;
  testId?: string;
  compact?: boolean;
  wide?: boolean;
}

export function SliChart({
  title,
  points,
  objective,
  objectiveLabel,
  bands,
  markers,
  fromMs,
  toMs,
  testId = 'slo-sli-chart',
  compact,
  wide,
}: SliChartProps) {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const chartLocale = useChartLocale();
  const option = useMemo(
    () =>
      sliChartOption({
        name: t('slo.charts.sli'),
        points,
        objective,
        objectiveLabel: objectiveLabel ?? t('slo.charts.objective'),
        bands,
        bandsTitle: t('slo.charts.alerting'),
        markers,
        fromMs,
        toMs,
        ...chartLocale,
      }),
    [t, points, objective, objectiveLabel, bands, markers, fromMs, toMs, chartLocale],
  );
  const drawn = points.filter((p) => p.value !== null);
  const last = drawn.at(-1)?.value;
  return (
    <ChartFrame
      title={title}
      testId={testId}
      points={drawn.length}
      wide={wide}
      extra={{ bands: bands?.length ?? 0, markers: markers?.length ?? 0, last: last ?? '' }}
    >
      <EChart
        option={option}
        theme={theme}
        ariaLabel={title}
        className={compact ? 'slo-chart-canvas-sm' : 'slo-chart-canvas'}
      />
    </ChartFrame>
  );
}

export function BurnDownChart({
  points,
  fromMs,
  toMs,
}: {
  points: readonly TimePoint[];
  fromMs?: number;
  toMs?: number;
}) {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const chartLocale = useChartLocale();
  const title = t('slo.charts.burnDown');
  const option = useMemo(
    () =>
      burnDownOption({
        name: t('slo.charts.budgetLeft'),
        points,
        zeroLabel: t('slo.charts.exhausted'),
        fromMs,
        toMs,
        ...chartLocale,
      }),
    [t, points, fromMs, toMs, chartLocale],
  );
  return (
    <ChartFrame
      title={title}
      testId="slo-burndown-chart"
      points={points.filter((p) => p.value !== null).length}
    >
      <EChart option={option} theme={theme} ariaLabel={title} className="slo-chart-canvas" />
    </ChartFrame>
  );
}
