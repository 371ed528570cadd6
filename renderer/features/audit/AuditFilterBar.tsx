import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import {
  AUDIT_OUTCOME_LIST,
  selectAuditFilters,
  type AuditOutcome,
} from '../../store/auditSlice.ts';

export function AuditFilterBar() {
  const { t } = useTranslation();
  const filters = useAppStore(selectAuditFilters);
  const setFilters = useAppStore((s) => s.setAuditFilters);
  return (
    <div className="filter-bar" role="search" aria-label={t('audit.filters')}>
      <input
        type="search"
        className="input filter-text"
        placeholder={t('audit.filterText')}
        aria-label={t('audit.filterText')}
        value={filters.text}
        onChange={(e) => setFilters({ text: e.target.value })}
        maxLength={200}
        data-testid="audit-filter-text"
      />
      <input
        className="input"
        placeholder={t('audit.columns.action')}
        aria-label={t('audit.columns.action')}
        value={filters.action}
        onChange={(e) => setFilters({ action: e.target.value })}
        maxLength={100}
        dir="ltr"
        data-testid="audit-filter-action"
      />
      <input
        className="input"
        placeholder={t('audit.columns.actor')}
        aria-label={t('audit.columns.actor')}
        value={filters.actor}
        onChange={(e) => setFilters({ actor: e.target.value })}
        maxLength={100}
        data-testid="audit-filter-actor"
      />
      <select
        className="input select"
        aria-label={t('audit.columns.outcome')}
        value={filters.outcome}
        onChange={(e) => setFilters({ outcome: e.target.value as AuditOutcome | '' })}
        data-testid="audit-filter-outcome"
      >
        <option value="">{t('audit.anyOutcome')}</option>
        {AUDIT_OUTCOME_LIST.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`audit.outcomes.${outcome}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
