// The session is locked for inactivity: the same operator resumes with their password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { useErrorText } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { AuthLayout } from '../signin/AuthLayout.tsx';

export function SessionLockedPage() {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const resume = useAppStore((s) => s.resumeSession);
  const signOut = useAppStore((s) => s.signOut);
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmission();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    submit(() => resume(password), { onError: () => setPassword('') });
  };

  return (
    <AuthLayout
      title={t('lock.title')}
      subtitle={t('lock.subtitle', { name: session?.operator.displayName ?? '' })}
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          type="password"
          label={t('fields.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          autoFocus
          data-testid="session-lock-password"
        />
        {error && (
          <p
            className="form-error"
            role="alert"
            data-testid="session-lock-error"
            data-code={error.code}
          >
            {errorText(error)}
          </p>
        )}
        <div className="form-actions form-actions-split">
          <button
            type="button"
            className="link-btn"
            onClick={() => void signOut()}
            data-testid="signout"
          >
            {t('shell.signOut')}
          </button>
          <Button type="submit" variant="primary" busy={busy} data-testid="session-unlock-submit">
            {t('lock.submit')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
