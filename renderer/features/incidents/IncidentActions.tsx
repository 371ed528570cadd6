// What may be done next: acknowledge, each move the lifecycle allows from here (and nothing else),
// and for commanders the priority and the incident's own fields. The backend has the last word: a
// refused move shows its message.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSITIONS, type IncidentState } from '../../../shared/domain/incidents/index.ts';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { isOpenIncidentState } from '../../store/incidentsViewSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { EditIncidentDialog } from './EditIncidentDialog.tsx';
import { PriorityDialog } from './PriorityDialog.tsx';
import { TransitionDialog } from './TransitionDialog.tsx';
import { transitionKey } from './transitions.ts';

type OpenDialog =
  { kind: 'transition'; to: IncidentState } | { kind: 'priority' } | { kind: 'edit' };

export function IncidentActions({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const canCommand = useAppStore(selectCan('incidents.command'));
  const acknowledge = useAppStore((s) => s.acknowledgeIncident);
  const toast = useAppStore((s) => s.pushToast);
  const ack = useSubmission();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  if (!canRespond && !canCommand) {
    return (
      <p className="muted incident-readonly" data-testid="incident-readonly">
        {t('incidents.detail.readOnly')}
      </p>
    );
  }
  const moves = canRespond ? TRANSITIONS[incident.state] : [];
  const canAcknowledge =
    canRespond && incident.acknowledgedAt === null && isOpenIncidentState(incident.state);
  const onAcknowledge = () =>
    ack.submit(() => acknowledge(incident.id), {
      onDone: () => toast('success', t('incidents.actions.acknowledged', { id: incident.id })),
    });
  const close = () => setDialog(null);

  return (
    <section className="incident-actions" aria-label={t('common.actions')}>
      <div className="incident-action-bar" data-testid="incident-actions">
        {canAcknowledge && (
          <Button
            variant="primary"
            busy={ack.busy}
            onClick={onAcknowledge}
            data-testid="incident-acknowledge"
          >
            {t('incidents.actions.acknowledge')}
          </Button>
        )}
        {moves.map((to) => (
          <Button
            key={to}
            variant={to === 'canceled' ? 'danger' : 'secondary'}
            onClick={() => setDialog({ kind: 'transition', to })}
            data-testid="incident-transition"
            data-to={to}
          >
            {t(`incidents.transitions.${transitionKey(incident.state, to)}`)}
          </Button>
        ))}
        {canCommand && (
          <>
            <Button
              onClick={() => setDialog({ kind: 'priority' })}
              data-testid="incident-set-priority"
            >
              {t('incidents.actions.setPriority')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => setDialog({ kind: 'edit' })}
              data-testid="incident-edit"
            >
              {t('incidents.actions.edit')}
            </Button>
          </>
        )}
      </div>
      {ack.error && <ErrorNotice error={ack.error} testId="incident-action-error" />}
      {dialog?.kind === 'transition' && (
        <TransitionDialog incident={incident} to={dialog.to} onClose={close} />
      )}
      {dialog?.kind === 'priority' && <PriorityDialog incident={incident} onClose={close} />}
      {dialog?.kind === 'edit' && <EditIncidentDialog incident={incident} onClose={close} />}
    </section>
  );
}
