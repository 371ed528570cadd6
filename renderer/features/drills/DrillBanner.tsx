// Across the top of every screen: while this client works in a drill, a striped DRILL banner with the
// drill's clock and Leave; while a drill runs and this client is not in it, a slim notice with Join.
// When the drill this client worked in ends, the page reloads onto the site's own data.
import './drills.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { formatDrillClock, useDrillTime } from './drillClock.ts';
import { selectDrillStatus } from './drillsSlice.ts';

function useLeaveWhenEnded() {
  const status = useAppStore(selectDrillStatus).data;
  const leaveEnded = useAppStore((s) => s.leaveEndedDrill);
  const wasJoined = useRef(false);
  const leaving = useRef(false);
  useEffect(() => {
    if (!status || leaving.current) return;
    const ended = (wasJoined.current && !status.isJoined) || (status.isJoined && !status.live);
    wasJoined.current = status.isJoined;
    if (!ended) return;
    leaving.current = true;
    leaveEnded().catch(() => {
      leaving.current = false;
    });
  }, [status, leaveEnded]);
}

export function DrillBanner() {
  const { t } = useTranslation();
  const canRead = useAppStore(selectCan('drills.read'));
  const remote = useAppStore(selectDrillStatus);
  const statusAtMs = useAppStore((s) => s.drillStatusAtMs);
  const load = useAppStore((s) => s.loadDrillStatus);
  const join = useAppStore((s) => s.joinDrill);
  const leave = useAppStore((s) => s.leaveDrill);
  const timeZone = useAppStore(selectTimeZone);
  const { busy, error, submit } = useSubmission();
  useEffect(() => {
    if (canRead) void load();
  }, [canRead, load]);
  useLeaveWhenEnded();
  const live = remote.data?.live ?? null;
  const drillMs = useDrillTime(live, statusAtMs);
  if (!live || drillMs === null) return null;

  if (!remote.data?.isJoined) {
    return (
      <section
        className="drill-notice"
        role="status"
        aria-label={t('drills.banner.noticeLabel')}
        data-testid="drill-notice"
      >
        <span dir="auto">{t('drills.banner.running', { title: live.title })}</span>
        <Button size="sm" busy={busy} onClick={() => submit(join)} data-testid="drill-join">
          {t('drills.banner.join')}
        </Button>
        {error && <ErrorNotice error={error} testId="drill-banner-error" />}
      </section>
    );
  }
  return (
    <section
      className="drill-banner"
      role="status"
      aria-live="polite"
      aria-label={t('drills.banner.label')}
      data-testid="drill-banner"
      data-state={live.state}
    >
      <span className="drill-banner-text">
        <strong className="drill-banner-mark">{t('drills.banner.mark')}</strong>
        <span aria-hidden="true"> — </span>
        <span dir="auto" data-testid="drill-banner-title">
          {live.title}
        </span>
        <span aria-hidden="true"> · </span>
        <span>
          {t('drills.banner.time')}{' '}
          <span className="mono" dir="ltr" aria-live="off" data-testid="drill-banner-clock">
            {formatDrillClock(drillMs, timeZone)} (×{live.speed})
          </span>
        </span>
        <span aria-hidden="true"> · </span>
        <span data-testid="drill-banner-state">{t(`drills.state.${live.state}`)}</span>
      </span>
      <Button size="sm" busy={busy} onClick={() => submit(leave)} data-testid="drill-leave">
        {t('drills.banner.leave')}
      </Button>
      {error && <ErrorNotice error={error} testId="drill-banner-error" />}
    </section>
  );
}
