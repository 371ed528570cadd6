// Pure option builder for the cluster GPU heatmap: hosts down, GPU index across, colour by value.
// In RTL both axes mirror (GPU 0 on the right, host names on the right): these are categories,
// not time, so they follow the reading direction.
import { formatValue } from './timeFormat.ts';
import { DEFAULT_PALETTE, type ChartOption, type ChartPalette } from './types.ts';

/** [gpuIndex, hostRow, value]; value null where the GPU reports nothing. */
export type HeatmapCell = [number, number, number | null];

export interface HeatmapOptions {
  hostLabels: readonly string[];
  gpuLabels: readonly string[];
  cells: readonly HeatmapCell[];
  unit: string;
  min: number;
  max: number;
  rtl: boolean;
  palette?: ChartPalette;
}

export function heatmapOption(options: HeatmapOptions): ChartOption {
  const p = options.palette ?? DEFAULT_PALETTE;
  const { rtl, hostLabels, gpuLabels, unit } = options;
  return {
    animation: false,
    // A hovered cell is drawn on its own layer instead of repainting every cell (1,600 at 200 × 8).
    hoverLayerThreshold: 500,
    grid: { top: 8, bottom: 64, left: 8, right: 8 }, // the GPU labels, then the colour scale below them
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (params: unknown) => {
        const value = (params as { value?: HeatmapCell }).value;
        if (!value) return '';
        const [gpu, row, v] = value;
        return `${hostLabels[row] ?? ''} · ${gpuLabels[gpu] ?? ''}\n${v === null ? '—' : formatValue(v, unit)}`;
      },
    },
    xAxis: { type: 'category', data: [...gpuLabels], inverse: rtl, splitArea: { show: false } },
    yAxis: {
      type: 'category',
      data: [...hostLabels],
      inverse: true, // first host at the top
      position: rtl ? 'right' : 'left',
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    visualMap: {
      min: options.min,
      max: options.max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      // The scale's ends as numbers with their unit: colour alone reads as no value at all.
      text: [formatValue(options.max, unit), formatValue(options.min, unit)],
      textGap: 8,
      inRange: { color: [p.success, p.warning, p.danger] },
      formatter: (value: unknown) => formatValue(Number(value), unit),
    },
    series: [
      {
        type: 'heatmap',
        data: options.cells as HeatmapCell[],
        itemStyle: { borderColor: p.surface, borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        progressive: 0,
      },
    ],
  };
}
