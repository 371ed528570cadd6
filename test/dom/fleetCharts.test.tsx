// The chart option builders are pure: what an operator sees is decided here, testable without a canvas.
import { describe, expect, it } from 'vitest';
import { heatmapOption } from '../../renderer/charts/heatmapOption.ts';
import { bandsWhere, timeSeriesOption } from '../../renderer/charts/timeSeriesOption.ts';
import {
  errorPercentPoints,
  ratePoints,
  reasonBands,
} from '../../renderer/features/fleet/seriesTransforms.ts';

const locale = { timeZone: 'Asia/Dubai', locale: 'en-GB' };
const t0 = Date.parse('2025-03-04T10:00:00Z');
const power = {
  name: 'Power',
  points: [
    [t0, 410],
    [t0 + 5000, 690],
  ] as [number, number][],
};

interface LineSeries {
  markLine?: { data: { yAxis: number; name: string }[] };
  markArea?: { data: [{ xAxis: number; name: string }, { xAxis: number }][] };
}

describe('time-series option', () => {
  it('draws the GPU power limit as a dashed line at its value', () => {
    const option = timeSeriesOption([power], {
      ...locale,
      rtl: false,
      unit: 'W',
      thresholds: [{ value: 700, label: 'Power limit', tone: 'danger' }],
    });
    const [line] = option.series as LineSeries[];
    expect(line?.markLine?.data).toEqual([
      expect.objectContaining({ yAxis: 700, name: 'Power limit' }),
    ]);
  });

  it('puts the value axis on the right in Arabic but keeps time running left to right', () => {
    const ltr = timeSeriesOption([power], { ...locale, rtl: false, unit: 'W' });
    const rtl = timeSeriesOption([power], { ...locale, locale: 'ar-AE', rtl: true, unit: 'W' });
    expect(ltr.yAxis).toMatchObject({ position: 'left' });
    expect(rtl.yAxis).toMatchObject({ position: 'right' });
    expect(rtl.xAxis).toMatchObject({ type: 'time', inverse: false });
  });

  it('labels the time axis in the site zone', () => {
    const option = timeSeriesOption([power], { ...locale, rtl: false, unit: 'W' });
    const formatter = (option.xAxis as { axisLabel: { formatter: (v: number) => string } })
      .axisLabel.formatter;
    expect(formatter(t0)).toBe('14:00'); // 10:00 UTC is 14:00 in Dubai
  });

  it('shades the times a clock event reason was active', () => {
    const mask: [number, number][] = [
      [t0, 0],
      [t0 + 1000, 4],
      [t0 + 2000, 4 | 64],
      [t0 + 3000, 0],
      [t0 + 4000, 2.5],
    ];
    const bands = reasonBands(mask, [
      { bit: 4, label: 'SW power cap', tone: 'warning' },
      { bit: 64, label: 'HW thermal slowdown', tone: 'danger' },
    ]);
    expect(bands).toEqual([
      { fromMs: t0 + 1000, toMs: t0 + 3000, label: 'SW power cap', tone: 'warning' },
      { fromMs: t0 + 2000, toMs: t0 + 3000, label: 'HW thermal slowdown', tone: 'danger' },
    ]);
    const option = timeSeriesOption([power], { ...locale, rtl: false, unit: 'MHz', bands });
    const [line] = option.series as LineSeries[];
    expect(line?.markArea?.data.map(([from]) => from.name)).toEqual([
      'SW power cap',
      'HW thermal slowdown',
    ]);
    // Only the first of two stacked bands prints its name on the chart; the tooltip names both.
    const shown = (o: typeof option) =>
      (o.series as LineSeries[])[0]?.markArea?.data.map(
        ([from]) => (from as { label?: { show?: boolean } }).label?.show,
      );
    expect(shown(option)).toEqual([true, false]);
    // Knowing the width: a name goes where it fits and clears the others, even over a narrow band.
    const day = { fromMs: t0, toMs: t0 + 86_400_000 };
    const at = (hour: number, hours: number, label: string) => ({
      fromMs: t0 + hour * 3_600_000,
      toMs: t0 + (hour + hours) * 3_600_000,
      label,
      tone: 'warning' as const,
    });
    const wide = timeSeriesOption([power], {
      ...locale,
      ...day,
      rtl: false,
      unit: 'MHz',
      widthPx: 500,
      bands: [
        at(4, 1, 'SW thermal slowdown'),
        at(14, 2, 'SW power cap'),
        at(15, 0.1, 'HW thermal slowdown'),
        at(23.9, 0.1, 'HW slowdown'),
      ],
    });
    expect(shown(wide)).toEqual([true, true, false, false]); // stacked on the power cap; past the plot's end
    expect(bandsWhere([[t0, 1]], (v) => v > 0, 'x', 'warning')).toEqual([
      { fromMs: t0, toMs: t0, label: 'x', tone: 'warning' },
    ]);
  });

  it('names the reasons under the pointer in the tooltip, with what the bands stand for', () => {
    const bands = [
      { fromMs: t0, toMs: t0 + 5000, label: 'SW power cap', tone: 'warning' as const },
      { fromMs: t0 + 3000, toMs: t0 + 5000, label: 'HW thermal slowdown', tone: 'danger' as const },
    ];
    const option = timeSeriesOption([power], {
      ...locale,
      rtl: false,
      unit: 'W',
      bands,
      bandsTitle: "Clock event reasons at each bucket's end",
    });
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const at = (ts: number) => tooltip([{ seriesName: 'Power', value: [ts, 410], axisValue: ts }]);
    expect(at(t0 + 1000)).toContain("Clock event reasons at each bucket's end: SW power cap");
    expect(at(t0 + 4000)).toContain('SW power cap, HW thermal slowdown');
    expect(at(t0 + 9000)).not.toContain('Clock event reasons');
  });
});

