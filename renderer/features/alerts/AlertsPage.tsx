// The Alerts page: the stream from every source (SLOs, thresholds, agents, model quality, the
// site's Alertmanager) with verdicts and incident links, silences, the threshold rules, the noise
// report per rule, and the SLO burn-rate alerts as the SLO evaluator raises them.
import '../../styles/fleet.css';
import '../../styles/slo.css';
import '../../styles/operations.css';
import '../../styles/alertStream.css';
import { useTranslation } from 'react-i18next';
import { selectAlertsTab, type AlertsTab } from '../../store/alertStreamSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { AlertRulesPanel } from '../alertRules/AlertRulesPanel.tsx';
import { NoiseReportTab } from './NoiseReportTab.tsx';
import { SilencesTab } from './SilencesTab.tsx';
import { SloAlertsTab } from './SloAlertsTab.tsx';
import { StreamTab } from './StreamTab.tsx';

export function AlertsPage() {
  const { t } = useTranslation();
  const tab = useAppStore(selectAlertsTab);
  const setTab = useAppStore((s) => s.setAlertsTab);
  const canSlo = useAppStore(selectCan('slo.read'));
  const keys: AlertsTab[] = [
    'stream',
    'silences',
    'rules',
    'noise',
    ...(canSlo ? ['slo' as const] : []),
  ];
  const active = keys.includes(tab) ? tab : 'stream';
  const items: TabItem<AlertsTab>[] = keys.map((key) => ({
    key,
    label: t(`alertStream.tabs.${key}`),
    testId: `alerts-tab-${key}`,
  }));
  return (
    <div className="page alerts-page" data-testid="alerts-page" data-tab={active}>
      <PageHeader title={t('alertStream.title')} subtitle={t(`alertStream.subtitles.${active}`)} />
      <Tabs label={t('alertStream.tabs.label')} items={items} active={active} onChange={setTab} />
      <div role="tabpanel" id={`tabpanel-${active}`} aria-labelledby={`tab-${active}`}>
        {active === 'stream' && <StreamTab />}
        {active === 'silences' && <SilencesTab />}
        {active === 'rules' && <AlertRulesPanel />}
        {active === 'noise' && <NoiseReportTab />}
        {active === 'slo' && <SloAlertsTab />}
      </div>
    </div>
  );
}
