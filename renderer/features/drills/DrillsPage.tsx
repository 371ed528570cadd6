// Drills: the scenario library, the live drill (facilitator view), finished drills with scores and
// coverage, and the calendar; a finished drill opens in full. Due drills are reminded at the top.
import './drills.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/index.ts';
import type { DrillsTab } from '../../store/uiSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { CalendarTab, DueBadge } from './CalendarTab.tsx';
import { selectDueSchedules } from './drillsSlice.ts';
import { HistoryTab } from './HistoryTab.tsx';
import { LiveTab } from './LiveTab.tsx';
import { RunDetail } from './RunDetail.tsx';
import { ScenariosTab } from './ScenariosTab.tsx';

function DueReminder({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.loadDrillSchedules);
  const due = useAppStore(useShallow(selectDueSchedules));
  const timeZone = useAppStore(selectTimeZone);
  useEffect(() => {
    void load();
  }, [load]);
  if (due.length === 0) return null;
  return (
    <section
      className="notice drill-due"
      aria-label={t('drills.calendar.reminder')}
      data-testid="drill-due"
    >
      <div>
        <p>{t('drills.calendar.dueCount', { count: due.length })}</p>
        <ul className="drill-list">
          {due.map((s) => (
            <li key={s.id}>
              <span className="mono" dir="ltr">
                {s.scenario}
              </span>{' '}
              · <span dir="auto">{s.team || t('drills.noTeam')}</span> ·{' '}
              <Timestamp iso={s.nextAt} timeZone={timeZone} /> <DueBadge schedule={s} />
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="link-btn" onClick={onOpen}>
        {t('drills.calendar.open')}
      </button>
    </section>
  );
}

export function DrillsPage() {
  const { t } = useTranslation();
  const openId = useAppStore((s) => s.drillRunOpenId);
  const isLive = useAppStore((s) => Boolean(s.drillStatus.data?.live));
  const chosenTab = useAppStore((s) => s.drillsTab);
  const setPageTab = useAppStore((s) => s.setPageTab);
  const tab: DrillsTab = chosenTab ?? (isLive ? 'live' : 'scenarios');
  const setTab = (drillsTab: DrillsTab) => setPageTab({ drillsTab });
  const items: TabItem<DrillsTab>[] = [
    { key: 'scenarios', label: t('drills.tabs.scenarios'), testId: 'drill-tab-scenarios' },
    {
      key: 'live',
      label: isLive ? t('drills.tabs.liveNow') : t('drills.tabs.live'),
      testId: 'drill-tab-live',
    },
    { key: 'history', label: t('drills.tabs.history'), testId: 'drill-tab-history' },
    { key: 'calendar', label: t('drills.tabs.calendar'), testId: 'drill-tab-calendar' },
  ];
  return (
    <div className="page drills-page" data-testid="drills-page">
      <PageHeader title={t('drills.title')} subtitle={t('drills.subtitle')} />
      <DueReminder onOpen={() => setTab('calendar')} />
      {openId !== null ? (
        <RunDetail id={openId} />
      ) : (
        <>
          <Tabs label={t('drills.title')} items={items} active={tab} onChange={setTab} />
          <div
            role="tabpanel"
            id={`tabpanel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className="tabpanel drill-stack"
          >
            {tab === 'scenarios' && <ScenariosTab onStarted={() => setTab('live')} />}
            {tab === 'live' && <LiveTab />}
            {tab === 'history' && <HistoryTab />}
            {tab === 'calendar' && <CalendarTab />}
          </div>
        </>
      )}
    </div>
  );
}
