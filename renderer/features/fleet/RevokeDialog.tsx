// Revoking a host stops the console trusting its agent; it is audited and cannot be undone here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError } from '../../api/client.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function RevokeDialog({ host, onClose }: { host: FleetHost; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useAppStore((s) => s.revokeHost);
  const toast = useAppStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);

  const confirm = () => {
    setBusy(true);
    setError(null);
    revoke(host.id).then(
      () => {
        setBusy(false);
        toast('success', t('fleet.revoke.done', { name: host.name }));
        onClose();
      },
      (thrown: unknown) => {
        setBusy(false);
        setError(toApiCallError(thrown));
      },
    );
  };

  return (
    <Dialog
      title={t('fleet.revoke.title', { name: host.name })}
      onClose={onClose}
      testId="fleet-revoke-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus="">{t('common.cancel')}</Button>
          <Button variant="danger" busy={busy} onClick={confirm} data-testid="fleet-revoke-confirm">
            {t('fleet.revoke.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('fleet.revoke.body')}</p>
      <p className="mono" dir="ltr">{host.address}</p>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
