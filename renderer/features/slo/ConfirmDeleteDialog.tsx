// Deleting an SLO or SLA stops its evaluation and reports; it is audited and asks once more first.
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

interface ConfirmDeleteDialogProps {
  title: string;
  body: string;
  name: string;
  onConfirm: () => Promise<void>;
  onDeleted: () => void;
  onClose: () => void;
  testId: string;
}

export function ConfirmDeleteDialog({ onDeleted, ...props }: ConfirmDeleteDialogProps) {
  const { t } = useTranslation();
  return <ConfirmDialog {...props} confirmLabel={t('slo.delete.confirm')} onDone={onDeleted} />;
}
