// Removing the demo site deletes its simulated hosts, clusters and telemetry for good: the admin types
// the confirmation word first; the removal is audited and the audit log keeps every earlier record.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';

export function RemoveDemoDialog({ hosts, onClose }: { hosts: number; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useAppStore((s) => s.removeDemoSite);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [typed, setTyped] = useState('');
  const word = t('simulatedData.demo.word');
  const isConfirmed = typed.trim() === word;

  const confirm = () => {
    if (!isConfirmed) return;
    submit(remove, {
      onDone: (removed) => {
        toast('success', t('simulatedData.demo.done', { hosts: removed.hosts }));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('simulatedData.demo.title')}
      onClose={onClose}
      testId="fleet-remove-demo-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus="">
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            busy={busy}
            disabled={!isConfirmed}
            onClick={confirm}
            data-testid="fleet-remove-demo-confirm"
          >
            {busy ? t('simulatedData.demo.removing') : t('simulatedData.demo.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('simulatedData.demo.body', { hosts })}</p>
      <TextField
        label={t('simulatedData.demo.confirmLabel', { word })}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        data-testid="fleet-remove-demo-word"
      />
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
