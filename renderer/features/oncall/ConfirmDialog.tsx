// Asks once more before something is deleted or removed; the backend's refusal shows in place.
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  testId,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmission();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <div className="form-actions">
          <Button onClick={onClose} data-autofocus="">
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            busy={busy}
            onClick={() => submit(onConfirm, { onDone: onClose })}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </div>
      }
    >
      <p>{body}</p>
      {error && <ErrorNotice error={error} testId={`${testId}-error`} />}
    </Dialog>
  );
}
