// Moves the incident on (resolve, hold, cancel, reopen…) with an optional note for the timeline.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentState } from '../../../shared/domain/incidents/index.ts';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { NoteField } from './NoteField.tsx';
import { transitionKey } from './transitions.ts';

export function TransitionDialog({
  incident,
  to,
  onClose,
}: {
  incident: IncidentDetail;
  to: IncidentState;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transition = useAppStore((s) => s.transitionIncident);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [note, setNote] = useState('');
  const action = t(`incidents.transitions.${transitionKey(incident.state, to)}`);

  const confirm = () =>
    submit(() => transition(incident.id, to, note.trim() || undefined), {
      onDone: () => {
        toast(
          'success',
          t('incidents.actions.moved', { id: incident.id, state: t(`incidents.states.${to}`) }),
        );
        onClose();
      },
    });

  return (
    <Dialog
      title={t('incidents.transitionDialog.title', { action, id: incident.id })}
      onClose={onClose}
      testId="incident-transition-dialog"
      className="incident-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant={to === 'canceled' ? 'danger' : 'primary'}
            busy={busy}
            onClick={confirm}
            data-testid="incident-transition-confirm"
          >
            {action}
          </Button>
        </>
      }
    >
      <div className="form">
        <p>
          {t('incidents.transitionDialog.body', {
            from: t(`incidents.states.${incident.state}`),
            to: t(`incidents.states.${to}`),
          })}
        </p>
        {to === 'on_hold' && <p className="muted">{t('incidents.transitionDialog.holdPauses')}</p>}
        <NoteField
          label={t('incidents.transitionDialog.note')}
          value={note}
          onChange={setNote}
          testId="incident-transition-note"
        />
        {error && <ErrorNotice error={error} testId="incident-transition-error" />}
      </div>
    </Dialog>
  );
}
