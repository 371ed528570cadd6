// The one React wrapper around an ECharts instance: created once per theme, updated in place with
// updateChart as data arrives, resized with its box, disposed on unmount.
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { canDrawCharts } from './canvas.ts';
import type { ECharts } from './echarts.ts';
import { buildChartTheme, readChartPalette } from './theme.ts';
import type { ChartOption } from './types.ts';
import { updateChart } from './updateChart.ts';

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  value: unknown;
}

interface EChartProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onClick'> {
  option: ChartOption;
  /** The UI theme: the instance is rebuilt with a theme object read from the CSS variables. */
  theme: 'dark' | 'light';
  ariaLabel: string;
  onItemClick?: (click: ChartClick) => void;
  /** Width in CSS pixels whenever it changes (callers ask the backend for about that many points). */
  onWidth?: (width: number) => void;
}

export function EChart({
  option,
  theme,
  ariaLabel,
  onItemClick,
  onWidth,
  className,
  ...rest
}: EChartProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef({ option, onItemClick, onWidth });
  latest.current = { option, onItemClick, onWidth };
  const [drawable] = useState(canDrawCharts);
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const reportWidth = () => latest.current.onWidth?.(element.clientWidth);
    reportWidth();
    if (!drawable) return;
    let unmounted = false;
    let instance: ECharts | null = null;
    const observer = new ResizeObserver(() => {
      reportWidth();
      instance?.resize();
    });
    import('./echarts.ts').then(
      ({ createChart }) => {
        if (unmounted) return;
        instance = createChart(element, buildChartTheme(readChartPalette()));
        chart.current = instance;
        instance.setOption(latest.current.option);
        instance.on('click', (params) => {
          latest.current.onItemClick?.({
            seriesIndex: params.seriesIndex ?? 0,
            dataIndex: params.dataIndex,
            value: params.value,
          });
        });
        observer.observe(element);
      },
      () => {
        if (!unmounted) setLoadFailed(true);
      },
    );
    return () => {
      unmounted = true;
      observer.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, [theme, drawable]);

  useEffect(() => {
    if (chart.current) updateChart(chart.current, option);
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={ariaLabel}
      className={`echart${className ? ` ${className}` : ''}`}
      {...rest}
    >
      {(!drawable || loadFailed) && <p className="echart-unavailable">{t('charts.unavailable')}</p>}
    </div>
  );
}
