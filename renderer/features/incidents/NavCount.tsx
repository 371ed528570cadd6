// The counts beside the side navigation's items and in the window title, from incidents.counts and
// every incidents.changed: open incidents (red while a P1 is open) and firing alerts.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentCounts } from '../../store/incidentsSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import type { Page } from '../../store/uiSlice.ts';

/** The pages whose nav item counts firing alerts. */
const FIRING_PAGES: ReadonlySet<Page> = new Set<Page>(['alerts']);

export function NavCount({ page }: { page: Page }) {
  const { t } = useTranslation();
  const counts = useAppStore(selectIncidentCounts);
  const language = useAppStore((s) => s.language);
  if (!counts) return null;
  if (page === 'incidents' && counts.open > 0) {
    const isUrgent = counts.byPriority.P1 > 0;
    return (
      <span
        className={`nav-count${isUrgent ? ' nav-count-urgent' : ''}`}
        data-testid="nav-count-incidents"
        data-count={counts.open}
        aria-label={t('incidents.counts.openLabel', { count: counts.open })}
      >
        {formatNumber(counts.open, language)}
      </span>
    );
  }
  if (FIRING_PAGES.has(page) && counts.firingAlerts > 0) {
    return (
      <span
        className="nav-count nav-count-urgent"
        data-testid="nav-count-firing"
        data-count={counts.firingAlerts}
        aria-label={t('incidents.counts.firingLabel', { count: counts.firingAlerts })}
      >
        {formatNumber(counts.firingAlerts, language)}
      </span>
    );
  }
  return null;
}

/** Loads the counts once signed in; "(2 P1 · 5 open · 3 firing) Mirqab" on every screen. */
export function useIncidentCountsInTitle(): void {
  const { t } = useTranslation();
  const canRead = useAppStore(selectCan('incidents.read'));
  const load = useAppStore((s) => s.loadIncidentCounts);
  const counts = useAppStore(selectIncidentCounts);
  const language = useAppStore((s) => s.language);
  useEffect(() => {
    if (canRead) void load();
  }, [canRead, load]);
  useEffect(() => {
    const app = t('app.name');
    const parts: string[] = [];
    if (counts && canRead) {
      const n = (value: number) => formatNumber(value, language);
      if (counts.byPriority.P1 > 0)
        parts.push(t('incidents.counts.p1', { n: n(counts.byPriority.P1) }));
      if (counts.open > 0) parts.push(t('incidents.counts.open', { n: n(counts.open) }));
      if (counts.firingAlerts > 0)
        parts.push(t('incidents.counts.firing', { n: n(counts.firingAlerts) }));
    }
    document.title = parts.length
      ? t('incidents.counts.title', { counts: parts.join(' · '), app })
      : app;
    return () => {
      document.title = app;
    };
  }, [t, counts, canRead, language]);
}
