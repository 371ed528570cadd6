// A chart drawn before its data arrives, then updated the way the console updates it, on a real
// ECharts instance (server-side SVG: jsdom has no canvas).
import { init, type ECharts } from 'echarts';
import { afterEach, describe, expect, it } from 'vitest';
import { timeSeriesOption, type ChartSeries } from '../../renderer/charts/timeSeriesOption.ts';
import { updateChart } from '../../renderer/charts/updateChart.ts';

const t0 = Date.parse('2025-03-04T10:00:00Z');
const locale = { timeZone: 'Asia/Dubai', locale: 'en-GB', rtl: false, unit: 'ms' };
const line = (name: string, base: number): ChartSeries => ({
  name,
  points: [
    [t0, base],
    [t0 + 5000, base + 1],
  ],
});
const latency = [line('p50', 10), line('p95', 20), line('p99', 30)];

interface LegendModel {
  show: boolean;
  data: string[];
  left?: number | null;
  right?: number | null;
}

let chart: ECharts | null = null;
afterEach(() => {
  chart?.dispose();
  chart = null;
});

function drawnEmpty(): ECharts {
  chart = init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 240 });
  chart.setOption(timeSeriesOption([], locale)); // first draw: the history is still loading
  return chart;
}

const legendOf = (c: ECharts) => (c.getOption().legend as LegendModel[])[0]!;

describe('chart legend', () => {
  it('names the latency lines once they arrive, after a first draw without data', () => {
    const c = drawnEmpty();
    updateChart(c, timeSeriesOption(latency, locale));
    const legend = legendOf(c);
    expect(legend.show).toBe(true);
    expect(legend.data).toEqual(['p50', 'p95', 'p99']);
  });

  it('moves to the right in Arabic without keeping its left-hand place', () => {
    const c = drawnEmpty();
    updateChart(c, timeSeriesOption(latency, locale));
    updateChart(c, timeSeriesOption(latency, { ...locale, locale: 'ar-AE', rtl: true }));
    const legend = legendOf(c);
    expect(legend.right).toBe(0);
    expect(legend.left ?? null).toBeNull();
  });

  it('hides again when a chart is down to one line', () => {
    const c = drawnEmpty();
    updateChart(c, timeSeriesOption(latency, locale));
    updateChart(c, timeSeriesOption([line('p50', 10)], locale));
    expect(legendOf(c).show).toBe(false);
  });
});
