// One experiment: its plan and state on the routing, why it stopped, its results, and the decision a
// person records with a reason (ship / keep control / continue). Start and stop act on the routing.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECISIONS,
  type Experiment,
  type ExperimentDecisionKind,
} from '../../../shared/ipc/experimentSchemas.ts';
import { ApiCallError } from '../../api/client.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Bdi } from '../../ui/Bdi.tsx';
import { StopReason } from './StopReason.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { ExperimentResults, Ltr } from './ExperimentResults.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function Actions({ experiment }: { experiment: Experiment }) {
  const { t } = useTranslation();
  const start = useAppStore((s) => s.startExperiment);
  const stop = useAppStore((s) => s.stopExperiment);
  const decide = useAppStore((s) => s.decideExperiment);
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<ExperimentDecisionKind>('keep_control');
  const isRunning = experiment.status === 'running';
  const canDecide =
    experiment.status !== 'draft' &&
    (experiment.decision === null || experiment.decision.kind === 'continue');
  const onDecide = (e: FormEvent) => {
    e.preventDefault();
    submission.submit(() => decide(experiment.id, decision, reason), {
      onDone: () => setReason(''),
    });
  };
  return (
    <section className="experiment-actions">
      {submission.error && <ErrorNotice error={submission.error} />}
      {experiment.status === 'draft' && (
        <Button
          busy={submission.busy}
          onClick={() => submission.submit(() => start(experiment.id))}
          data-testid="experiment-start"
        >
          {t('experiments.actions.start')}
        </Button>
      )}
      {canDecide && (
        <form
          onSubmit={onDecide}
          className="experiment-decision"
          data-testid="experiment-decide-form"
        >
          <SelectField
            label={t('experiments.actions.decision')}
            value={decision}
            onChange={(e) => setDecision(e.target.value as ExperimentDecisionKind)}
            data-testid="experiment-decision"
          >
            {DECISIONS.filter((d) => isRunning || d !== 'continue').map((d) => (
              <option key={d} value={d}>
                {t(`experiments.decisions.${d}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('experiments.actions.reason')}
            value={reason}
            required
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            data-testid="experiment-reason"
          />
          <div className="form-actions">
            <Button type="submit" busy={submission.busy} data-testid="experiment-decide">
              {t('experiments.actions.decide')}
            </Button>
            {isRunning && (
              <Button
                type="button"
                variant="danger"
                busy={submission.busy}
                disabled={!reason.trim()}
                onClick={() => submission.submit(() => stop(experiment.id, reason))}
                data-testid="experiment-stop"
              >
                {t('experiments.actions.stop')}
              </Button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

export function ExperimentDetail({ id, canManage }: { id: number; canManage: boolean }) {
  const { t } = useTranslation();
  const experiments = useAppStore((s) => s.experiments);
  const load = useAppStore((s) => s.loadExperiments);
  const open = useAppStore((s) => s.openExperiments);
  const timeZone = useAppStore(selectTimeZone);
  useEffect(() => {
    if (!experiments.data) void load();
  }, [experiments.data, load]);
  if (experiments.error && !experiments.data)
    return <ErrorNotice error={experiments.error} onRetry={() => void load()} />;
  if (!experiments.data) return <LoadingBlock />;
  const experiment = experiments.data.find((e) => e.id === id);
  if (!experiment) return <ErrorNotice error={new ApiCallError('NOT_FOUND', `#${id}`)} />;
  const stopped = experiment.stopKind !== null;
  return (
    <article className="experiment-detail" data-testid="experiment-detail">
      <a
        href="#/experiments"
        onClick={(e) => {
          e.preventDefault();
          open({ view: 'list' });
        }}
      >
        {t('experiments.back')}
      </a>
      <h2>
        <Bdi>{experiment.name}</Bdi> <StatusBadge experiment={experiment} />
      </h2>
      <dl className="experiment-facts">
        <dt>{t('experiments.fields.model')}</dt>
        <dd>
          <Bdi>{experiment.model}</Bdi>
        </dd>
        <dt>{t('experiments.fields.versions')}</dt>
        <dd>
          <Ltr>{`${experiment.control} → ${experiment.variant} (${experiment.variantPercent} %)`}</Ltr>
        </dd>
        <dt>{t('experiments.fields.primaryMetric')}</dt>
        <dd>{t(`experiments.metrics.${experiment.primaryMetric}`)}</dd>
        <dt>{t('experiments.fields.plannedDays')}</dt>
        <dd>
          <Bdi>{String(experiment.plannedDays)}</Bdi>
          {experiment.durationReason && (
            <>
              {' '}
              · <Bdi>{experiment.durationReason}</Bdi>
            </>
          )}
        </dd>
        <dt>{t('experiments.fields.hosts')}</dt>
        <dd>
          <Bdi>{experiment.hosts.join(', ') || '—'}</Bdi>
        </dd>
        {experiment.startedAt && (
          <>
            <dt>{t('experiments.fields.started')}</dt>
            <dd>
              <Timestamp iso={experiment.startedAt} timeZone={timeZone} />
            </dd>
          </>
        )}
      </dl>
      {stopped && (
        <div
          className={`notice ${experiment.stopKind === 'operator' ? 'notice-info' : 'notice-error'}`}
          role="status"
          data-testid="experiment-stop-reason"
          data-stop-kind={experiment.stopKind}
        >
          <p>
            <strong>{t(`experiments.stopKinds.${experiment.stopKind}`)}</strong>
            {experiment.stopReason && ' '}
            <StopReason experiment={experiment} />
          </p>
          <p data-testid="experiment-rollback" data-rolled-back={String(experiment.isRolledBack)}>
            {t(experiment.isRolledBack ? 'experiments.rolledBack' : 'experiments.notRolledBack')}
          </p>
        </div>
      )}
      {experiment.decision && (
        <p data-testid="experiment-decision-record">
          {t('experiments.decided', {
            decision: t(`experiments.decisions.${experiment.decision.kind}`),
            by: experiment.decision.by,
            reason: experiment.decision.reason,
          })}
          {experiment.decision.changeId !== null && (
            <>
              {' · '}
              <a href={`#/changes/${experiment.decision.changeId}`}>
                {t('experiments.changeRecord', { id: experiment.decision.changeId })}
              </a>
            </>
          )}
        </p>
      )}
      <ExperimentResults experiment={experiment} />
      {canManage && <Actions experiment={experiment} />}
    </article>
  );
}
