// The SLO burn-rate alerts, as the SLO evaluator raises them, newest first, filtered by state and
// live on slo.changed; each links to its SLO.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_STATES } from '../../../shared/domain/slo/alerts.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { selectAlertStream } from '../../store/sloSlice.ts';
import type { AlertViewFilter } from '../../store/sloViewSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { AlertTable } from '../slo/AlertTable.tsx';

const FILTERS: AlertViewFilter[] = ['open', 'all', ...ALERT_STATES];

export function SloAlertsTab() {
  const { t } = useTranslation();
  const remote = useAppStore(selectAlertStream);
  const filter = useAppStore((s) => s.alertsFilter);
  const setFilter = useAppStore((s) => s.setAlertsFilter);
  const load = useAppStore((s) => s.loadAlerts);
  const openSlo = useAppStore((s) => s.openSlo);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);

  useEffect(() => {
    void load();
  }, [filter, load]);

  const alerts = remote.data;
  return (
    <div className="tab-content" data-testid="slo-alerts-tab">
      <div className="stream-bar">
        <div className="segmented" role="group" aria-label={t('alerts.filter')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className="segment"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              data-testid="alerts-filter"
              data-filter={f}
            >
              {t(`alerts.filters.${f}`)}
            </button>
          ))}
        </div>
        {alerts && (
          <p className="muted">
            {t('alerts.count', {
              count: alerts.length,
              shown: formatNumber(alerts.length, language),
            })}
          </p>
        )}
      </div>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="alerts-error" />
      )}
      {!alerts && remote.status === 'loading' && <LoadingBlock />}
      {alerts && alerts.length === 0 && (
        <div data-testid="alerts-empty">
          <EmptyState
            title={t(`alerts.empty.${filter === 'all' ? 'all' : 'filtered'}`)}
            detail={t('alerts.empty.detail')}
          />
        </div>
      )}
      {alerts && alerts.length > 0 && (
        <AlertTable
          alerts={alerts}
          timeZone={timeZone}
          onOpenSlo={openSlo}
          caption={t('alertStream.tabs.slo')}
        />
      )}
    </div>
  );
}
