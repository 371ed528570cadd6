// The frame for every screen before the shell: setup, store unlock, sign in, session lock.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';

export function AuthLayout({
  title,
  subtitle,
  wide,
  children,
}: {
  title: string;
  subtitle?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const toggleLanguage = useAppStore((s) => s.toggleLanguage);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const theme = useAppStore((s) => s.theme);
  return (
    <div className="auth-screen">
      <div className="auth-tools">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={toggleTheme}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? t('shell.themeLight') : t('shell.themeDark')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={toggleLanguage}
          data-testid="lang-toggle"
        >
          {t('shell.otherLanguage')}
        </button>
      </div>
      <main id="main" className={`auth-card${wide ? ' auth-card-wide' : ''}`}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {subtitle && <p className="auth-subtitle">{subtitle}</p>}
        {children}
      </main>
    </div>
  );
}
