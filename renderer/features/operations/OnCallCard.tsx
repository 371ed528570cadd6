// Who is on call now, per schedule: the person, until when, and who takes over next; a schedule
// with nobody on call is called out, since a page to it would reach no one.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectOpsOnCall } from '../../store/operationsSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { HomeCard } from './HomeCard.tsx';

export function OnCallCard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectOpsOnCall);
  const load = useAppStore((s) => s.loadOpsOnCall);
  const timeZone = useAppStore(selectTimeZone);
  return (
    <HomeCard
      title={t('operations.oncall.title')}
      testId="home-oncall"
      remote={remote}
      onRetry={() => void load()}
    >
      {(who) =>
        who.schedules.length === 0 ? (
          <EmptyState
            title={t('operations.oncall.noSchedules')}
            detail={t('operations.oncall.noSchedulesDetail')}
          />
        ) : (
          <ul className="home-list">
            {who.schedules.map((s) => (
              <li
                key={s.scheduleId}
                className="home-alert"
                data-testid="home-oncall-schedule"
                data-schedule={s.scheduleName}
                data-username={s.onCall?.username ?? ''}
              >
                <div className="home-alert-text">
                  <span className="muted home-alert-meta">{s.scheduleName}</span>
                  {s.onCall ? (
                    <span className="oncall-person">
                      <span dir="ltr" className="oncall-name">
                        {s.onCall.username}
                      </span>
                      {s.onCall.source === 'override' && (
                        <Badge tone="accent">{t('operations.oncall.override')}</Badge>
                      )}
                    </span>
                  ) : (
                    <span className="danger-text" data-testid="home-oncall-nobody">
                      {t('operations.oncall.nobody')}
                    </span>
                  )}
                  <span className="muted home-alert-meta">
                    {s.onCall?.until && (
                      <>
                        {t('operations.oncall.until')}{' '}
                        <Timestamp iso={s.onCall.until} timeZone={timeZone} />
                      </>
                    )}
                    {s.next && (
                      <>
                        {s.onCall?.until ? ' · ' : ''}
                        {t('operations.oncall.next')} <span dir="ltr">{s.next.username}</span>{' '}
                        <Timestamp iso={s.next.at} timeZone={timeZone} />
                      </>
                    )}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )
      }
    </HomeCard>
  );
}
