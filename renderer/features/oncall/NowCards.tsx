// "On call now": one card per schedule with the person, until when, and who is next.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallWho } from '../../store/oncallSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { useDisplayName } from './oncallText.ts';

export function NowCards({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const who = useAppStore(selectOnCallWho);
  const load = useAppStore((s) => s.loadOnCall);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const name = useDisplayName();
  const when = (iso: string) => formatDateTime(iso, timeZone, language);

  if (who.error && !who.data)
    return <ErrorNotice error={who.error} onRetry={() => void load()} testId="oncall-now-error" />;
  if (!who.data) return <LoadingBlock />;
  if (who.data.schedules.length === 0) {
    return (
      <div data-testid="oncall-empty">
        <EmptyState
          title={t('oncall.now.empty')}
          detail={canManage ? t('oncall.now.emptyDetail') : t('oncall.now.emptyDetailViewer')}
        />
      </div>
    );
  }
  return (
    <section className="card-grid oncall-now" aria-label={t('oncall.now.title')}>
      {who.data.schedules.map((s) => (
        <article
          key={s.scheduleId}
          className="card oncall-now-card"
          data-testid="oncall-now-card"
          data-schedule={s.scheduleName}
          data-username={s.onCall?.username ?? ''}
        >
          <h2 className="card-title">{s.scheduleName}</h2>
          <div className="card-body">
            {s.onCall ? (
              <>
                <p className="card-figure">
                  {name(s.onCall.username)}{' '}
                  {s.onCall.source === 'override' && (
                    <Badge tone="accent">{t('oncall.shift.override')}</Badge>
                  )}
                </p>
                <p className="card-note">
                  {s.onCall.until
                    ? t('oncall.now.until', { time: when(s.onCall.until) })
                    : t('oncall.now.noHandoff')}
                </p>
              </>
            ) : (
              <p className="card-figure muted">{t('oncall.now.nobody')}</p>
            )}
            {s.next && (
              <p className="card-note" data-testid="oncall-now-next">
                {t('oncall.now.next', { name: name(s.next.username), time: when(s.next.at) })}
              </p>
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
