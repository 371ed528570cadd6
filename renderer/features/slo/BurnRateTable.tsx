// The multi-window burn-rate rules of one SLO and how fast the budget burns in each window now:
// a rule fires when both its windows burn above the threshold and traffic is above the guard. While a
// long window is not yet covered by data its threshold is raised in proportion, and the table says so.
import { useTranslation } from 'react-i18next';
import { isolateLtr } from '../../i18n/format.ts';
import type { SloDetail } from '../../../shared/ipc/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Table } from '../../ui/Table.tsx';
import { SeverityBadge } from './SloBadges.tsx';
import { formatBurnRate, formatPercent } from './sloFormat.ts';
import { formatMinutes } from '../../../shared/domain/slo/durations.ts';
import { formatSpan } from './SloCoverage.tsx';

type BurnRateRow = SloDetail['burnRates'][number];

const isOver = (value: number | null, threshold: number) => value !== null && value >= threshold;

export function BurnRateTable({ rows }: { rows: readonly BurnRateRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('slo.burn.none')}</p>;
  return (
    <Table
      caption={t('slo.burn.title')}
      head={
        <tr>
          <th>{t('slo.burn.severity')}</th>
          <th>{t('slo.burn.windows')}</th>
          <th>{t('slo.burn.budgetFraction')}</th>
          <th>{t('slo.burn.threshold')}</th>
          <th>{t('slo.burn.long')}</th>
          <th>{t('slo.burn.short')}</th>
          <th>{t('slo.burn.guard')}</th>
        </tr>
      }
    >
      {rows.map((row) => {
        const isRaised = row.observedMinutes < row.longMinutes;
        // No data yet: nothing can burn past it.
        const threshold = row.effectiveThreshold ?? Infinity;
        const isBurning = isOver(row.long, threshold) && isOver(row.short, threshold);
        return (
          <tr
            key={`${row.severity}-${row.longMinutes}-${row.shortMinutes}`}
            className={isBurning ? 'slo-burning' : undefined}
            data-testid="slo-burn-row"
            data-severity={row.severity}
            data-burning={isBurning}
          >
            <td>
              <SeverityBadge severity={row.severity} />
            </td>
            <td className="mono">
              <span dir="ltr">
                {formatMinutes(row.longMinutes)} / {formatMinutes(row.shortMinutes)}
              </span>
            </td>
            <td>
              <span dir="ltr">{formatPercent(row.budgetFraction, 1)}</span>
            </td>
            <td className="mono" data-testid="slo-burn-threshold" data-raised={isRaised}>
              <span dir="ltr">
                {formatBurnRate(isRaised ? row.effectiveThreshold : row.threshold)}
              </span>
              {isRaised && (
                <div className="muted slo-burn-raised">
                  {t('sloCoverage.thresholdRaised', {
                    threshold: isolateLtr(formatBurnRate(row.threshold)),
                    observed: formatSpan(row.observedMinutes, t),
                    window: formatSpan(row.longMinutes, t),
                  })}
                </div>
              )}
            </td>
            <td className={`mono${isOver(row.long, threshold) ? ' danger-text' : ''}`}>
              <span dir="ltr">{formatBurnRate(row.long)}</span>
            </td>
            <td className={`mono${isOver(row.short, threshold) ? ' danger-text' : ''}`}>
              <span dir="ltr">{formatBurnRate(row.short)}</span>
            </td>
            <td>
              {row.isGuarded ? (
                <Badge tone="warning">{t('slo.burn.guarded')}</Badge>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
