import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/index.ts';
import { selectSiteName, selectTimeZone } from '../store/sessionSlice.ts';
import { SiteClock } from './SiteClock.tsx';

export function TopBar() {
  const { t } = useTranslation();
  const siteName = useAppStore(selectSiteName);
  const timeZone = useAppStore(selectTimeZone);
  const operator = useAppStore((s) => s.session?.operator);
  const language = useAppStore((s) => s.language);
  const theme = useAppStore((s) => s.theme);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const toggleLanguage = useAppStore((s) => s.toggleLanguage);
  const signOut = useAppStore((s) => s.signOut);

  return (
    <header className="topbar">
      <div className="topbar-site">
        <span className="topbar-site-name" data-testid="topbar-site-name">
          {siteName}
        </span>
        <SiteClock timeZone={timeZone} language={language} />
      </div>
      <div className="topbar-tools">
        {operator && (
          <span className="topbar-operator" data-testid="topbar-operator">
            <span className="operator-name">{operator.displayName}</span>
            <span className="operator-role">{t(`roles.${operator.role}.name`)}</span>
          </span>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={toggleTheme}
          aria-label={theme === 'dark' ? t('shell.themeLight') : t('shell.themeDark')}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? t('shell.themeLight') : t('shell.themeDark')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={toggleLanguage}
          lang={language === 'en' ? 'ar' : 'en'}
          data-testid="lang-toggle"
        >
          {t('shell.otherLanguage')}
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={() => void signOut()}
          data-testid="signout"
        >
          {t('shell.signOut')}
        </button>
      </div>
    </header>
  );
}
