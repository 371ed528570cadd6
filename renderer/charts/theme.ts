// ECharts theme objects built from the console's CSS custom properties, so charts follow the dark
// and light themes without a second set of colours to keep in step.
import { DEFAULT_PALETTE, type ChartPalette } from './types.ts';

const SERIES_VARS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

/** Reads the palette from the element's computed style; missing tokens keep the dark defaults. */
export function readChartPalette(element: Element = document.documentElement): ChartPalette {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: token('--text', DEFAULT_PALETTE.text),
    textMuted: token('--text-muted', DEFAULT_PALETTE.textMuted),
    border: token('--border', DEFAULT_PALETTE.border),
    surface: token('--surface', DEFAULT_PALETTE.surface),
    accent: token('--accent', DEFAULT_PALETTE.accent),
    success: token('--success', DEFAULT_PALETTE.success),
    warning: token('--warning', DEFAULT_PALETTE.warning),
    danger: token('--danger', DEFAULT_PALETTE.danger),
    series: SERIES_VARS.map((name, i) =>
      token(name, DEFAULT_PALETTE.series[i] ?? DEFAULT_PALETTE.accent),
    ),
  };
}

const axis = (p: ChartPalette) => ({
  axisLine: { lineStyle: { color: p.border } },
  axisTick: { lineStyle: { color: p.border } },
  axisLabel: { color: p.textMuted },
  splitLine: { lineStyle: { color: p.border, opacity: 0.6 } },
  nameTextStyle: { color: p.textMuted },
});

export function buildChartTheme(p: ChartPalette): object {
  return {
    color: p.series,
    backgroundColor: 'transparent',
    textStyle: { color: p.text, fontFamily: 'Inter, "Noto Sans Arabic", system-ui, sans-serif' },
    legend: { textStyle: { color: p.textMuted } },
    tooltip: {
      backgroundColor: p.surface,
      borderColor: p.border,
      textStyle: { color: p.text },
      axisPointer: { lineStyle: { color: p.textMuted }, crossStyle: { color: p.textMuted } },
    },
    timeAxis: axis(p),
    valueAxis: axis(p),
    categoryAxis: { ...axis(p), splitLine: { show: false } },
    visualMap: { textStyle: { color: p.textMuted } },
  };
}
