// Revoking a host stops the console trusting its agent; it is audited and cannot be undone here.
import { useTranslation } from 'react-i18next';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function RevokeDialog({ host, onClose }: { host: FleetHost; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useAppStore((s) => s.revokeHost);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();

  const confirm = () => {
    submit(() => revoke(host.id), {
      onDone: () => {
        toast('success', t('fleet.revoke.done', { name: host.name }));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('fleet.revoke.title', { name: host.name })}
      onClose={onClose}
      testId="fleet-revoke-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus="">
            {t('common.cancel')}
          </Button>
          <Button variant="danger" busy={busy} onClick={confirm} data-testid="fleet-revoke-confirm">
            {t('fleet.revoke.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('fleet.revoke.body')}</p>
      <p className="mono" dir="ltr">
        {host.address}
      </p>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
