// Burn-rate alerts: state, severity, windows, burn rates against the threshold and their times in
// the site's zone. Used by the Alerts page (with the SLO column) and by an SLO's detail.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../shared/ipc/contract.ts';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { AlertStateBadge, SeverityBadge } from './SloBadges.tsx';
import { formatBurnRate } from './sloFormat.ts';
import { formatMinutes } from '../../../shared/domain/slo/durations.ts';

/** A left-to-right figure inside translated text (e.g. "16.2×" in an Arabic sentence) keeps its order. */
const isolated = (text: string) => `\u2066${text}\u2069`;

interface AlertTableProps {
  alerts: readonly Alert[];
  timeZone: string;
  /** Shows the SLO column with a link to its detail. */
  onOpenSlo?: (name: string) => void;
  caption: string;
}

export function AlertTable({ alerts, timeZone, onOpenSlo, caption }: AlertTableProps) {
  const { t } = useTranslation();
  const time = (iso: string | null) =>
    iso ? <Timestamp iso={iso} timeZone={timeZone} /> : <span className="muted">—</span>;
  return (
    <Table
      caption={caption}
      head={
        <tr>
          <th>{t('alerts.columns.state')}</th>
          <th>{t('alerts.columns.severity')}</th>
          {onOpenSlo && <th>{t('alerts.columns.slo')}</th>}
          <th>{t('alerts.columns.summary')}</th>
          <th>{t('alerts.columns.windows')}</th>
          <th>{t('alerts.columns.burnRates')}</th>
          <th>{t('alerts.columns.started')}</th>
          <th>{t('alerts.columns.firing')}</th>
          <th>{t('alerts.columns.resolved')}</th>
        </tr>
      }
    >
      {alerts.map((alert) => (
        <tr
          key={alert.id}
          data-testid="alert-row"
          data-state={alert.state}
          data-severity={alert.severity}
          data-slo={alert.sloName}
        >
          <td>
            <AlertStateBadge state={alert.state} />
          </td>
          <td>
            <SeverityBadge severity={alert.severity} />
          </td>
          {onOpenSlo && (
            <td>
              <button
                type="button"
                className="link-btn mono"
                dir="ltr"
                onClick={() => onOpenSlo(alert.sloName)}
                data-testid="alert-slo-link"
              >
                {alert.sloName}
              </button>
            </td>
          )}
          {/* Composed here, in the operator's language; the stored English summary is for the alert stream's consumers. */}
          <td className="alert-summary" data-testid="alert-summary">
            {t('alerts.summaryText', {
              burn: isolated(formatBurnRate(alert.burnRateLong)),
              peak: isolated(formatBurnRate(alert.peakBurnRate)),
            })}
          </td>
          <td className="mono nowrap">
            <span dir="ltr">
              {formatMinutes(alert.longMinutes)} / {formatMinutes(alert.shortMinutes)}
            </span>
          </td>
          <td className="nowrap">
            <span dir="ltr">
              <span className="mono">
                {formatBurnRate(alert.burnRateLong)} / {formatBurnRate(alert.burnRateShort)}
              </span>
              <span className="muted"> ≥ {formatBurnRate(alert.threshold)}</span>
            </span>
          </td>
          <td className="nowrap">{time(alert.startedAt)}</td>
          <td className="nowrap">{time(alert.firingAt)}</td>
          <td className="nowrap">{time(alert.resolvedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
