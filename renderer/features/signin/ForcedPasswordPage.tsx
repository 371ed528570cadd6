// Signed in with a temporary password an admin set: nothing else opens until the operator chooses
// their own (the backend refuses every other call for this session until then).
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ChangeSecret } from '../settings/ChangeSecretForm.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const changePassword = useAppStore((s) => s.changePassword);
  const signOut = useAppStore((s) => s.signOut);
  return (
    <AuthLayout title={t('accounts.forced.title')} subtitle={t('accounts.forced.note')}>
      <div data-testid="forced-password-page">
        <ChangeSecret
          kind="password"
          onSubmitSecret={changePassword}
          currentLabel={t('accounts.forced.current')}
        />
        <div className="form-actions">
          <Button onClick={() => void signOut()} data-testid="forced-password-sign-out">
            {t('accounts.forced.signOut')}
          </Button>
        </div>
      </div>
    </AuthLayout>
  );
}
