// Asks once more before something is deleted or removed: what it is, the danger button, and the
// backend's refusal in place (the dialog stays open until the change is done).
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../api/useSubmission.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  /** The name of what is removed, shown as written (left to right, monospaced). */
  name?: string;
  onConfirm: () => Promise<void>;
  /** After the change is done (default: onClose). */
  onDone?: () => void;
  onClose: () => void;
  testId: string;
}

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  name,
  onConfirm,
  onDone,
  onClose,
  testId,
}: ConfirmDialogProps) {
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
            onClick={() => submit(onConfirm, { onDone: onDone ?? onClose })}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </div>
      }
    >
      <p>{body}</p>
      {name !== undefined && (
        <p className="mono" dir="ltr">
          {name}
        </p>
      )}
      {error && <ErrorNotice error={error} testId={`${testId}-error`} />}
    </Dialog>
  );
}
