// Pure option builders for the SLO charts, on top of the shared time-series builder: the SLI against
// its objective (alert intervals shaded, enforcement actions as vertical lines at their times) and
// the error-budget burn-down against its zero line. Values arrive as fractions and show as percent.
import { isolate, isolateLtr } from '../i18n/format.ts';
import { tooltipTime } from './timeFormat.ts';
import {
  timeSeriesOption,
  type Point,
  type TimeBand,
  type TimeSeriesOptions,
} from './timeSeriesOption.ts';
import { DEFAULT_PALETTE, type ChartOption } from './types.ts';

export interface TimePoint {
  t: number;
  value: number | null;
}

/** An instant on the time axis (an enforcement action), drawn as a labelled vertical line. */
export interface TimeMarker {
  tsMs: number;
  label: string;
  tone: 'accent' | 'success' | 'danger' | 'muted';
}

type Locale = Pick<TimeSeriesOptions, 'rtl' | 'locale' | 'timeZone' | 'palette'>;

/** Fractions → percent points; hours without data are left out (the line joins across them). */
export function percentPoints(points: readonly TimePoint[]): Point[] {
  const out: Point[] = [];
  for (const p of points)
    if (p.value !== null && Number.isFinite(p.value)) out.push([p.t, p.value * 100]);
  return out;
}

/** Spans from the floor up to 100 % that split into round ticks (ECharts picks 5 or so). */
const SPANS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/** A floor that shows the SLI's detail near 100 % instead of a flat line at the top of 0–100. */
export function percentFloor(points: readonly Point[], objectivePercent: number | null): number {
  let lo = objectivePercent ?? 100;
  for (const [, v] of points) lo = Math.min(lo, v);
  // Room below the lowest value (half its distance from 100 %), on a span that ticks evenly.
  const needed = (100 - lo) * 1.5;
  const span = SPANS.find((s) => s >= needed) ?? 100;
  return Math.max(0, Number((100 - span).toFixed(2)));
}

function withMarkers(
  option: ChartOption,
  markers: readonly TimeMarker[],
  locale: Locale,
): ChartOption {
  if (markers.length === 0 || !Array.isArray(option.series)) return option;
  const p = locale.palette ?? DEFAULT_PALETTE;
  const colour = (tone: TimeMarker['tone']) =>
    tone === 'success'
      ? p.success
      : tone === 'danger'
        ? p.danger
        : tone === 'accent'
          ? p.accent
          : p.textMuted;
  const [first, ...rest] = option.series;
  if (!first || first.type !== 'line') return option;
  const lines = markers.map((m) => ({
    xAxis: m.tsMs,
    name: m.label,
    lineStyle: { color: colour(m.tone), type: 'solid' as const, width: 1.5 },
    label: { formatter: m.label, position: 'insideEndTop' as const, color: colour(m.tone) },
  }));
  const markLine = first.markLine ?? { silent: true, symbol: 'none' };
  return {
    ...option,
    series: [
      { ...first, markLine: { ...markLine, data: [...(markLine.data ?? []), ...lines] } },
      ...rest,
    ],
  };
}

/**
 * "99.9 %" stays "99.9 %" inside right-to-left canvas text (it would otherwise read "% 99.9"): each
 * figure with its unit is isolated left to right (a mark on each side is not enough: the space and
 * the sign still take the sentence's direction).
 */
export const ltrNumbers = (text: string): string =>
  text.replace(/-?\d[\d,.:]*(?:\s?(?:[%×]|[A-Za-z°][A-Za-z/°]*))?/g, (m) => isolateLtr(m));

const percentFormats = new Map<number, Intl.NumberFormat>();
/** Percentages with the precision objectives need: 99.95 % must not read as 100 %. */
export function formatPercentValue(value: number, digits: number): string {
  let f = percentFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    percentFormats.set(digits, f);
  }
  return `${f.format(value)} %`;
}

interface AxisTooltipParam {
  seriesName?: string;
  value?: unknown;
  axisValue?: unknown;
}

interface LabelOptions extends Locale {
  digits: number;
  bands: readonly TimeBand[];
  bandsTitle: string;
}

/**
 * Axis labels, tooltip and threshold labels in SLO precision (the shared builder rounds 99.95 to
 * 100); in Arabic each figure is kept with its unit, as the canvas draws text right to left.
 */
