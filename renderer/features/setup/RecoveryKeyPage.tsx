import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { RecoveryKeyNotice } from '../../ui/RecoveryKeyNotice.tsx';
import { AuthLayout } from '../signin/AuthLayout.tsx';

export function RecoveryKeyPage({ recoveryKey }: { recoveryKey: string }) {
  const { t } = useTranslation();
  const acknowledge = useAppStore((s) => s.acknowledgeRecoveryKey);
  return (
    <AuthLayout title={t('recovery.title')} wide>
      <RecoveryKeyNotice recoveryKey={recoveryKey} onContinue={() => void acknowledge()} />
    </AuthLayout>
  );
}
