// The store is encrypted at rest: open it with the passphrase, or the recovery key if it is lost.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { useErrorText } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { AuthLayout } from '../signin/AuthLayout.tsx';

export function UnlockStorePage() {
  const { t } = useTranslation();
  const unlockStore = useAppStore((s) => s.unlockStore);
  const errorText = useErrorText();
  const [useRecoveryKey, setUseRecoveryKey] = useState(false);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, submit, clearError } = useSubmission();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = useRecoveryKey ? rules.recoveryKey(secret) : rules.required(secret);
    setProblem(found);
    if (found) return;
    const input = useRecoveryKey
      ? { recoveryKey: secret.replace(/[\s-]/g, '') }
      : { passphrase: secret };
    submit(() => unlockStore(input));
  };

  const switchMode = () => {
    setUseRecoveryKey((previous) => !previous);
    setSecret('');
    setProblem(null);
    clearError();
  };

  return (
    <AuthLayout title={t('unlock.title')} subtitle={t('unlock.subtitle')}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          key={useRecoveryKey ? 'key' : 'passphrase'}
          type={useRecoveryKey ? 'text' : 'password'}
          label={useRecoveryKey ? t('fields.recoveryKey') : t('fields.passphrase')}
          hint={useRecoveryKey ? t('unlock.recoveryHint') : undefined}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          error={problem ? t(problem) : null}
          className={useRecoveryKey ? 'mono' : undefined}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          autoFocus
          data-testid={useRecoveryKey ? 'unlock-recovery-key' : 'unlock-passphrase'}
        />
        {error && (
          <p className="form-error" role="alert" data-testid="unlock-error" data-code={error.code}>
            {errorText(error)}
          </p>
        )}
        <div className="form-actions form-actions-split">
          <button type="button" className="link-btn" onClick={switchMode} data-testid="unlock-mode">
            {useRecoveryKey ? t('unlock.usePassphrase') : t('unlock.useRecoveryKey')}
          </button>
          <Button type="submit" variant="primary" busy={busy} data-testid="unlock-submit">
            {t('unlock.submit')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
