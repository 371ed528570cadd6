// The SLO chart builders: the SLI against its objective with alert intervals shaded and enforcement
// actions as vertical lines at their times; the burn-down against zero; figures readable in Arabic.
import { describe, expect, it } from 'vitest';
import {
  burnDownOption,
  ltrNumbers,
  percentFloor,
  sliChartOption,
} from '../../renderer/charts/sloOptions.ts';
import { sparklinePath } from '../../renderer/features/slo/Sparkline.tsx';
import { HOUR_MS as HOUR } from '../../shared/domain/time.ts';

const t0 = Date.parse('2025-03-04T10:00:00Z');
const locale = { locale: 'en-GB', timeZone: 'Asia/Dubai' };
const points = Array.from({ length: 24 }, (_, i) => ({
  t: t0 + i * HOUR,
  value: i === 3 ? null : 0.9991,
}));

interface MarkDatum {
  xAxis?: number;
  yAxis?: number;
  name?: string;
  label?: { formatter?: string };
}
interface LineSeries {
  markLine?: { data: MarkDatum[] };
  markArea?: { data: unknown[] };
  data: [number, number][];
}
const firstSeries = (option: ReturnType<typeof sliChartOption>) =>
  (option.series as LineSeries[])[0]!;

describe('SLI chart', () => {
  it('draws the objective, shades alert intervals and marks each action at its time', () => {
    const option = sliChartOption({
      ...locale,
      rtl: false,
      name: 'SLI',
      points,
      objective: 0.999,
      objectiveLabel: 'Objective',
      bands: [{ fromMs: t0 + 5 * HOUR, toMs: t0 + 7 * HOUR, label: 'Page', tone: 'danger' }],
      markers: [{ tsMs: t0 + 6 * HOUR, label: 'scale_replicas', tone: 'success' }],
    });
    const line = firstSeries(option);
    expect(line.data).toHaveLength(23); // the hour without data is left out
    expect(line.data[0]).toEqual([t0, 99.91]);
    const marks = line.markLine?.data ?? [];
    expect(marks.find((m) => m.yAxis !== undefined)).toMatchObject({
      yAxis: 99.9,
      name: 'Objective',
    });
    expect(marks.find((m) => m.xAxis !== undefined)).toMatchObject({
      xAxis: t0 + 6 * HOUR,
      name: 'scale_replicas',
    });
    expect(line.markArea?.data).toHaveLength(1);
    expect(option.yAxis).toMatchObject({ max: 100, min: 99.8 });
    // Objectives need the precision the shared formatter rounds away: 99.95 % is not 100 %.
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(
      tooltip([{ seriesName: 'SLI', value: [t0 + 6 * HOUR, 99.95], axisValue: t0 + 6 * HOUR }]),
    ).toMatch(/SLI: 99\.95 %\nPage$/);
  });

  it('keeps each figure and its unit in reading order in Arabic', () => {
    expect(ltrNumbers('الهدف: 99.9 %')).toBe('الهدف: \u206699.9 %\u2069');
    expect(ltrNumbers('1 req/s · 0.56×')).toBe('\u20661 req/s\u2069 · \u20660.56×\u2069');
    const option = sliChartOption({
      ...locale,
      rtl: true,
      name: 'المؤشر',
      points,
      objective: 0.999,
      objectiveLabel: 'الهدف',
    });
    const axis = option.yAxis as {
      position: string;
      axisLabel: { formatter: (v: number) => string };
    };
    expect(axis.position).toBe('right');
    expect(axis.axisLabel.formatter(99.95)).toBe('\u206699.95 %\u2069');
    expect(firstSeries(option).markLine?.data[0]?.label?.formatter).toBe(
      '\u2068الهدف\u2069: \u206699.9 %\u2069',
    );
  });

  it('picks a floor that ticks evenly and keeps the lowest value and the objective in view', () => {
    expect(percentFloor([[t0, 99.95]], 99.9)).toBe(99.8);
    expect(percentFloor([[t0, 97]], 99.9)).toBe(95);
    expect(percentFloor([], 99)).toBe(98);
    expect(percentFloor([[t0, 10]], 99)).toBe(0);
  });
});

describe('burn-down and sparkline', () => {
  it('shows the budget left from 100 % down past the zero line when overspent', () => {
    const option = burnDownOption({
      ...locale,
      rtl: false,
      name: 'Budget left',
      zeroLabel: 'Exhausted',
      points: [
        { t: t0, value: 1 },
        { t: t0 + HOUR, value: -0.25 },
      ],
    });
    expect(option.yAxis).toMatchObject({ min: -30, max: 100 });
    expect(firstSeries(option).markLine?.data[0]).toMatchObject({ yAxis: 0, name: 'Exhausted' });
  });

  it('draws a gap where an hour has no data and a line at the objective', () => {
    const { line, objectiveY } = sparklinePath([0.999, 0.998, null, 0.9995], 0.999);
    expect(line.match(/M/g)).toHaveLength(2);
    expect(objectiveY).not.toBeNull();
    expect(sparklinePath([null, null], 0.99)).toEqual({ line: '', objectiveY: null });
  });
});
