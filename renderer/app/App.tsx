// Chooses the screen from where the store and session stand; keeps <html> in step with the
// operator's theme and language.
import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionEndReason } from '../../shared/ipc/browserHost.ts';
import { SessionLockedPage } from '../features/lock/SessionLockedPage.tsx';
import { ForcedPasswordPage } from '../features/signin/ForcedPasswordPage.tsx';
import { SessionEndedPage } from '../features/signin/SessionEndedPage.tsx';
import { SignInPage } from '../features/signin/SignInPage.tsx';
import { RecoveryKeyPage } from '../features/setup/RecoveryKeyPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { UnlockStorePage } from '../features/unlock/UnlockStorePage.tsx';
import { directionOf } from '../i18n/init.ts';
import { useAppStore } from '../store/index.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../ui/Spinner.tsx';
import { Toasts } from '../ui/Toasts.tsx';
import { AppShell } from './AppShell.tsx';

function useDocumentPreferences() {
  const { i18n } = useTranslation();
  const language = useAppStore((s) => s.language);
  const theme = useAppStore((s) => s.theme);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    root.dir = directionOf(language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

function Screen({ sessionEnded }: { sessionEnded: SessionEndReason | null }) {
  const { t } = useTranslation();
  const bootStatus = useAppStore((s) => s.bootStatus);
  const bootError = useAppStore((s) => s.bootError);
  const status = useAppStore((s) => s.status);
  const session = useAppStore((s) => s.session);
  const recoveryKey = useAppStore((s) => s.pendingRecoveryKey);
  const loadStatus = useAppStore((s) => s.loadStatus);

  if (sessionEnded) return <SessionEndedPage reason={sessionEnded} />;
  if (recoveryKey) return <RecoveryKeyPage recoveryKey={recoveryKey} />;
  if (bootStatus === 'error' && bootError) {
    return (
      <main id="main" className="boot-screen">
        <ErrorNotice error={bootError} onRetry={() => void loadStatus()} testId="boot-error" />
      </main>
    );
  }
  if (bootStatus === 'loading' || !status) {
    return (
      <main id="main" className="boot-screen">
        <LoadingBlock label={t('boot.loading')} />
      </main>
    );
  }
  if (status.state === 'uninitialised') return <SetupPage />;
  if (status.state === 'locked') return <UnlockStorePage />;
  if (!session) return <SignInPage />;
  if (session.locked) return <SessionLockedPage />;
  if (session.mustChangePassword) return <ForcedPasswordPage />;
  return <AppShell />;
}

export function App({ sessionEnded = null }: { sessionEnded?: SessionEndReason | null }) {
  const loadStatus = useAppStore((s) => s.loadStatus);
  useDocumentPreferences();
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  return (
    <>
      <Screen sessionEnded={sessionEnded} />
      <Toasts />
    </>
  );
}
