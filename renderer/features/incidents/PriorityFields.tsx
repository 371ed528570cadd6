// Impact × urgency, and the priority they make, shown as the operator picks (ITIL's matrix).
import { useTranslation } from 'react-i18next';
import { LEVELS, priorityFor, type Level } from '../../../shared/domain/incidents/index.ts';
import { SelectField } from '../../ui/Field.tsx';
import { PriorityBadge } from './IncidentBadges.tsx';

export function PriorityFields({
  impact,
  urgency,
  onChange,
  testIdPrefix,
}: {
  impact: Level;
  urgency: Level;
  onChange: (next: { impact: Level; urgency: Level }) => void;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const priority = priorityFor(impact, urgency);
  return (
    <div className="incident-priority-fields">
      <SelectField
        label={t('incidents.fields.impact')}
        hint={t('incidents.fields.impactHint')}
        value={impact}
        onChange={(e) => onChange({ impact: e.target.value as Level, urgency })}
        data-testid={`${testIdPrefix}-impact`}
      >
        {LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`incidents.levels.${level}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('incidents.fields.urgency')}
        hint={t('incidents.fields.urgencyHint')}
        value={urgency}
        onChange={(e) => onChange({ impact, urgency: e.target.value as Level })}
        data-testid={`${testIdPrefix}-urgency`}
      >
        {LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`incidents.levels.${level}`)}
          </option>
        ))}
      </SelectField>
      <div className="incident-priority-result" aria-live="polite">
        <span className="field-label">{t('incidents.fields.priority')}</span>
        <span data-testid={`${testIdPrefix}-priority`} data-priority={priority}>
          <PriorityBadge priority={priority} /> {t(`incidents.priority.${priority}`)}
        </span>
      </div>
    </div>
  );
}
