// The operator's own password, and (with store.manage) the store passphrase and recovery key.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { RecoveryKeyNotice } from '../../ui/RecoveryKeyNotice.tsx';
import { ChangeSecret, useSubmit } from './ChangeSecretForm.tsx';

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="form-section-card">
      <h2>{title}</h2>
      {note && <p className="form-note">{note}</p>}
      {children}
    </section>
  );
}

function RotateKey() {
  const { t } = useTranslation();
  const rotateKey = useAppStore((s) => s.rotateKey);
  const { busy, error, submit } = useSubmit('');
  const [passphrase, setPassphrase] = useState('');
  const [newKey, setNewKey] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return;
    submit(async () => {
      setNewKey(await rotateKey(passphrase));
      setPassphrase('');
    });
  };

  return (
    <>
      <form className="form form-narrow" onSubmit={onSubmit} noValidate>
        <TextField
          type="password"
          label={t('security.rotatePassphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoComplete="off"
          data-testid="security-rotate-passphrase"
        />
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button
            type="submit"
            variant="danger"
            busy={busy}
            disabled={!passphrase}
            data-testid="security-rotate-submit"
          >
            {t('security.rotateSubmit')}
          </Button>
        </div>
      </form>
      {newKey && (
        <Dialog
          title={t('recovery.title')}
          onClose={() => setNewKey(null)}
          dismissible={false}
          testId="rotate-key-dialog"
        >
          <RecoveryKeyNotice recoveryKey={newKey} onContinue={() => setNewKey(null)} />
        </Dialog>
      )}
    </>
  );
}

export function SecurityTab() {
  const { t } = useTranslation();
  const changePassword = useAppStore((s) => s.changePassword);
  const changePassphrase = useAppStore((s) => s.changePassphrase);
  const canManageStore = useAppStore(selectCan('store.manage'));
  return (
    <div className="tab-content stack">
      <Section title={t('security.passwordTitle')}>
        <ChangeSecret kind="password" onSubmitSecret={changePassword} />
      </Section>
      {canManageStore && (
        <>
          <Section title={t('security.passphraseTitle')} note={t('security.passphraseNote')}>
            <ChangeSecret kind="passphrase" onSubmitSecret={changePassphrase} />
          </Section>
          <Section title={t('security.rotateTitle')} note={t('security.rotateNote')}>
            <RotateKey />
          </Section>
        </>
      )}
    </div>
  );
}
