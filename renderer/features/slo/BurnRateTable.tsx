// The multi-window burn-rate rules of one SLO and how fast the budget burns in each window now:
// a rule fires when both its windows burn above the threshold and traffic is above the guard.
import { useTranslation } from 'react-i18next';
import type { SloDetail } from '../../../shared/ipc/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Table } from '../../ui/Table.tsx';
import { SeverityBadge } from './SloBadges.tsx';
import { formatBurnRate, formatPercent } from './sloFormat.ts';
import { formatMinutes } from '../../../shared/domain/slo/durations.ts';

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
        const isBurning = isOver(row.long, row.threshold) && isOver(row.short, row.threshold);
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
            <td className="mono">
              <span dir="ltr">{formatBurnRate(row.threshold)}</span>
            </td>
            <td className={`mono${isOver(row.long, row.threshold) ? ' danger-text' : ''}`}>
              <span dir="ltr">{formatBurnRate(row.long)}</span>
            </td>
            <td className={`mono${isOver(row.short, row.threshold) ? ' danger-text' : ''}`}>
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
