// Pure option builder for every time-series chart in the console: lines over a time axis, optional
// threshold lines (e.g. the GPU power limit) and shaded time bands (e.g. clock event reasons).
//
// RTL: the value axis moves to the right-hand side, but time still runs left → right. Arabic
// operations dashboards (and ECharts' own examples) keep the time axis in the conventional
// direction; mirroring it would make "now" appear on the left and invert every trend.
import { axisTimeFormatter, chartBidi, tooltipTime } from './timeFormat.ts';
import { DEFAULT_PALETTE, type ChartLocale, type ChartOption, type ChartPalette } from './types.ts';

export type Point = readonly [tsMs: number, value: number];

export interface ChartSeries {
  name: string;
  points: readonly Point[];
  /** Fill under the line (a single-metric chart). */
  area?: boolean;
}

export interface Threshold {
  value: number;
  label: string;
  tone: 'warning' | 'danger' | 'muted';
}

export interface TimeBand {
  fromMs: number;
  toMs: number;
  label: string;
  tone: 'warning' | 'danger';
}

export interface TimeSeriesOptions extends ChartLocale {
  unit: string;
  fromMs?: number;
  toMs?: number;
  min?: number;
  max?: number;
  thresholds?: readonly Threshold[];
  bands?: readonly TimeBand[];
  /** Tooltip heading for the bands under the pointer (e.g. which clock event reasons, and as of when). */
  bandsTitle?: string;
  /** The chart's width in CSS pixels, to judge which band names fit; unknown, a band must span a tenth of the range. */
  widthPx?: number;
  palette?: ChartPalette;
}

const toneColour = (p: ChartPalette, tone: Threshold['tone']) =>
  tone === 'danger' ? p.danger : tone === 'warning' ? p.warning : p.textMuted;

interface AxisTooltipParam {
  seriesName?: string;
  value?: unknown;
  axisValue?: unknown;
}

export function timeSeriesOption(
  series: readonly ChartSeries[],
  options: TimeSeriesOptions,
): ChartOption {
  const p = options.palette ?? DEFAULT_PALETTE;
  const { rtl, locale, timeZone, unit } = options;
  const last = series.reduce((ts, s) => Math.max(ts, s.points.at(-1)?.[0] ?? 0), 0);
  const first = series.reduce((ts, s) => Math.min(ts, s.points[0]?.[0] ?? Infinity), Infinity);
  const fromMs = options.fromMs ?? (Number.isFinite(first) ? first : last);
  const toMs = options.toMs ?? last;
  const thresholds = options.thresholds ?? [];
  const bands = options.bands ?? [];
  const bidi = chartBidi(rtl);
  const axisTime = axisTimeFormatter(locale, timeZone, toMs - fromMs);

  const markLine = thresholds.length
    ? {
        silent: true,
        symbol: 'none',
        data: thresholds.map((t) => ({
          yAxis: t.value,
          name: t.label,
          lineStyle: { color: toneColour(p, t.tone), type: 'dashed' as const, width: 1.5 },
          label: {
            formatter: `${bidi.text(t.label)}: ${bidi.figure(t.value, unit)}`,
            position: rtl ? ('insideStartTop' as const) : ('insideEndTop' as const),
            color: toneColour(p, t.tone),
          },
        })),
      }
    : undefined;

  const labelled = bandsWithRoomForLabel(bands, fromMs, toMs, options.widthPx);
  const markArea = bands.length
    ? {
        silent: true,
        data: bands.map((b, i) => [
          {
            name: b.label,
            xAxis: b.fromMs,
            itemStyle: { color: b.tone === 'danger' ? p.danger : p.warning, opacity: 0.14 },
            label: {
              show: labelled[i],
              color: b.tone === 'danger' ? p.danger : p.warning,
              position: 'insideTop' as const,
            },
          },
          { xAxis: b.toMs },
        ]) as [object, object][],
      }
    : undefined;

  return {
    animation: false,
    grid: { top: series.length > 1 ? 36 : 24, bottom: 24, left: 12, right: 12 },
    // Always says whether it shows: a chart drawn before its lines arrive must not keep it hidden.
    legend: {
      show: series.length > 1,
      top: 0,
      [rtl ? 'right' : 'left']: 0,
      data: series.map((s) => s.name),
      // A model's or host's name keeps its order beside Arabic text.
      formatter: (name: string) => bidi.text(name),
    },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText', // drawn on the canvas: no HTML, nothing for the CSP to allow
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as AxisTooltipParam[];
        const ts = Number(list[0]?.axisValue ?? 0);
        const lines = list.map((item) => {
          const value = Array.isArray(item.value) ? Number(item.value[1]) : Number(item.value);
          return `${bidi.text(item.seriesName ?? '')}: ${bidi.figure(value, unit)}`;
        });
        const active = [
          ...new Set(bands.filter((b) => b.fromMs <= ts && ts <= b.toMs).map((b) => b.label)),
        ];
        if (active.length > 0)
          lines.push(
            `${options.bandsTitle ?? ''}${options.bandsTitle ? ': ' : ''}${active.map(bidi.text).join(', ')}`,
          );
        return [bidi.text(tooltipTime(locale, timeZone, ts)), ...lines].join('\n');
      },
    },
    xAxis: {
      type: 'time',
      inverse: false,
      min: fromMs,
      max: toMs,
      axisLabel: {
        formatter: (value: number) => bidi.text(axisTime(value)),
        hideOverlap: true,
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      position: rtl ? 'right' : 'left',
      min: options.min,
      // A threshold (the power limit) stays on screen even when the data is far below it.
      max:
        options.max ??
        (thresholds.length
          ? (extent: { max: number }) => Math.max(extent.max, ...thresholds.map((t) => t.value))
          : undefined),
      axisLabel: { formatter: (value: number) => bidi.figure(value, unit) },
    },
    series: series.map((s, index) => ({
      type: 'line' as const,
      name: s.name,
      data: s.points as unknown as [number, number][], // ECharts reads data, never writes it
      // A handful of points (a new SLO, a new host) would draw nothing without their dots.
      showSymbol: s.points.filter((p) => p[1] !== null && p[1] !== undefined).length < 24,
      lineStyle: { width: 1.5 },
      areaStyle: s.area ? { opacity: 0.12 } : undefined,
      markLine: index === 0 ? markLine : undefined,
      markArea: index === 0 ? markArea : undefined,
    })),
  };
}

