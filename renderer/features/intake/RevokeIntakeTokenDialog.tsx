// Revoking an intake token refuses its Alertmanager's deliveries from then on; audited, not undone.
import { useTranslation } from 'react-i18next';
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function RevokeIntakeTokenDialog({
  token,
  onClose,
}: {
  token: IntakeToken;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useAppStore((s) => s.revokeIntakeToken);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();

  const confirm = () =>
    submit(() => revoke(token.id), {
      onDone: () => {
        toast('success', t('intake.revokedToast', { name: token.name }));
        onClose();
      },
    });

  return (
    <Dialog
      title={t('intake.revokeTitle', { name: token.name })}
      onClose={onClose}
      testId="intake-revoke-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus="">
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            busy={busy}
            onClick={confirm}
            data-testid="intake-revoke-confirm"
          >
            {t('intake.revokeConfirm')}
          </Button>
        </>
      }
    >
      <p>{t('intake.revokeBody')}</p>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
