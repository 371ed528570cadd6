// Shown when the web host has ended this browser session (sign-out, its lifetime) or when this tab
// never received a page key: only a fresh link from `mirqab serve` can start another.
import { useTranslation } from 'react-i18next';
import type { SessionEndReason } from '../../../shared/ipc/browserHost.ts';
import { AuthLayout } from './AuthLayout.tsx';

export function SessionEndedPage({ reason }: { reason: SessionEndReason }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t(`sessionEnded.title.${reason}`)}>
      <p data-testid="session-ended" data-reason={reason}>
        {t(`sessionEnded.body.${reason}`)}
      </p>
      <p className="muted">{t('sessionEnded.newLink')}</p>
    </AuthLayout>
  );
}
