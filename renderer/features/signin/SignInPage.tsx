import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { selectSiteName } from '../../store/sessionSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { useErrorText } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useAppStore((s) => s.signIn);
  const siteName = useAppStore(selectSiteName);
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmission();
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!username.trim() || !password);
    if (!username.trim() || !password) return;
    submit(() => signIn(username.trim(), password), { onError: () => setPassword('') });
  };

  return (
    <AuthLayout title={t('signin.title')} subtitle={siteName || undefined}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('fields.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          dir="ltr"
          autoFocus
          data-testid="signin-username"
        />
        <TextField
          type="password"
          label={t('fields.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          data-testid="signin-password"
        />
        {(error || missing) && (
          <p className="form-error" role="alert" data-testid="signin-error" data-code={error?.code}>
            {error ? errorText(error) : t('signin.missing')}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} data-testid="signin-submit">
            {t('signin.submit')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
