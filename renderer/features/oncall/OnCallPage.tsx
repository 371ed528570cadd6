// On call: who is on call now and the week's calendar, the schedules with their rotations and
// overrides, and the escalation policies. Everyone who reads incidents sees it; only roles with
// oncall.manage may change it.
import './oncall.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import type { OnCallTab } from '../../store/uiSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { NowCards } from './NowCards.tsx';
import { PolicyList } from './PolicyList.tsx';
import { ScheduleList } from './ScheduleList.tsx';
import { WeekCalendar } from './WeekCalendar.tsx';

export function OnCallPage() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.loadOnCall);
  const canManage = useAppStore(selectCan('oncall.manage'));
  const tab = useAppStore((s) => s.oncallTab);
  const setPageTab = useAppStore((s) => s.setPageTab);
  const setTab = (oncallTab: OnCallTab) => setPageTab({ oncallTab });
  useEffect(() => {
    void load();
  }, [load]);

  const items: TabItem<OnCallTab>[] = [
    { key: 'now', label: t('oncall.tabs.now'), testId: 'oncall-tab-now' },
    { key: 'schedules', label: t('oncall.tabs.schedules'), testId: 'oncall-tab-schedules' },
    { key: 'policies', label: t('oncall.tabs.policies'), testId: 'oncall-tab-policies' },
  ];
  return (
    <div className="page oncall-page" data-testid="oncall-page">
      <PageHeader title={t('oncall.title')} subtitle={t('oncall.subtitle')} />
      {!canManage && (
        <p className="notice" data-testid="oncall-read-only">
          {t('oncall.readOnly')}
        </p>
      )}
      <Tabs label={t('oncall.title')} items={items} active={tab} onChange={setTab} />
      <div
        role="tabpanel"
        id={`tabpanel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="tabpanel stack"
      >
        {tab === 'now' && (
          <>
            <NowCards canManage={canManage} />
            <WeekCalendar />
          </>
        )}
        {tab === 'schedules' && <ScheduleList canManage={canManage} />}
        {tab === 'policies' && <PolicyList canManage={canManage} />}
      </div>
    </div>
  );
}
