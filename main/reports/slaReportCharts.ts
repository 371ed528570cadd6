// One chart per SLO (daily SLI against the objective) as inline SVG, drawn by ECharts' server-side
// renderer so the PDF needs no script and no network. Only the parts the chart uses are registered.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { SlaReport } from '../../shared/ipc/sloSchemas.ts';
import { formatDay } from './reportFormat.ts';
import type { ReportLanguage } from './reportText.ts';

echarts.use([LineChart, GridComponent, MarkLineComponent, SVGRenderer]);

export interface SliChartInput {
  daily: SlaReport['slos'][number]['daily'];
  objective: number | null;
  timeZone: string;
  language: ReportLanguage;
  fontFamily: string;
  /** date-fns pattern of the category labels (default: the day, `d MMM`). */
  labelPattern?: string;
}

/** A4 text width at 96 dpi less the page margins: the chart fills the column without scaling. */
export const CHART_WIDTH = 680;
export const CHART_HEIGHT = 210;

const SLI_COLOUR = '#1d4ed8';
const OBJECTIVE_COLOUR = '#b91c1c';
const AXIS_COLOUR = '#6b7280';

const STEPS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25] as const;

/** A y-axis from a tidy floor up to 100 % in at most five equal steps, showing the worst day and the objective. */
export function sliAxis(
  values: number[],
  objective: number | null,
): { min: number; interval: number; digits: number } {
  const lowest = Math.min(...values, objective ?? 1, 1) * 100;
  // reason: a little headroom below the lowest point so it does not sit on the axis line.
  const wanted = Math.max(100 - lowest, 0.1) * 1.15;
  const interval = STEPS.find((step) => wanted / step <= 5) ?? 25;
  const min = Math.max(0, 100 - Math.ceil(wanted / interval - 1e-9) * interval);
  const digits = String(interval).split('.')[1]?.length ?? 0;
  return { min: Number(min.toFixed(2)), interval, digits };
}

/** The chart as an SVG string, or null when the SLO has no daily data to draw. */
export function renderSliChartSvg(input: SliChartInput): string | null {
  const points = input.daily.filter((p) => Number.isFinite(p.t));
  const values = points.flatMap((p) =>
    p.value !== null && Number.isFinite(p.value) ? [p.value] : [],
  );
  if (values.length === 0) return null;
  const axis = sliAxis(values, input.objective);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: input.fontFamily, fontSize: 11, color: AXIS_COLOUR },
      grid: { left: 64, right: 20, top: 16, bottom: 36 },
      // reason: a category axis of site-local days; ECharts' time axis would use the machine's zone.
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: points.map((p) =>
          formatDay(p.t, input.timeZone, input.language, input.labelPattern ?? 'd MMM'),
        ),
        axisLabel: { hideOverlap: true, color: AXIS_COLOUR },
        axisLine: { lineStyle: { color: '#9ca3af' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: axis.min,
        max: 100,
        interval: axis.interval,
        axisLabel: {
          formatter: (value: number) => `${value.toFixed(axis.digits)} %`,
          color: AXIS_COLOUR,
        },
        splitLine: { lineStyle: { color: '#e5e7eb' } },
      },
      series: [
        {
          type: 'line',
          data: points.map((p) =>
            p.value === null || !Number.isFinite(p.value) ? null : p.value * 100,
          ),
          connectNulls: false,
          showSymbol: points.length <= 45,
          symbolSize: 4,
          lineStyle: { width: 2, color: SLI_COLOUR },
          itemStyle: { color: SLI_COLOUR },
          markLine:
            input.objective === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  label: { show: false },
                  lineStyle: { type: 'dashed', width: 1.5, color: OBJECTIVE_COLOUR },
                  data: [{ yAxis: input.objective * 100 }],
                },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
