// Model changes: the change record of every change to a model in production (list, detail, four-eyes
// decision, export), the retraining requests the trigger rules filed, and the rules themselves.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { ChangeRecordDetail } from './ChangeRecordDetail.tsx';
import { ChangeRecordList } from './ChangeRecordList.tsx';
import { RetrainingRequests } from './RetrainingRequests.tsx';
import { TriggerRules } from './TriggerRules.tsx';
import { GOVERNANCE_TABS, type GovernanceTab } from './governanceViewSlice.ts';
import './governance.css';

export function ChangesPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.governanceRoute);
  const open = useAppStore((s) => s.openGovernance);
  return (
    <div className="page governance-page" data-testid="changes-page">
      <PageHeader title={t('governance.title')} subtitle={t('governance.subtitle')} />
      <Tabs<GovernanceTab>
        label={t('governance.title')}
        items={GOVERNANCE_TABS.map((key) => ({
          key,
          label: t(`governance.tabs.${key}`),
          testId: `governance-tab-${key}`,
        }))}
        active={route.tab}
        onChange={(tab) => open({ tab, changeId: null })}
      />
      <div role="tabpanel" id={`tabpanel-${route.tab}`} aria-labelledby={`tab-${route.tab}`}>
        {route.tab === 'records' && route.changeId !== null && (
          <ChangeRecordDetail id={route.changeId} />
        )}
        {route.tab === 'records' && route.changeId === null && <ChangeRecordList />}
        {route.tab === 'requests' && <RetrainingRequests />}
        {route.tab === 'triggers' && <TriggerRules />}
      </div>
    </div>
  );
}
