// Firing alerts on the home: how many (from the pushed counts) and the newest few, each linking
// to its incident; the whole stream is one click away.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOpsCounts, selectOpsFiring } from '../../store/operationsSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { SeverityBadge, SourceBadge } from '../alerts/AlertBadges.tsx';
import { HomeCard } from './HomeCard.tsx';

export function FiringAlertsCard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectOpsFiring);
  const counts = useAppStore(selectOpsCounts).data;
  const load = useAppStore((s) => s.loadOpsFiring);
  const openStream = useAppStore((s) => s.openAlertStream);
  const openIncident = useAppStore((s) => s.openIncident);
  const language = useAppStore((s) => s.language);
  const timeZone = useAppStore(selectTimeZone);
  return (
    <HomeCard
      title={t('operations.firing.title')}
      testId="home-firing"
      remote={remote}
      onRetry={() => void load()}
      action={
        <button
          type="button"
          className="link-btn"
          onClick={() => openStream({ state: 'firing' })}
          data-testid="home-firing-all"
        >
          {t('operations.firing.all')}
        </button>
      }
    >
      {(alerts) => {
        const total = Math.max(counts?.firingAlerts ?? alerts.length, alerts.length);
        if (total === 0)
          return (
            <div data-testid="home-firing-none">
              <EmptyState
                title={t('operations.firing.none')}
                detail={t('operations.firing.noneDetail')}
              />
            </div>
          );
        return (
          <>
            <p className="home-figure-line">
              <span className="home-figure home-figure-danger" data-testid="home-firing-count">
                {formatNumber(total, language)}
              </span>{' '}
              <span className="muted">{t('operations.firing.countLabel', { count: total })}</span>
            </p>
            <ul className="home-list">
              {alerts.map((alert) => (
                <li
                  key={alert.id}
                  className="home-alert"
                  data-testid="home-firing-alert"
                  data-id={alert.id}
                >
                  <div className="home-alert-badges">
                    <SeverityBadge severity={alert.severity} />
                    <SourceBadge source={alert.source} />
                  </div>
                  <div className="home-alert-text">
                    <span
                      className="home-alert-summary"
                      dir="auto"
                      data-testid="home-firing-summary"
                    >
                      {alert.summary || alert.rule}
                    </span>
                    <span className="muted home-alert-meta">
                      <span dir="ltr" className="mono">
                        {alert.rule}
                      </span>
                      {alert.service && (
                        <>
                          {' · '}
                          <span dir="ltr">{alert.service}</span>
                        </>
                      )}
                      {' · '}
                      <Timestamp iso={alert.startedAt} timeZone={timeZone} />
                    </span>
                  </div>
                  {alert.incidentId !== null && (
                    <button
                      type="button"
                      className="link-btn"
                      onClick={() => openIncident(alert.incidentId!)}
                      data-testid="home-firing-incident"
                    >
                      {t('alertStream.incident', { id: alert.incidentId })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </HomeCard>
  );
}