/** Room the axis labels and the grid's margins take from the chart's width. */
const AXIS_AND_MARGINS_PX = 90;
/** About the width of one character of a band name (12 px UI font), and its padding. */
const CHAR_PX = 6.5;
const LABEL_PADDING_PX = 8;

/**
 * Which bands get their name drawn: a name must fit inside the plot and clear every name already
 * drawn (narrow, stacked or neighbouring bands would print over each other); the tooltip and the
 * legend name the rest.
 */
function bandsWithRoomForLabel(
  bands: readonly TimeBand[],
  fromMs: number,
  toMs: number,
  widthPx?: number,
): boolean[] {
  const spanMs = toMs - fromMs;
  if (spanMs <= 0) return bands.map(() => false);
  const plotPx = widthPx === undefined ? null : widthPx - AXIS_AND_MARGINS_PX;
  const taken: [number, number][] = [];
  return bands.map((b) => {
    const centre = (b.fromMs + b.toMs) / 2;
    const halfMs =
      plotPx === null || plotPx <= 0
        ? (b.toMs - b.fromMs) / 2
        : ((b.label.length * CHAR_PX + LABEL_PADDING_PX) / 2 / plotPx) * spanMs;
    const room: [number, number] = [centre - halfMs, centre + halfMs];
    const fits =
      (plotPx !== null || b.toMs - b.fromMs >= 0.1 * spanMs) &&
      room[0] >= fromMs &&
      room[1] <= toMs &&
      !taken.some(([a, z]) => room[0] < z && a < room[1]);
    if (fits) taken.push(room);
    return fits;
  });
}

/** Contiguous runs where `active(value)` holds, as time bands (runs end at the next sample). */
export function bandsWhere(
  points: readonly Point[],
  active: (value: number) => boolean,
  label: string,
  tone: TimeBand['tone'],
): TimeBand[] {
  const bands: TimeBand[] = [];
  let start: number | null = null;
  for (const [ts, value] of points) {
    if (active(value)) start ??= ts;
    else if (start !== null) {
      bands.push({ fromMs: start, toMs: ts, label, tone });
      start = null;
    }
  }
  const end = points.at(-1)?.[0];
  if (start !== null && end !== undefined) bands.push({ fromMs: start, toMs: end, label, tone });
  return bands;
}
