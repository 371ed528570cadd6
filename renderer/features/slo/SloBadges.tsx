// Status, alert state and severity badges: the same words and colours wherever an SLO appears.
import { useTranslation } from 'react-i18next';
import type { AlertState } from '../../../shared/domain/slo/alerts.ts';
import type { SloStatus } from '../../store/sloSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';

export const STATUS_TONE: Record<SloStatus, Tone> = {
  ok: 'success',
  at_risk: 'warning',
  breached: 'danger',
  not_enough_data: 'accent',
  no_data: 'neutral',
  invalid: 'danger',
};

const ALERT_TONE: Record<AlertState, Tone> = {
  pending: 'warning',
  firing: 'danger',
  resolved: 'success',
};

export function SloStatusBadge({ status }: { status: SloStatus }) {
  const { t } = useTranslation();
  return (
    <span className="slo-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`slo.status.${status}`)}</Badge>
    </span>
  );
}

export function AlertStateBadge({ state }: { state: AlertState }) {
  const { t } = useTranslation();
  return <Badge tone={ALERT_TONE[state]}>{t(`alerts.states.${state}`)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: 'page' | 'ticket' }) {
  const { t } = useTranslation();
  return (
    <Badge tone={severity === 'page' ? 'danger' : 'accent'}>
      {t(`alerts.severity.${severity}`)}
    </Badge>
  );
}
