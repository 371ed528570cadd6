// Approve or reject a change with a reason (four eyes: the backend refuses the requester, and says so).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';

export function DecisionDialog({
  id,
  decision,
  onClose,
}: {
  id: number;
  decision: 'approved' | 'rejected';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useAppStore((s) => s.decideChange);
  const [reason, setReason] = useState('');
  const [isTouched, setTouched] = useState(false);
  const { busy, error, submit } = useSubmission();
  const missing = reason.trim() === '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    submit(() => decide(id, decision, reason.trim()), { onDone: onClose });
  };
  const formId = `change-decision-${id}`;
  return (
    <Dialog
      title={t(
        decision === 'approved'
          ? 'governance.decide.approveTitle'
          : 'governance.decide.rejectTitle',
        { id },
      )}
      onClose={onClose}
      testId="change-decision-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            form={formId}
            variant={decision === 'approved' ? 'primary' : 'danger'}
            busy={busy}
            data-testid="change-decision-submit"
          >
            {t(decision === 'approved' ? 'governance.decide.approve' : 'governance.decide.reject')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        <TextField
          label={t('governance.decide.reason')}
          hint={t('governance.decide.reasonHint')}
          value={reason}
          maxLength={2000}
          data-autofocus
          data-testid="change-decision-reason"
          error={isTouched && missing ? t('governance.decide.reasonRequired') : null}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && <ErrorNotice error={error} testId="change-decision-error" />}
      </form>
    </Dialog>
  );
}
