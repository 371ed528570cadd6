// How a drawn chart takes a new option. Series and the legend are replaced, the rest merged: a
// removed band or line does not linger, and a legend hidden while a chart waited for its data (or
// placed for the other reading direction) is drawn afresh once its series arrive.
import type { ECharts } from './echarts.ts';
import type { ChartOption } from './types.ts';

export function updateChart(chart: Pick<ECharts, 'setOption'>, option: ChartOption): void {
  chart.setOption(option, { lazyUpdate: true, replaceMerge: ['series', 'legend'] });
}
