// ECharts, imported piece by piece: only the line, bar and heatmap charts, the components the option
// builders use and the canvas renderer. EChart.tsx loads this module on first use, so it is a
// separate chunk and the console's first paint does not wait for it.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export type { ECharts };

/** Canvas only: no SVG or HTML the strict CSP would have to allow. */
export function createChart(element: HTMLElement, theme: object): ECharts {
  return init(element, theme, { renderer: 'canvas' });
}
