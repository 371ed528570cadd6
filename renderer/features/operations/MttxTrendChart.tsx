// MTTD, MTTA and MTTR week by week, with data-* attributes saying what was drawn (for tests and
// screenshots without a canvas).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart.tsx';
import { mttxTrendOption, mttxUnit, type MttxWeek } from '../../charts/mttxOptions.ts';
import type { IncidentStats } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { useChartLocale } from '../slo/SloCharts.tsx';

export function MttxTrendChart({ trend }: { trend: IncidentStats['trend'] }) {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const locale = useChartLocale();
  const weeks: MttxWeek[] = useMemo(
    () =>
      trend.map((w) => ({
        weekStartMs: Date.parse(w.weekStart),
        mttdMinutes: w.mttdMinutes,
        mttaMinutes: w.mttaMinutes,
        mttrMinutes: w.mttrMinutes,
      })),
    [trend],
  );
  const option = useMemo(() => {
    const date = new Intl.DateTimeFormat(locale.locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: locale.timeZone,
      numberingSystem: 'latn',
    });
    return mttxTrendOption({
      weeks,
      names: { mttd: t('mttx.mttd'), mtta: t('mttx.mtta'), mttr: t('mttx.mttr') },
      unitLabels: { minutes: t('mttx.units.minutes'), hours: t('mttx.units.hours') },
      weekLabel: (ms) => t('mttx.trend.week', { date: date.format(ms) }),
      ...locale,
    });
  }, [weeks, t, locale]);
  const title = t('mttx.trend.title');
  const drawn = weeks.filter(
    (w) => w.mttdMinutes !== null || w.mttaMinutes !== null || w.mttrMinutes !== null,
  ).length;
  return (
    <section
      className="fleet-chart mttx-chart"
      aria-label={title}
      data-testid="mttx-trend"
      data-weeks={weeks.length}
      data-points={drawn}
      data-unit={mttxUnit(weeks)}
    >
      <header className="fleet-chart-header">
        <h3 className="fleet-chart-title">{title}</h3>
      </header>
      {drawn === 0 && <p className="fleet-chart-empty">{t('mttx.trend.noData')}</p>}
      <EChart option={option} theme={theme} ariaLabel={title} className="mttx-chart-canvas" />
    </section>
  );
}
