// The incident's impact, urgency and priority beside the console's suggestion, in the side column.
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { PriorityBadge } from './IncidentBadges.tsx';
import { Suggestion } from './PriorityDialog.tsx';

export function PrioritySummary({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  return (
    <section className="incident-panel" aria-labelledby="incident-priority-heading">
      <h2 id="incident-priority-heading" className="panel-subtitle">
        {t('incidents.sections.priority')}
      </h2>
      <p data-testid="incident-priority" data-priority={incident.priority}>
        <PriorityBadge priority={incident.priority} />{' '}
        {t('incidents.priorityDialog.levels', {
          impact: t(`incidents.levels.${incident.impact}`),
          urgency: t(`incidents.levels.${incident.urgency}`),
        })}
      </p>
      <Suggestion incident={incident} />
    </section>
  );
}
