// The facilitator's view of the live drill: state, clock and progress, pause/resume and end, injects
// to apply now, hints to release, who takes part, the drill's incident and its timeline.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveDrill } from '../../../shared/ipc/drillSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Table } from '../../ui/Table.tsx';
import { drillMinuteAt, formatDrillClock, useDrillTime } from './drillClock.ts';
import { DrillTimeline } from './DrillTimeline.tsx';

function Controls({ live }: { live: LiveDrill }) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const end = useAppStore((s) => s.endDrill);
  const join = useAppStore((s) => s.joinDrill);
  const isJoined = useAppStore((s) => s.drillStatus.data?.isJoined ?? false);
  const canRun = useAppStore(selectCan('drills.run'));
  const [confirmEnd, setConfirmEnd] = useState(false);
  const { busy, error, submit } = useSubmission();
  return (
    <div className="drill-row">
      {canRun && live.state === 'running' && (
        <Button
          busy={busy}
          onClick={() => submit(() => call('drill.pause', {}))}
          data-testid="drill-pause"
        >
          {t('drills.live.pause')}
        </Button>
      )}
      {canRun && live.state === 'paused' && (
        <Button
          busy={busy}
          onClick={() => submit(() => call('drill.resume', {}))}
          data-testid="drill-resume"
        >
          {t('drills.live.resume')}
        </Button>
      )}
      {canRun && (
        <Button variant="danger" onClick={() => setConfirmEnd(true)} data-testid="drill-end">
          {t('drills.live.end')}
        </Button>
      )}
      {!isJoined && (
        <Button
          variant="primary"
          busy={busy}
          onClick={() => submit(join)}
          data-testid="drill-live-join"
        >
          {t('drills.banner.join')}
        </Button>
      )}
      {error && <ErrorNotice error={error} testId="drill-control-error" />}
      {confirmEnd && (
        <ConfirmDialog
          title={t('drills.live.endTitle')}
          body={t('drills.live.endBody')}
          confirmLabel={t('drills.live.end')}
          name={live.title}
          onConfirm={async () => {
            await end();
          }}
          onClose={() => setConfirmEnd(false)}
          testId="drill-end-confirm"
        />
      )}
    </div>
  );
}

