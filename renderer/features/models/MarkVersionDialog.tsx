// Marking a model version known good (a rollback may go back to it) or suspect (it never will, until
// marked good again): the reason is required and kept in the audit trail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';

export function MarkVersionDialog({
  model,
  version,
  state,
  onClose,
}: {
  model: string;
  version: string;
  state: 'known_good' | 'suspect';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const markVersion = useAppStore((s) => s.markModelVersion);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [reason, setReason] = useState('');
  const [isTouched, setTouched] = useState(false);
  const isValid = reason.trim().length > 0 && reason.length <= 500;
  const confirm = () => {
    setTouched(true);
    if (!isValid) return;
    submit(() => markVersion(state, { model, version, reason: reason.trim() }), {
      onDone: () => {
        toast('success', t(`models.mark.done.${state}`, { model, version }));
        onClose();
      },
    });
  };
  return (
    <Dialog
      title={t(`models.mark.title.${state}`, { model, version })}
      onClose={onClose}
      testId="model-mark-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant={state === 'suspect' ? 'danger' : 'primary'}
            busy={busy}
            onClick={confirm}
            data-testid="model-mark-confirm"
          >
            {t(`models.mark.confirm.${state}`)}
          </Button>
        </>
      }
    >
      <p>{t(`models.mark.body.${state}`)}</p>
      <TextField
        label={t('models.mark.reason')}
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        error={isTouched && !isValid ? t('models.mark.reasonRequired') : null}
        data-testid="model-mark-reason"
        data-autofocus=""
      />
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
