import * as echarts from 'echarts';
import { timeSeriesOption } from '/work/main/renderer/charts/timeSeriesOption.ts';
import { heatmapOption } from '/work/main/renderer/charts/heatmapOption.ts';
import { buildChartTheme } from '/work/main/renderer/charts/theme.ts';
import { DEFAULT_PALETTE } from '/work/main/renderer/charts/types.ts';
const t0 = Date.parse('2025-03-04T10:00:00Z');
const pts = Array.from({ length: 50 }, (_, i) => [t0 + i * 5000, 400 + i * 5] as [number, number]);
for (const rtl of [false, true]) {
  const c = echarts.init(null, buildChartTheme(DEFAULT_PALETTE), { renderer: 'svg', ssr: true, width: 600, height: 220 });
  c.setOption(timeSeriesOption([{ name: 'Power', points: pts, area: true }, { name: 'x', points: pts }], { rtl, unit: 'W', timeZone: 'Asia/Dubai', locale: 'en-GB', thresholds: [{ value: 700, label: 'Power limit', tone: 'danger' }], bands: [{ fromMs: t0 + 10000, toMs: t0 + 60000, label: 'SW power cap', tone: 'warning' }] }));
  const svg = c.renderToSVGString();
  console.log(rtl, svg.length, svg.includes('Power limit'), svg.includes('SW power cap'), /14:0\d/.test(svg));
  const h = echarts.init(null, buildChartTheme(DEFAULT_PALETTE), { renderer: 'svg', ssr: true, width: 600, height: 300 });
  h.setOption(heatmapOption({ hostLabels: ['a <b>', 'b'], gpuLabels: ['GPU 0', 'GPU 1'], cells: [[0, 0, 50], [1, 1, null]], unit: '%', min: 0, max: 100, rtl }));
  console.log('heatmap', h.renderToSVGString().length);
}
