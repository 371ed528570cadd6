// A model service's versions over the page that lists it (the Fleet view's model rows).
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DriftPanel } from '../drift/DriftPanel.tsx';
import { ModelVersionsPanel } from './ModelVersionsPanel.tsx';

export function ModelVersionsDialog({ model, onClose }: { model: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('models.title', { model })}
      onClose={onClose}
      testId="model-versions-dialog"
      className="model-versions-dialog"
      hideTitle
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <ModelVersionsPanel model={model} />
      <DriftPanel model={model} />
    </Dialog>
  );
}
