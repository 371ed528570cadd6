import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import type { SettingsTab } from '../../store/uiSlice.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { IntakeTab } from '../intake/IntakeTab.tsx';
import { NotificationsTab } from '../notify/NotificationsTab.tsx';
import { OperatorsTab } from './OperatorsTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { SiteTab } from './SiteTab.tsx';
import { TelemetryStorageTab } from './TelemetryStorageTab.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.settingsTab);
  const navigate = useAppStore((s) => s.navigate);
  const canOperators = useAppStore(selectCan('operators.read'));
  const canSessions = useAppStore(selectCan('sessions.read'));
  const canIntake = useAppStore(selectCan('intake.manage'));

  const items: TabItem<SettingsTab>[] = [
    { key: 'site', label: t('settings.tabs.site'), testId: 'settings-tab-site' },
    { key: 'storage', label: t('telemetryStorage.tab'), testId: 'settings-tab-storage' },
    ...(canOperators
      ? [
          {
            key: 'operators' as const,
            label: t('settings.tabs.operators'),
            testId: 'settings-tab-operators',
          },
        ]
      : []),
    ...(canSessions
      ? [
          {
            key: 'sessions' as const,
            label: t('settings.tabs.sessions'),
            testId: 'settings-tab-sessions',
          },
        ]
      : []),
    ...(canIntake
      ? [{ key: 'intake' as const, label: t('intake.tab'), testId: 'settings-tab-intake' }]
      : []),
    { key: 'notifications', label: t('notify.tab'), testId: 'settings-tab-notifications' },
    { key: 'security', label: t('settings.tabs.security'), testId: 'settings-tab-security' },
  ];
  const active = items.some((item) => item.key === tab) ? tab : 'site';

  return (
    <div className="page">
      <PageHeader title={t('settings.title')} />
      <Tabs
        label={t('settings.title')}
        items={items}
        active={active}
        onChange={(key) => navigate('settings', key)}
      />
      <div
        role="tabpanel"
        id={`tabpanel-${active}`}
        aria-labelledby={`tab-${active}`}
        className="tabpanel"
      >
        {active === 'site' && <SiteTab />}
        {active === 'storage' && <TelemetryStorageTab />}
        {active === 'operators' && <OperatorsTab />}
        {active === 'sessions' && <SessionsTab />}
        {active === 'intake' && <IntakeTab />}
        {active === 'notifications' && <NotificationsTab />}
        {active === 'security' && <SecurityTab />}
      </div>
    </div>
  );
}
