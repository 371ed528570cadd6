// ECharts, imported piece by piece: only the line and heatmap charts, the components the option
// builders use and the canvas renderer go into the bundle (the full build is ~1 MB).
import { HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type { ECharts };

/** Canvas only: no SVG or HTML the strict CSP would have to allow. */
export function createChart(element: HTMLElement, theme: object): ECharts {
  return init(element, theme, { renderer: 'canvas' });
}

let canvasSupport: boolean | null = null;

/** False where there is no 2D canvas (jsdom in DOM tests); the chart then shows a short note. */
export function canDrawCharts(): boolean {
  if (canvasSupport === null) {
    try {
      canvasSupport = Boolean(document.createElement('canvas').getContext('2d'));
    } catch {
      canvasSupport = false;
    }
  }
  return canvasSupport;
}
