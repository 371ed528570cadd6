// The queue's filter bar: free text ('/' jumps here), priority, state, category and service. The
// filter runs on the rows already held, so it answers on every keystroke.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_STATES,
  PRIORITIES,
  type IncidentCategory,
  type Priority,
} from '../../../shared/domain/incidents/index.ts';
import type { IncidentFilter, IncidentStateFilter } from '../../store/incidentsViewSlice.ts';
import { Button } from '../../ui/Button.tsx';

interface IncidentFiltersProps {
  textRef: Ref<HTMLInputElement>;
  filter: IncidentFilter;
  services: readonly string[];
  onChange: (patch: Partial<IncidentFilter>) => void;
  onClear: () => void;
}

export function IncidentFilters({
  textRef,
  filter,
  services,
  onChange,
  onClear,
}: IncidentFiltersProps) {
  const { t } = useTranslation();
  return (
    <div className="incident-filters" role="search" aria-label={t('incidents.filter.label')}>
      <input
        ref={textRef}
        className="input incident-filter-text"
        type="search"
        value={filter.text}
        onChange={(e) => onChange({ text: e.target.value })}
        placeholder={t('incidents.filter.text')}
        aria-label={t('incidents.filter.text')}
        aria-keyshortcuts="/"
        data-testid="incident-filter-text"
      />
      <select
        className="input select"
        value={filter.priority}
        onChange={(e) => onChange({ priority: e.target.value as Priority | 'all' })}
        aria-label={t('incidents.filter.priority')}
        data-testid="incident-filter-priority"
      >
        <option value="all">{t('incidents.filter.allPriorities')}</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p} · {t(`incidents.priority.${p}`)}
          </option>
        ))}
      </select>
      <select
        className="input select"
        value={filter.state}
        onChange={(e) => onChange({ state: e.target.value as IncidentStateFilter })}
        aria-label={t('incidents.filter.state')}
        data-testid="incident-filter-state"
      >
        <option value="open">{t('incidents.filter.open')}</option>
        <option value="all">{t('incidents.filter.allStates')}</option>
        {INCIDENT_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`incidents.states.${s}`)}
          </option>
        ))}
      </select>
      <select
        className="input select"
        value={filter.category}
        onChange={(e) => onChange({ category: e.target.value as IncidentCategory | 'all' })}
        aria-label={t('incidents.filter.category')}
        data-testid="incident-filter-category"
      >
        <option value="all">{t('incidents.filter.allCategories')}</option>
        {INCIDENT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`incidents.categories.${c}`)}
          </option>
        ))}
      </select>
      <select
        className="input select"
        value={filter.service}
        onChange={(e) => onChange({ service: e.target.value })}
        aria-label={t('incidents.filter.service')}
        data-testid="incident-filter-service"
      >
        <option value="">{t('incidents.filter.allServices')}</option>
        {services.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <Button variant="ghost" size="sm" onClick={onClear} data-testid="incident-filter-clear">
        {t('incidents.filter.clear')}
      </Button>
    </div>
  );
}
