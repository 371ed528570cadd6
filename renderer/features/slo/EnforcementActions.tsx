// What the SLO's enforcement policy proposed or ran, newest first; a proposed action waits for an
// operator with fleet.act to approve (run it) or reject it.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnforcementAction } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';

const STATUS_TONE: Record<EnforcementAction['status'], Tone> = {
  proposed: 'accent',
  approved: 'accent',
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  rejected: 'neutral',
  suppressed: 'neutral',
};

export const formatParams = (params: EnforcementAction['params']) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

function ActionItem({
  action,
  timeZone,
  canAct,
}: {
  action: EnforcementAction;
  timeZone: string;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const decide = useAppStore((s) => s.decideSloAction);
  const hostName = useAppStore((s) => s.fleetHosts.data?.find((h) => h.id === action.hostId)?.name);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const run = (approve: boolean) =>
    submit(() => decide(action.id, approve), {
      onDone: (next) =>
        toast(
          'success',
          t(approve ? 'slo.actions.approved' : 'slo.actions.rejected', { action: next.action }),
        ),
    });
  return (
    <li
      className="slo-action"
      data-testid="slo-action"
      data-status={action.status}
      data-action-id={action.id}
    >
      <div className="slo-action-head">
        <Badge tone={STATUS_TONE[action.status]}>{t(`slo.actions.status.${action.status}`)}</Badge>
        <span className="mono">{action.action}</span>
        <span className="muted">
          {t('slo.actions.onHost', { host: hostName ?? `#${action.hostId}` })}
        </span>
        {Object.keys(action.params).length > 0 && (
          <code className="mono muted" dir="ltr">
            {formatParams(action.params)}
          </code>
        )}
        <Timestamp
          iso={action.proposedAt}
          timeZone={timeZone}
          className="mono muted slo-action-time"
        />
      </div>
      <p className="slo-action-reason">{action.reason}</p>
      {action.decidedBy && (
        <p className="muted slo-action-meta">
          {t('slo.actions.decidedBy', { name: action.decidedBy })}
          {action.decidedAt && (
            <>
              {' '}
              · <Timestamp iso={action.decidedAt} timeZone={timeZone} />
            </>
          )}
        </p>
      )}
      {action.result && (
        <pre className="code-block" dir="ltr">
          {action.result}
        </pre>
      )}
      {action.status === 'proposed' && canAct && (
        <div className="slo-action-buttons">
          <Button
            size="sm"
            variant="primary"
            busy={busy}
            onClick={() => run(true)}
            data-testid="slo-action-approve"
          >
            {t('slo.actions.approve')}
          </Button>
          <Button
            size="sm"
            variant="danger"
            disabled={busy}
            onClick={() => run(false)}
            data-testid="slo-action-reject"
          >
            {t('slo.actions.reject')}
          </Button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </li>
  );
}

export function EnforcementActions({
  actions,
  timeZone,
}: {
  actions: readonly EnforcementAction[];
  timeZone: string;
}) {
  const { t } = useTranslation();
  const canAct = useAppStore(selectCan('fleet.act'));
  const hostsStatus = useAppStore((s) => s.fleetHosts.status);
  const loadFleet = useAppStore((s) => s.loadFleet);
  useEffect(() => {
    // Actions name their host by id: the fleet list (read by every role) gives its name.
    if (actions.length > 0 && hostsStatus === 'idle') void loadFleet({ quiet: true });
  }, [actions.length, hostsStatus, loadFleet]);
  if (actions.length === 0) return <p className="muted">{t('slo.actions.none')}</p>;
  return (
    <ul className="slo-actions">
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} timeZone={timeZone} canAct={canAct} />
      ))}
    </ul>
  );
}
