// A commander sets impact and urgency by hand, with a reason for the record; the console's own
// suggestion and its reasons stand beside the choice.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { priorityFor, type Level } from '../../../shared/domain/incidents/index.ts';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PriorityBadge } from './IncidentBadges.tsx';
import { NoteField } from './NoteField.tsx';
import { PriorityFields } from './PriorityFields.tsx';

export function Suggestion({ incident, onUse }: { incident: IncidentDetail; onUse?: () => void }) {
  const { t } = useTranslation();
  const { impact, urgency, reasons } = incident.suggestion;
  const priority = priorityFor(impact, urgency);
  return (
    <div className="incident-suggestion" data-testid="incident-suggestion" data-priority={priority}>
      <p>
        {t('incidents.priorityDialog.suggested')} <PriorityBadge priority={priority} />{' '}
        <span className="muted">
          {t('incidents.priorityDialog.levels', {
            impact: t(`incidents.levels.${impact}`),
            urgency: t(`incidents.levels.${urgency}`),
          })}
        </span>
      </p>
      {reasons.length > 0 && (
        <ul className="incident-reasons">
          {reasons.map((reason, index) => (
            <li key={index} dir="auto">
              {reason}
            </li>
          ))}
        </ul>
      )}
      {onUse && (
        <Button size="sm" onClick={onUse} data-testid="incident-use-suggestion">
          {t('incidents.priorityDialog.useSuggestion')}
        </Button>
      )}
    </div>
  );
}

export function PriorityDialog({
  incident,
  onClose,
}: {
  incident: IncidentDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const setPriority = useAppStore((s) => s.setIncidentPriority);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [levels, setLevels] = useState<{ impact: Level; urgency: Level }>({
    impact: incident.impact,
    urgency: incident.urgency,
  });
  const [reason, setReason] = useState('');
  const [isTried, setTried] = useState(false);
  const reasonError =
    isTried && !reason.trim() ? t('incidents.priorityDialog.reasonRequired') : null;

  const confirm = () => {
    setTried(true);
    if (!reason.trim()) return;
    submit(() => setPriority({ id: incident.id, ...levels, reason: reason.trim() }), {
      onDone: (next) => {
        toast(
          'success',
          t('incidents.priorityDialog.done', { id: next.id, priority: next.priority }),
        );
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('incidents.priorityDialog.title', { id: incident.id })}
      onClose={onClose}
      testId="incident-priority-dialog"
      className="incident-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={confirm}
            data-testid="incident-priority-confirm"
          >
            {t('incidents.priorityDialog.submit')}
          </Button>
        </>
      }
    >
      <div className="form">
        <Suggestion
          incident={incident}
          onUse={() =>
            setLevels({ impact: incident.suggestion.impact, urgency: incident.suggestion.urgency })
          }
        />
        <PriorityFields
          impact={levels.impact}
          urgency={levels.urgency}
          onChange={setLevels}
          testIdPrefix="incident-priority"
        />
        <NoteField
          label={t('incidents.priorityDialog.reason')}
          value={reason}
          onChange={setReason}
          error={reasonError}
          maxLength={1000}
          testId="incident-priority-reason"
        />
        {error && <ErrorNotice error={error} testId="incident-priority-error" />}
      </div>
    </Dialog>
  );
}
