// UI-only state: theme, language, which page and tab are open, the palette, dialogs and toasts.
import type { AppState, SliceCreator } from './appState.ts';
import type { Preferences } from './preferences.ts';

export type Theme = 'dark' | 'light';
export type Language = 'en' | 'ar';
export type Page =
  | 'overview'
  | 'incidents'
  | 'oncall'
  | 'postmortems'
  | 'drills'
  | 'runbooks'
  | 'fleet'
  | 'slo'
  | 'alerts'
  | 'sla'
  | 'audit'
  | 'settings';
export type SettingsTab =
  'site' | 'operators' | 'sessions' | 'intake' | 'notifications' | 'security';

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

export interface UiSlice {
  theme: Theme;
  language: Language;
  page: Page;
  settingsTab: SettingsTab;
  paletteOpen: boolean;
  operatorDialogOpen: boolean;
  /** Set by the palette so the audit page runs verify or export once it is shown. */
  pendingAuditAction: 'verify' | 'export' | null;
  toasts: Toast[];
  setTheme: (theme: Theme) => void;
  toggleTheme: () => void;
  setLanguage: (language: Language) => void;
  toggleLanguage: () => void;
  navigate: (page: Page, tab?: SettingsTab) => void;
  setPaletteOpen: (open: boolean) => void;
  setOperatorDialogOpen: (open: boolean) => void;
  requestAuditAction: (action: 'verify' | 'export' | null) => void;
  pushToast: (kind: Toast['kind'], text: string) => void;
  dismissToast: (id: number) => void;
}

const THEME_KEY = 'mirqab.theme';
const LANGUAGE_KEY = 'mirqab.language';

export interface UiDefaults {
  theme: Theme;
  language: Language;
}

export function readUiDefaults(prefs: Preferences, prefersLight: boolean): UiDefaults {
  const theme = prefs.get(THEME_KEY);
  const language = prefs.get(LANGUAGE_KEY);
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : prefersLight ? 'light' : 'dark',
    language: language === 'ar' ? 'ar' : 'en',
  };
}

export const createUiSlice =
  (prefs: Preferences, defaults: UiDefaults): SliceCreator<UiSlice> =>
  (set, get) => {
    let nextToastId = 1;
    return {
      theme: defaults.theme,
      language: defaults.language,
      page: 'overview',
      settingsTab: 'site',
      paletteOpen: false,
      operatorDialogOpen: false,
      pendingAuditAction: null,
      toasts: [],
      setTheme(theme) {
        prefs.set(THEME_KEY, theme);
        set({ theme });
      },
      toggleTheme() {
        get().setTheme(get().theme === 'dark' ? 'light' : 'dark');
      },
      setLanguage(language) {
        prefs.set(LANGUAGE_KEY, language);
        set({ language });
      },
      toggleLanguage() {
        get().setLanguage(get().language === 'en' ? 'ar' : 'en');
      },
      navigate(page, tab) {
        set(tab ? { page, settingsTab: tab } : { page });
      },
      setPaletteOpen(paletteOpen) {
        set({ paletteOpen });
      },
      setOperatorDialogOpen(operatorDialogOpen) {
        set({ operatorDialogOpen });
      },
      requestAuditAction(pendingAuditAction) {
        set({ pendingAuditAction });
      },
      pushToast(kind, text) {
        const id = nextToastId++;
        set({ toasts: [...get().toasts, { id, kind, text }].slice(-4) });
      },
      dismissToast(id) {
        set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
      },
    };
  };

export const selectToasts = (state: AppState) => state.toasts;
