// Pure option builder for drill scores over time: one line per team and scenario, each point a
// finished drill's score (0–100), on the same time axis every console chart uses.
import { timeSeriesOption, type ChartSeries } from './timeSeriesOption.ts';
import type { ChartLocale, ChartOption, ChartPalette } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScoredDrill {
  team: string;
  scenario: string;
  atMs: number;
  score: number;
}

/** Groups scored drills into one series per team and scenario, each in time order. */
export function drillScoreSeries(
  drills: readonly ScoredDrill[],
  name: (team: string, scenario: string) => string,
): ChartSeries[] {
  const groups = new Map<string, { name: string; points: [number, number][] }>();
  for (const d of drills) {
    const key = `${d.team}\u0000${d.scenario}`;
    const group = groups.get(key) ?? { name: name(d.team, d.scenario), points: [] };
    group.points.push([d.atMs, d.score]);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ name: g.name, points: g.points.sort((a, b) => a[0] - b[0]) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface DrillScoreInput extends ChartLocale {
  drills: readonly ScoredDrill[];
  seriesName: (team: string, scenario: string) => string;
  unit: string;
  palette?: ChartPalette;
}

export function drillScoreOption(input: DrillScoreInput): ChartOption {
  const series = drillScoreSeries(input.drills, input.seriesName);
  const times = input.drills.map((d) => d.atMs);
  const first = times.length ? Math.min(...times) : 0;
  const last = times.length ? Math.max(...times) : first;
  const option = timeSeriesOption(series, {
    unit: input.unit,
    min: 0,
    max: 100,
    fromMs: first - DAY_MS / 2,
    toMs: Math.max(last, first + DAY_MS) + DAY_MS / 2,
    rtl: input.rtl,
    locale: input.locale,
    timeZone: input.timeZone,
    palette: input.palette,
  });
  // A drill is an event, not a sample: every score is marked, even a team's only one.
  const marked = Array.isArray(option.series)
    ? option.series.map((s) => (s.type === 'line' ? { ...s, showSymbol: true, symbolSize: 7 } : s))
    : option.series;
  return { ...option, series: marked };
}
