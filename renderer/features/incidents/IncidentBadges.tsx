// Priority, state and major marks: the same words and colours wherever an incident appears. Type
// imports only: the paging bar in the shell uses these too.
import { useTranslation } from 'react-i18next';
import type { IncidentState, Priority } from '../../../shared/domain/incidents/index.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';

const STATE_TONE: Record<IncidentState, Tone> = {
  new: 'danger',
  in_progress: 'accent',
  on_hold: 'warning',
  resolved: 'success',
  closed: 'neutral',
  canceled: 'neutral',
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span
      className={`incident-priority incident-priority-${priority}`}
      data-priority={priority}
      title={t(`incidents.priority.${priority}`)}
      dir="ltr"
    >
      {priority}
    </span>
  );
}

export function StateBadge({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return (
    <span className="incident-state" data-state={state}>
      <Badge tone={STATE_TONE[state]}>{t(`incidents.states.${state}`)}</Badge>
    </span>
  );
}

export function MajorMark() {
  const { t } = useTranslation();
  return (
    <span className="incident-major" data-testid="incident-major">
      {t('incidents.major')}
    </span>
  );
}