function InjectsAndHints({ live }: { live: LiveDrill }) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const canRun = useAppStore(selectCan('drills.run'));
  const { busy, error, submit } = useSubmission();
  return (
    <>
      <Table
        caption={t('drills.live.injects')}
        head={
          <tr>
            <th scope="col">{t('drills.live.plannedAt')}</th>
            <th scope="col">{t('drills.live.inject')}</th>
            <th scope="col">{t('drills.columns.state')}</th>
            {canRun && <th scope="col">{t('drills.columns.actions')}</th>}
          </tr>
        }
      >
        {live.injects.map((inject) => (
          <tr key={inject.index} data-testid="drill-inject-row" data-applied={inject.isApplied}>
            <td>{t('drills.minute', { minute: inject.at })}</td>
            <td className="mono" dir="ltr">
              {inject.kind} → {inject.target}
            </td>
            <td>
              <Badge tone={inject.isApplied ? 'danger' : 'neutral'}>
                {t(inject.isApplied ? 'drills.live.applied' : 'drills.live.planned')}
              </Badge>
            </td>
            {canRun && (
              <td>
                <Button
                  size="sm"
                  busy={busy}
                  disabled={inject.isApplied}
                  onClick={() => submit(() => call('drill.inject', { index: inject.index }))}
                  data-testid="drill-inject-now"
                >
                  {t('drills.live.injectNow')}
                </Button>
              </td>
            )}
          </tr>
        ))}
      </Table>
      <h3>{t('drills.scenario.hints')}</h3>
      {live.hints.length === 0 && <p className="muted">{t('drills.scenario.noHints')}</p>}
      <ul className="drill-list">
        {live.hints.map((hint) => (
          <li key={hint.index} data-testid="drill-hint" data-released={hint.isReleased}>
            {t('drills.minute', { minute: hint.at })} · <span dir="auto">{hint.text}</span>{' '}
            {hint.isReleased ? (
              <Badge tone="accent">{t('drills.live.released')}</Badge>
            ) : (
              canRun && (
                <Button
                  size="sm"
                  busy={busy}
                  onClick={() => submit(() => call('drill.hint', { index: hint.index }))}
                  data-testid="drill-hint-release"
                >
                  {t('drills.live.release')}
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      {error && <ErrorNotice error={error} testId="drill-live-error" />}
    </>
  );
}

export function LiveTab() {
  const { t } = useTranslation();
  const live = useAppStore((s) => s.drillStatus.data?.live ?? null);
  const statusAtMs = useAppStore((s) => s.drillStatusAtMs);
  const timeZone = useAppStore(selectTimeZone);
  const drillMs = useDrillTime(live, statusAtMs);
  if (!live || drillMs === null)
    return <EmptyState title={t('drills.live.none')} detail={t('drills.live.noneDetail')} />;
  const minute = drillMinuteAt(live, drillMs);
  return (
    <div className="drill-split" data-testid="drill-live">
      <div className="drill-stack">
        <section className="card" aria-labelledby="drill-live-title">
          <h2 id="drill-live-title" className="card-title" dir="auto">
            {live.title}
          </h2>
          <div className="card-body drill-stack">
            <div className="drill-row">
              <Badge tone={live.state === 'running' ? 'warning' : 'neutral'}>
                <span data-testid="drill-live-state">{t(`drills.state.${live.state}`)}</span>
              </Badge>
              <span className="mono drill-clock" dir="ltr" data-testid="drill-live-clock">
                {formatDrillClock(drillMs, timeZone)}
              </span>
              <span className="muted">
                {t('drills.live.progress', {
                  minute: Math.floor(minute),
                  duration: live.durationMinutes,
                  speed: live.speed,
                })}
              </span>
            </div>
            <progress
              className="drill-progress"
              max={live.durationMinutes}
              value={minute}
              aria-label={t('drills.live.progressLabel')}
            />
            <p className="muted">
              {t('drills.live.facilitator', { name: live.facilitator })}
              {live.team && ` · ${t('drills.live.team', { team: live.team })}`}
            </p>
            <Controls live={live} />
          </div>
        </section>
        <section className="card" aria-labelledby="drill-injects-title">
          <h2 id="drill-injects-title" className="card-title">
            {t('drills.live.injects')}
          </h2>
          <div className="card-body drill-stack">
            <InjectsAndHints live={live} />
          </div>
        </section>
      </div>
      <div className="drill-stack">
        <section className="card" aria-labelledby="drill-incident-title">
          <h2 id="drill-incident-title" className="card-title">
            {t('drills.live.incident')}
          </h2>
          <div className="card-body" data-testid="drill-live-incident">
            {live.incident ? (
              <p>
                <Badge tone="danger">{live.incident.priority}</Badge>{' '}
                <span dir="auto">{live.incident.title}</span> ·{' '}
                {t(`incidents.states.${live.incident.state}`, {
                  defaultValue: live.incident.state,
                })}
              </p>
            ) : (
              <p className="muted">{t('drills.live.noIncident')}</p>
            )}
          </div>
        </section>
        <section className="card" aria-labelledby="drill-people-title">
          <h2 id="drill-people-title" className="card-title">
            {t('drills.live.participants')}
          </h2>
          <div className="card-body">
            {live.participants.length === 0 ? (
              <p className="muted">{t('drills.live.noParticipants')}</p>
            ) : (
              <ul className="drill-list" data-testid="drill-participants">
                {live.participants.map((p) => (
                  <li key={p} className="mono" dir="ltr">
                    {p}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        <section className="card" aria-labelledby="drill-timeline-title">
          <h2 id="drill-timeline-title" className="card-title">
            {t('drills.timeline.title')}
          </h2>
          <div className="card-body">
            <DrillTimeline entries={live.timeline} />
          </div>
        </section>
      </div>
    </div>
  );
}
