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
  | 'changes'
  | 'experiments'
  | 'settings';
export type SettingsTab =
  'site' | 'storage' | 'operators' | 'sessions' | 'intake' | 'notifications' | 'security';
export type OnCallTab = 'now' | 'schedules' | 'policies';
export type PostmortemsTab = 'list' | 'actionItems';
export type DrillsTab = 'scenarios' | 'live' | 'history' | 'calendar';

/** The tabs of pages whose tab is part of the address; a page opens on its first tab. */
export interface PageTabs {
  oncallTab: OnCallTab;
  postmortemsTab: PostmortemsTab;
  /** null: the live drill's tab while one runs, else the scenarios. */
  drillsTab: DrillsTab | null;
}
const FIRST_TABS: PageTabs = { oncallTab: 'now', postmortemsTab: 'list', drillsTab: null };

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

export interface UiSlice extends PageTabs {
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
  setPageTab: (tab: Partial<PageTabs>) => void;
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
      ...FIRST_TABS,
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
        // Coming from another page opens it on its first tab, as a fresh visit would.
        const tabs = page === get().page ? {} : FIRST_TABS;
        set(tab ? { page, ...tabs, settingsTab: tab } : { page, ...tabs });
      },
      setPageTab(tab) {
        set(tab);
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
