// One run of a runbook on an incident: its state, and each step's status, host, action, parameters,
// actor, approver, health gate and output. The current step offers what may be done to it: check off
// a manual step, approve a destructive one (never by the operator who started the run), skip it with a
// reason; an open run can be canceled with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import type { RunbookRun, RunStep } from '../../../shared/ipc/runbookSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { RunReasonDialog } from './RunReasonDialog.tsx';
import type { RunChange } from './runbooksSlice.ts';

const STEP_TONES: Record<RunStep['status'], Tone> = {
  pending: 'neutral',
  awaiting_approval: 'warning',
  approved: 'accent',
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'neutral',
  done: 'success',
};
const RUN_TONES: Record<RunbookRun['state'], Tone> = {
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'neutral',
};

export const paramsText = (params: Record<string, string | number | boolean>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

type OnChange = <C extends RunChange>(channel: C, input: ChannelInput<C>) => Promise<void>;

function StepRow({
  run,
  step,
  isCurrent,
  onChange,
}: {
  run: RunbookRun;
  step: RunStep;
  isCurrent: boolean;
  onChange: OnChange;
}) {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.session?.operator.username);
  const canRun = useAppStore(selectCan('runbooks.run'));
  const canApprove = useAppStore(selectCan('runbooks.approve'));
  const { busy, error, submit } = useSubmission();
  const [isSkipping, setSkipping] = useState(false);
  const isRequester = me === run.requestedBy;
  const where = { runId: run.id, stepIndex: step.index };
  const canSkip =
    isCurrent && canRun && (step.status === 'pending' || step.status === 'awaiting_approval');
  return (
    <li
      className={`runbook-step${isCurrent ? ' runbook-step-current' : ''}`}
      data-testid="runbook-step"
      data-status={step.status}
    >
      <div className="runbook-step-head">
        {step.type === 'manual' && isCurrent && canRun && step.status === 'pending' ? (
          <label className="runbook-check">
            <input
              type="checkbox"
              disabled={busy}
              onChange={() => submit(() => onChange('runbooks.completeStep', where))}
              data-testid="runbook-step-done"
            />
            <span dir="auto">{step.title}</span>
          </label>
        ) : (
          <span dir="auto" className="runbook-step-title">
            {step.title}
          </span>
        )}
        <Badge tone={STEP_TONES[step.status]}>{t(`runbooks.status.${step.status}`)}</Badge>
        {step.isDestructive && <Badge tone="danger">{t('runbooks.destructive')}</Badge>}
        {step.gateStatus && (
          <Badge
            tone={
              step.gateStatus === 'unhealthy'
                ? 'danger'
                : step.gateStatus === 'healthy'
                  ? 'success'
                  : 'warning'
            }
          >
            {t(`runbooks.gateStatus.${step.gateStatus}`)}
          </Badge>
        )}
      </div>
      {step.type === 'action' && (
        <p className="mono muted runbook-step-where" dir="ltr">
          {step.action} @ {step.host} {paramsText(step.params)}
        </p>
      )}
      {step.type === 'manual' && step.guidance && (
        <p className="runbook-guidance" dir="auto">
          {step.guidance}
        </p>
      )}
      {(step.actor || step.approvedBy) && (
        <p className="muted">
          {step.actor && t('runbooks.by', { name: step.actor })}
          {step.approvedBy && ` · ${t('runbooks.approvedBy', { name: step.approvedBy })}`}
        </p>
      )}
      {step.reason && (
        <p className="runbook-problem" dir="auto">
          {step.reason}
        </p>
      )}
      {step.output && (
        <details>
          <summary>{t('runbooks.output')}</summary>
          <pre className="runbook-output" dir="ltr" data-testid="runbook-step-output">
            {step.output}
          </pre>
        </details>
      )}
      {isCurrent && step.status === 'awaiting_approval' && canApprove && (
        <div className="form-actions">
          <Button
            variant="danger"
            size="sm"
            busy={busy}
            disabled={isRequester}
            title={isRequester ? t('runbooks.fourEyes') : undefined}
            aria-describedby={isRequester ? `four-eyes-${run.id}` : undefined}
            onClick={() => submit(() => onChange('runbooks.approveStep', where))}
            data-testid="runbook-approve"
          >
            {t('runbooks.approve')}
          </Button>
          {isRequester && (
            <span id={`four-eyes-${run.id}`} className="muted">
              {t('runbooks.fourEyes')}
            </span>
          )}
        </div>
      )}
      {canSkip && (
        <div className="form-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setSkipping(true)}
            data-testid="runbook-step-skip"
          >
            {t('runbooks.reason.skip')}
          </Button>
        </div>
      )}
      {isSkipping && (
        <RunReasonDialog
          title={t('runbooks.reason.skipTitle', { title: step.title })}
          body={t('runbooks.reason.skipBody')}
          confirmLabel={t('runbooks.reason.skip')}
          onConfirm={(reason) => onChange('runbooks.skipStep', { ...where, reason })}
          onClose={() => setSkipping(false)}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </li>
  );
}

export function RunbookRunView({ run, onChange }: { run: RunbookRun; onChange: OnChange }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const canRun = useAppStore(selectCan('runbooks.run'));
  const [isCanceling, setCanceling] = useState(false);
  const current = run.steps.find((s) => !['succeeded', 'done', 'skipped'].includes(s.status));
  return (
    <article className="runbook-run" data-testid="runbook-run" data-state={run.state}>
      <header className="runbook-run-head">
        <strong dir="auto">
          {run.title} <span className="mono muted">v{run.version}</span>
        </strong>
        <Badge tone={RUN_TONES[run.state]}>{t(`runbooks.runState.${run.state}`)}</Badge>
        <span className="muted">
          {t('runbooks.startedBy', { name: run.requestedBy })}{' '}
          <Timestamp iso={run.startedAt} timeZone={timeZone} />
        </span>
        {run.state === 'running' && canRun && (
          <Button
            size="sm"
            variant="danger"
            onClick={() => setCanceling(true)}
            data-testid="runbook-run-cancel"
          >
            {t('runbooks.reason.cancelRun')}
          </Button>
        )}
      </header>
      {isCanceling && (
        <RunReasonDialog
          title={t('runbooks.reason.cancelTitle', { title: run.title })}
          body={t('runbooks.reason.cancelBody')}
          confirmLabel={t('runbooks.reason.cancelRun')}
          onConfirm={(reason) => onChange('runbooks.cancel', { runId: run.id, reason })}
          onClose={() => setCanceling(false)}
        />
      )}
      {run.reason && (
        <p className="runbook-problem" dir="auto">
          {run.reason}
        </p>
      )}
      <ol className="runbook-steps">
        {run.steps.map((step) => (
          <StepRow
            key={step.index}
            run={run}
            step={step}
            isCurrent={run.state === 'running' && current?.index === step.index}
            onChange={onChange}
          />
        ))}
      </ol>
    </article>
  );
}