describe('model-service signals', () => {
  it('turns request and error counters into a rate and an error percentage, across a restart', () => {
    const requests: [number, number][] = [
      [t0, 1000],
      [t0 + 10_000, 2000],
      [t0 + 20_000, 500],
    ];
    expect(ratePoints(requests)).toEqual([
      [t0 + 10_000, 100],
      [t0 + 20_000, 50],
    ]);
    const errors: [number, number][] = [
      [t0, 10],
      [t0 + 10_000, 20],
      [t0 + 20_000, 5],
    ];
    expect(errorPercentPoints(errors, requests)).toEqual([
      [t0 + 10_000, 1],
      [t0 + 20_000, 1],
    ]);
  });

  it('counts errors over the trailing minute, so one failure in one scrape is not a 0.8 % error rate', () => {
    // Two minutes of 5 s scrapes at 24 req/s (120 a scrape), one failed request in the whole span.
    const scrapes = Array.from({ length: 25 }, (_, i) => t0 + i * 5000);
    const requests = scrapes.map((ts, i) => [ts, i * 120] as [number, number]);
    const errors = scrapes.map((ts, i) => [ts, i >= 13 ? 1 : 0] as [number, number]);
    const percent = errorPercentPoints(errors, requests);
    const worst = Math.max(...percent.map(([, v]) => v));
    expect(worst).toBeCloseTo(100 / 1440, 5);
    expect(percent[0]![1]).toBe(0);
  });
});

describe('heatmap option', () => {
  it('mirrors the GPU columns and moves host names to the right in Arabic', () => {
    const base = {
      hostLabels: ['a', 'b'],
      gpuLabels: ['GPU 0', 'GPU 1'],
      cells: [[0, 0, 50]] as [number, number, number][],
      unit: '%',
      min: 0,
      max: 100,
    };
    expect(heatmapOption({ ...base, rtl: false })).toMatchObject({
      xAxis: { inverse: false },
      yAxis: { position: 'left' },
    });
    expect(heatmapOption({ ...base, rtl: true })).toMatchObject({
      xAxis: { inverse: true },
      yAxis: { position: 'right' },
    });
  });

  it('labels both ends of the colour scale with their value and unit', () => {
    const option = heatmapOption({
      hostLabels: ['a'],
      gpuLabels: ['GPU 0'],
      cells: [[0, 0, 61]],
      unit: '°C',
      min: 30,
      max: 90,
      rtl: false,
    });
    // ECharts draws text[0] at the high end of the bar, text[1] at the low end.
    expect(option.visualMap).toMatchObject({ text: ['90 °C', '30 °C'] });
  });
});
