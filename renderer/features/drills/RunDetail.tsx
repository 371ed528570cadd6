// One finished drill: its score and breakdown, the timeline, the debrief, the report (PDF or CSV,
// through the report pipeline, audited) and purging its workspace once it is no longer needed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import type { DrillRunDetail } from '../../../shared/ipc/drillSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { formatNumber, isolateLtr } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { DebriefForm } from './DebriefForm.tsx';
import { DrillTimeline } from './DrillTimeline.tsx';
import { ScoreBreakdown, ScoreFigure } from './ScoreBreakdown.tsx';

function ReportBar({ run }: { run: DrillRunDetail }) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const canExport = useAppStore(selectCan('reports.export'));
  const canRun = useAppStore(selectCan('drills.run'));
  // The PDF is written in the operator's language (its DRILL header included).
  const language = useAppStore((s) => s.language);
  const [written, setWritten] = useState<ChannelOutput<'drill.export'> | null>(null);
  const [purging, setPurging] = useState(false);
  const { busy, error, submit } = useSubmission();
  const write = (format: 'pdf' | 'csv') =>
    submit(() => call('drill.export', { id: run.id, format, language }), { onDone: setWritten });
  return (
    <section className="drill-row" aria-label={t('drills.report.title')}>
      {canExport && (
        <>
          <Button busy={busy} onClick={() => write('pdf')} data-testid="drill-export-pdf">
            {t('drills.report.pdf')}
          </Button>
          <Button busy={busy} onClick={() => write('csv')} data-testid="drill-export-csv">
            {t('drills.report.csv')}
          </Button>
        </>
      )}
      {canRun && (
        <Button
          variant="danger"
          disabled={run.isPurged || run.state === 'running'}
          onClick={() => setPurging(true)}
          data-testid="drill-purge"
        >
          {t('drills.run.purge')}
        </Button>
      )}
      {busy && <span role="status">{t('drills.report.writing')}</span>}
      {error && <ErrorNotice error={error} testId="drill-export-error" />}
      {written && !busy && (
        <div className="pm-export-result" role="status" data-testid="drill-export-result">
          <p>
            {t('drills.report.done', { size: written.checkpoint.treeSize })}{' '}
            <span className="mono" dir="ltr">
              {written.directory}
            </span>
          </p>
          <ul className="drill-list mono" dir="ltr">
            {written.files.map((f) => (
              <li key={f.name} data-testid="drill-export-file">
                {f.name} ({formatNumber(f.bytes, 'en')} B)
              </li>
            ))}
          </ul>
        </div>
      )}
      {purging && (
        <ConfirmDialog
          title={t('drills.run.purgeTitle')}
          body={t('drills.run.purgeBody')}
          confirmLabel={t('drills.run.purge')}
          name={run.title}
          onConfirm={async () => {
            await call('drill.purge', { id: run.id });
          }}
          onClose={() => setPurging(false)}
          testId="drill-purge-confirm"
        />
      )}
    </section>
  );
}

function RunView({ run }: { run: DrillRunDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  return (
    <div className="drill-stack" data-testid="drill-run" data-run-id={run.id}>
      <section className="card" aria-labelledby="drill-run-title">
        <h2 id="drill-run-title" className="card-title" dir="auto">
          {run.title} <span className="mono muted">v{run.version}</span>
        </h2>
        <div className="card-body drill-stack">
          <div className="drill-row">
            <ScoreFigure score={run.score} />
            <Badge tone={run.state === 'failed' ? 'danger' : 'neutral'}>
              {t(`drills.runState.${run.state}`)}
            </Badge>
            {run.isPurged && <Badge>{t('drills.run.purged')}</Badge>}
          </div>
          {run.error && <p className="notice notice-error">{run.error}</p>}
          <dl className="facts">
            <dt>{t('drills.columns.team')}</dt>
            <dd dir="auto">{run.team || t('drills.noTeam')}</dd>
            <dt>{t('drills.columns.date')}</dt>
            <dd>
              {/* A span of time reads start → end in both languages. */}
              <span dir="ltr">
                <Timestamp iso={run.startedAt} timeZone={timeZone} />
                {run.endedAt && (
                  <>
                    {' → '}
                    <Timestamp iso={run.endedAt} timeZone={timeZone} />
                  </>
                )}
              </span>
            </dd>
            <dt>{t('drills.columns.mode')}</dt>
            <dd>
              {t(`drills.mode.${run.mode}`)} {isolateLtr(`×${run.speed}`)}
            </dd>
            <dt>{t('drills.live.participants')}</dt>
            <dd className="mono" dir="ltr">
              {[run.facilitator, ...run.participants.filter((p) => p !== run.facilitator)].join(
                ', ',
              )}
            </dd>
            <dt>{t('drills.live.incident')}</dt>
            <dd>
              {run.incident ? (
                <>
                  <Badge tone="danger">{run.incident.priority}</Badge>{' '}
                  <span dir="auto">{run.incident.title}</span>
                </>
              ) : (
                t('drills.live.noIncident')
              )}
            </dd>
          </dl>
          <ReportBar run={run} />
        </div>
      </section>
      <section className="card" aria-labelledby="drill-breakdown-title">
        <h2 id="drill-breakdown-title" className="card-title">
          {t('drills.run.breakdown')}
        </h2>
        <div className="card-body">
          <ScoreBreakdown components={run.components} />
        </div>
      </section>
      <section className="card" aria-labelledby="drill-run-timeline-title">
        <h2 id="drill-run-timeline-title" className="card-title">
          {t('drills.timeline.title')}
        </h2>
        <div className="card-body">
          <DrillTimeline entries={run.timeline} />
        </div>
      </section>
      <DebriefForm key={run.id} run={run} />
    </div>
  );
}

export function RunDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.drillRun);
  const load = useAppStore((s) => s.loadDrillRun);
  const open = useAppStore((s) => s.openDrillRun);
  useEffect(() => {
    // An error stays until Retry: loading again on every render would never stop.
    if (remote.data?.id !== id && remote.status !== 'loading' && remote.status !== 'error')
      void load(id);
  }, [id, remote.data?.id, remote.status, load]);
  const run = remote.data?.id === id ? remote.data : null;
  return (
    <div className="drill-stack">
      <div>
        <Button variant="ghost" size="sm" onClick={() => open(null)} data-testid="drill-run-back">
          {t('drills.run.back')}
        </Button>
      </div>
      {remote.error && !run && (
        <ErrorNotice error={remote.error} onRetry={() => void load(id)} testId="drill-run-error" />
      )}
      {!run && !remote.error && <LoadingBlock label={t('drills.run.loading')} />}
      {run && <RunView run={run} />}
    </div>
  );
}
