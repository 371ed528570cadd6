// Deleting an SLO (from its detail or its editor): confirm, delete, say so, back to the list.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog.tsx';

export function SloDeleteDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const deleteSlo = useAppStore((s) => s.deleteSlo);
  const toast = useAppStore((s) => s.pushToast);
  const showList = useAppStore((s) => s.showSloList);
  return (
    <ConfirmDeleteDialog
      title={t('slo.delete.title')}
      body={t('slo.delete.body')}
      name={name}
      onConfirm={() => deleteSlo(name)}
      onDeleted={() => {
        toast('success', t('slo.delete.done', { name }));
        showList();
      }}
      onClose={onClose}
      testId="slo-delete-dialog"
    />
  );
}
