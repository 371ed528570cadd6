// Asks why before a step is skipped or a run is canceled: the reason is required, goes on the
// incident's timeline and the audit chain, and the backend's refusal stays in the dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function RunReasonDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmission();
  const confirm = () => submit(() => onConfirm(reason.trim()), { onDone: onClose });
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="runbook-reason-dialog"
      footer={
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="danger"
            busy={busy}
            disabled={!reason.trim()}
            onClick={confirm}
            data-testid="runbook-reason-confirm"
          >
            {confirmLabel}
          </Button>
        </div>
      }
    >
      <p>{body}</p>
      <div className="field">
        <label htmlFor="runbook-reason" className="field-label">
          {t('runbooks.reason.label')}
        </label>
        <textarea
          id="runbook-reason"
          className="input"
          rows={3}
          dir="auto"
          maxLength={2000}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-autofocus=""
          data-testid="runbook-reason"
        />
      </div>
      {error && <ErrorNotice error={error} testId="runbook-reason-error" />}
    </Dialog>
  );
}
