// The option type every builder returns: only the chart kinds and components the console registers
// (see echarts.ts), so an option that needs something unregistered fails to compile.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** Colours the charts use, read from the CSS custom properties of the active theme. */
export interface ChartPalette {
  text: string;
  textMuted: string;
  border: string;
  surface: string;
  accent: string;
  success: string;
  warning: string;
  danger: string;
  series: string[];
}

/** The dark theme's tokens: a default for pure builders and tests that have no stylesheet. */
export const DEFAULT_PALETTE: ChartPalette = {
  text: '#e4e7ec',
  textMuted: '#98a1b0',
  border: '#2a303c',
  surface: '#151820',
  accent: '#4f8cff',
  success: '#34c27a',
  warning: '#e8a93b',
  danger: '#f2555a',
  series: ['#4f8cff', '#34c27a', '#e8a93b', '#b07cff', '#2ec4c4', '#f2555a'],
};

/** Where the chart is shown: language direction, the site's zone and the UI locale. */
export interface ChartLocale {
  rtl: boolean;
  timeZone: string;
  locale: string;
}