function withSloLabels(option: ChartOption, o: LabelOptions): ChartOption {
  const { yAxis, tooltip, series } = option;
  if (
    !yAxis ||
    Array.isArray(yAxis) ||
    yAxis.type !== 'value' ||
    !tooltip ||
    Array.isArray(tooltip) ||
    !Array.isArray(series)
  )
    return option;
  const text = (s: string) => (o.rtl ? ltrNumbers(s) : s);
  const name = (s: string) => (o.rtl ? isolate(s) : s);
  const figure = (v: number) =>
    o.rtl ? isolateLtr(formatPercentValue(v, o.digits)) : formatPercentValue(v, o.digits);
  const [first, ...rest] = series;
  const markLine = first?.type === 'line' ? first.markLine : undefined;
  const lines = markLine?.data?.map((d) => {
    if (Array.isArray(d) || typeof d !== 'object' || !d.label) return d;
    if (typeof d.yAxis === 'number')
      return {
        ...d,
        label: { ...d.label, formatter: `${name(d.name ?? '')}: ${figure(d.yAxis)}` },
      };
    return typeof d.label.formatter === 'string'
      ? { ...d, label: { ...d.label, formatter: text(d.label.formatter) } }
      : d;
  });
  const formatter = (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as AxisTooltipParam[];
    const ts = Number(list[0]?.axisValue ?? 0);
    const rows = list.map(
      (item) =>
        `${name(item.seriesName ?? '')}: ${figure(Number(Array.isArray(item.value) ? item.value[1] : item.value))}`,
    );
    const active = [
      ...new Set(o.bands.filter((b) => b.fromMs <= ts && ts <= b.toMs).map((b) => b.label)),
    ];
    if (active.length > 0)
      rows.push(`${o.bandsTitle ? `${o.bandsTitle}: ` : ''}${active.map(name).join(', ')}`);
    return [name(tooltipTime(o.locale, o.timeZone, ts)), ...rows].join('\n');
  };
  return {
    ...option,
    yAxis: { ...yAxis, axisLabel: { ...yAxis.axisLabel, formatter: figure } },
    tooltip: { ...tooltip, formatter },
    series:
      first && markLine && lines
        ? [{ ...first, markLine: { ...markLine, data: lines } }, ...rest]
        : series,
  };
}

export interface SliChartInput extends Locale {
  name: string;
  points: readonly TimePoint[];
  /** The objective (or an SLA's target) as a fraction. */
  objective: number | null;
  objectiveLabel: string;
  bands?: readonly TimeBand[];
  bandsTitle?: string;
  markers?: readonly TimeMarker[];
  fromMs?: number;
  toMs?: number;
}

export function sliChartOption(input: SliChartInput): ChartOption {
  const points = percentPoints(input.points);
  const objective = input.objective === null ? null : input.objective * 100;
  const option = timeSeriesOption([{ name: input.name, points }], {
    unit: '%',
    min: percentFloor(points, objective),
    max: 100,
    fromMs: input.fromMs,
    toMs: input.toMs,
    thresholds:
      objective === null
        ? []
        : [{ value: objective, label: input.objectiveLabel, tone: 'warning' }],
    bands: input.bands,
    bandsTitle: input.bandsTitle,
    rtl: input.rtl,
    locale: input.locale,
    timeZone: input.timeZone,
    palette: input.palette,
  });
  const marked = withMarkers(option, input.markers ?? [], input);
  return withSloLabels(marked, {
    ...input,
    digits: 3,
    bands: input.bands ?? [],
    bandsTitle: input.bandsTitle ?? '',
  });
}

export interface BurnDownInput extends Locale {
  name: string;
  points: readonly TimePoint[];
  zeroLabel: string;
  fromMs?: number;
  toMs?: number;
}

/** Remaining budget over the window: 100 % at its start, 0 % when exhausted, below when overspent. */
export function burnDownOption(input: BurnDownInput): ChartOption {
  const points = percentPoints(input.points);
  const lowest = points.reduce((lo, [, v]) => Math.min(lo, v), 0);
  const highest = points.reduce((hi, [, v]) => Math.max(hi, v), 100);
  const option = timeSeriesOption([{ name: input.name, points, area: true }], {
    unit: '%',
    min: Math.floor(lowest / 10) * 10,
    max: Math.ceil(highest / 10) * 10,
    fromMs: input.fromMs,
    toMs: input.toMs,
    thresholds: [{ value: 0, label: input.zeroLabel, tone: 'danger' }],
    rtl: input.rtl,
    locale: input.locale,
    timeZone: input.timeZone,
    palette: input.palette,
  });
  return withSloLabels(option, { ...input, digits: 1, bands: [], bandsTitle: '' });
}
