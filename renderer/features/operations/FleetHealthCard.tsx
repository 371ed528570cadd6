// Fleet health at a glance: hosts down and GPUs unhealthy against the fleet's size.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOpsFleet } from '../../store/operationsSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { HomeCard } from './HomeCard.tsx';

export function FleetHealthCard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectOpsFleet);
  const load = useAppStore((s) => s.loadOpsFleet);
  const navigate = useAppStore((s) => s.navigate);
  const language = useAppStore((s) => s.language);
  const n = (value: number) => formatNumber(value, language);
  return (
    <HomeCard
      title={t('operations.fleet.title')}
      testId="home-fleet"
      remote={remote}
      onRetry={() => void load()}
      action={
        <button type="button" className="link-btn" onClick={() => navigate('fleet')}>
          {t('operations.fleet.open')}
        </button>
      }
    >
      {(health) =>
        health.hostsTotal === 0 ? (
          <EmptyState title={t('operations.fleet.noHosts')} />
        ) : (
          <dl className="home-stats">
            <div
              className={`home-stat${health.hostsDown > 0 ? ' home-stat-danger' : ' home-stat-ok'}`}
              data-testid="home-hosts-down"
              data-count={health.hostsDown}
            >
              <dt>{t('operations.fleet.hostsDown')}</dt>
              <dd>
                <span className="home-figure">{n(health.hostsDown)}</span>{' '}
                <span className="muted">
                  {t('operations.fleet.ofTotal', { total: n(health.hostsTotal) })}
                </span>
              </dd>
            </div>
            <div
              className={`home-stat${
                health.gpusCritical > 0
                  ? ' home-stat-danger'
                  : health.gpusUnhealthy > 0
                    ? ' home-stat-warning'
                    : ' home-stat-ok'
              }`}
              data-testid="home-gpus-unhealthy"
              data-count={health.gpusUnhealthy}
            >
              <dt>{t('operations.fleet.gpusUnhealthy')}</dt>
              <dd>
                <span className="home-figure">{n(health.gpusUnhealthy)}</span>{' '}
                <span className="muted">
                  {t('operations.fleet.ofTotal', { total: n(health.gpusTotal) })}
                </span>
                {health.gpusCritical > 0 && (
                  <span className="home-stat-note">
                    {t('operations.fleet.critical', {
                      count: health.gpusCritical,
                      formatted: n(health.gpusCritical),
                    })}
                  </span>
                )}
              </dd>
            </div>
          </dl>
        )
      }
    </HomeCard>
  );
}
