// Model A/B experiments: the list, one experiment's results and decision, and the editor.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ExperimentDetail } from './ExperimentDetail.tsx';
import { ExperimentEditor } from './ExperimentEditor.tsx';
import { ExperimentList } from './ExperimentList.tsx';
import './experiments.css';

export function ExperimentsPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.experimentsRoute);
  const canManage = useAppStore(selectCan('experiments.manage'));
  return (
    <div className="page experiments-page" data-testid="experiments-page">
      <PageHeader title={t('experiments.title')} subtitle={t('experiments.subtitle')} />
      {route.view === 'list' && <ExperimentList canManage={canManage} />}
      {route.view === 'editor' && <ExperimentEditor />}
      {route.view === 'detail' && <ExperimentDetail id={route.id} canManage={canManage} />}
    </div>
  );
}
