// Deleting an SLO or SLA stops its evaluation and reports; it is audited and asks once more first.
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

interface ConfirmDeleteDialogProps {
  title: string;
  body: string;
  name: string;
  onConfirm: () => Promise<void>;
  onDeleted: () => void;
  onClose: () => void;
  testId: string;
}

export function ConfirmDeleteDialog({
  title,
  body,
  name,
  onConfirm,
  onDeleted,
  onClose,
  testId,
}: ConfirmDeleteDialogProps) {
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
            onClick={() => submit(onConfirm, { onDone: onDeleted })}
            data-testid={`${testId}-confirm`}
          >
            {t('slo.delete.confirm')}
          </Button>
        </div>
      }
    >
      <p>{body}</p>
      <p className="mono" dir="ltr">
        {name}
      </p>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
