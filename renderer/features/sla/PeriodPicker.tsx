// The report period: month or quarter, then the current one (to date) or a recent complete one (site's zone).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPeriod, periodKind, recentPeriods, type PeriodKind } from './period.ts';

const COUNT: Record<PeriodKind, number> = { month: 24, quarter: 8 };

export function PeriodPicker({
  value,
  timeZone,
  onChange,
}: {
  value: string;
  timeZone: string;
  onChange: (period: string) => void;
}) {
  const { t } = useTranslation();
  const kind = periodKind(value);
  const periods = useMemo(() => {
    const list = [
      currentPeriod(kind, new Date(), timeZone),
      ...recentPeriods(kind, new Date(), timeZone, COUNT[kind]),
    ];
    return list.includes(value) ? list : [value, ...list];
  }, [kind, value, timeZone]);
  const current = currentPeriod(kind, new Date(), timeZone);
  const switchKind = (next: PeriodKind) => {
    if (next !== kind) onChange(recentPeriods(next, new Date(), timeZone, 1)[0] ?? value);
  };
  return (
    <div className="sla-period" role="group" aria-label={t('sla.period.label')}>
      <div className="segmented">
        {(['month', 'quarter'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className="segment"
            aria-pressed={kind === k}
            onClick={() => switchKind(k)}
            data-testid="sla-period-kind"
            data-kind={k}
          >
            {t(`sla.period.${k}`)}
          </button>
        ))}
      </div>
      <select
        className="input select sla-period-select"
        dir="ltr"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={t('sla.period.label')}
        data-testid="sla-period"
      >
        {periods.map((p) => (
          <option key={p} value={p}>
            {p === current ? t('sla.period.toDate', { period: p }) : p}
          </option>
        ))}
      </select>
    </div>
  );
}
