// Pure option builders for the response-time dashboard and the alert noise report: MTTD, MTTA and
// MTTR week by week (one line each, in minutes or hours, whichever reads better), and alerts per
// rule as stacked horizontal bars (useful, noise, not judged yet), mirrored in right-to-left.
import { ltrNumbers } from './sloOptions.ts';
import { formatValue } from './timeFormat.ts';
import { timeSeriesOption, type ChartSeries } from './timeSeriesOption.ts';
import { DEFAULT_PALETTE, type ChartLocale, type ChartOption, type ChartPalette } from './types.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface MttxWeek {
  weekStartMs: number;
  mttdMinutes: number | null;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
}

export type MttxUnit = 'minutes' | 'hours';

/** Hours once any mean passes three hours; minutes otherwise (a P1's MTTD is a few minutes). */
export function mttxUnit(weeks: readonly MttxWeek[]): MttxUnit {
  let max = 0;
  for (const w of weeks)
    for (const v of [w.mttdMinutes, w.mttaMinutes, w.mttrMinutes])
      if (v !== null) max = Math.max(max, v);
  return max > 180 ? 'hours' : 'minutes';
}

export interface MttxTrendInput extends ChartLocale {
  weeks: readonly MttxWeek[];
  names: { mttd: string; mtta: string; mttr: string };
  /** The axis unit's short label in the UI language ("min", "h", "د", "س"). */
  unitLabels: Record<MttxUnit, string>;
  /** "Week of {{date}}" with the week's first day formatted in. */
  weekLabel: (weekStartMs: number) => string;
  palette?: ChartPalette;
}

interface AxisTooltipParam {
  seriesName?: string;
  value?: unknown;
  axisValue?: unknown;
}

export function mttxTrendOption(input: MttxTrendInput): ChartOption {
  const unit = mttxUnit(input.weeks);
  const scale = unit === 'hours' ? 1 / 60 : 1;
  const label = input.unitLabels[unit];
  const line = (name: string, pick: (w: MttxWeek) => number | null): ChartSeries => ({
    name,
    points: input.weeks.flatMap((w) => {
      const v = pick(w);
      return v === null ? [] : [[w.weekStartMs, v * scale] as const];
    }),
  });
  const series = [
    line(input.names.mttd, (w) => w.mttdMinutes),
    line(input.names.mtta, (w) => w.mttaMinutes),
    line(input.names.mttr, (w) => w.mttrMinutes),
  ];
  const first = input.weeks[0]?.weekStartMs ?? 0;
  const last = input.weeks.at(-1)?.weekStartMs ?? first;
  const option = timeSeriesOption(series, {
    unit: label,
    min: 0,
    fromMs: first,
    toMs: Math.max(last, first + WEEK_MS),
    rtl: input.rtl,
    locale: input.locale,
    timeZone: input.timeZone,
    palette: input.palette,
  });
  const text = (s: string) => (input.rtl ? ltrNumbers(s) : s);
  const { tooltip, yAxis } = option;
  if (
    !tooltip ||
    Array.isArray(tooltip) ||
    !yAxis ||
    Array.isArray(yAxis) ||
    yAxis.type !== 'value'
  )
    return option;
  return {
    ...option,
    yAxis: { ...yAxis, axisLabel: { formatter: (v: number) => text(formatValue(v, label)) } },
    tooltip: {
      ...tooltip,
      // A week, not an instant: the tooltip names the week and each mean in the axis unit.
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as AxisTooltipParam[];
        const ts = Number(list[0]?.axisValue ?? 0);
        const rows = list.map((item) => {
          const v = Array.isArray(item.value) ? Number(item.value[1]) : Number(item.value);
          return `${item.seriesName ?? ''}: ${formatValue(v, label)}`;
        });
        return text([input.weekLabel(ts), ...rows].join('\n'));
      },
    },
  };
}

export interface NoiseBarRow {
  label: string;
  useful: number;
  noise: number;
  unjudged: number;
}

export interface NoiseBarInput {
  rows: readonly NoiseBarRow[];
  names: { useful: string; noise: string; unjudged: string };
  rtl: boolean;
  palette?: ChartPalette;
}

/** How many rules the chart shows (the noisiest); the table below it lists every one. */
export const NOISE_CHART_RULES = 12;

/** The noisiest rules first: most noise, then most alerts. */
export function noisiestRules<T extends NoiseBarRow>(rows: readonly T[]): T[] {
  return [...rows]
    .sort(
      (a, b) =>
        b.noise - a.noise ||
        b.useful + b.noise + b.unjudged - (a.useful + a.noise + a.unjudged) ||
        a.label.localeCompare(b.label),
    )
    .slice(0, NOISE_CHART_RULES);
}

export function noiseBarOption(input: NoiseBarInput): ChartOption {
  const p = input.palette ?? DEFAULT_PALETTE;
  // ECharts draws the first category at the bottom: reverse so the noisiest rule is on top.
  const rows = noisiestRules(input.rows).reverse();
  const bar = (name: string, colour: string, pick: (r: NoiseBarRow) => number) => ({
    type: 'bar' as const,
    name,
    stack: 'alerts',
    barMaxWidth: 18,
    itemStyle: { color: colour },
    data: rows.map(pick),
  });
  return {
    animation: false,
    grid: { top: 28, bottom: 8, left: 8, right: 16, containLabel: true },
    legend: {
      top: 0,
      [input.rtl ? 'right' : 'left']: 0,
      data: [input.names.useful, input.names.noise, input.names.unjudged],
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      renderMode: 'richText', // drawn on the canvas: no HTML, nothing for the CSP to allow
    },
    xAxis: { type: 'value', inverse: input.rtl, minInterval: 1 },
    yAxis: {
      type: 'category',
      position: input.rtl ? 'right' : 'left',
      data: rows.map((r) => r.label),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      bar(input.names.useful, p.success, (r) => r.useful),
      bar(input.names.noise, p.danger, (r) => r.noise),
      bar(input.names.unjudged, p.textMuted, (r) => r.unjudged),
    ],
  };
}
