// Every open or in-progress action item across postmortems, soonest due first, overdue ones marked.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { ActionItemsTable } from './ActionItemsTable.tsx';
import { selectOpenActionItems } from './postmortemsSlice.ts';

export function OpenActionItems() {
  const { t } = useTranslation();
  const items = useAppStore(selectOpenActionItems);
  const load = useAppStore((s) => s.loadOpenActionItems);
  const canWrite = useAppStore(selectCan('postmortems.write'));
  useEffect(() => {
    void load();
  }, [load]);
  if (items.error && !items.data)
    return <ErrorNotice error={items.error} onRetry={() => void load()} testId="pm-items-error" />;
  if (!items.data) return <LoadingBlock />;
  return (
    <div data-testid="pm-open-items">
      <ActionItemsTable
        items={items.data}
        canEdit={canWrite}
        showPostmortem
        emptyText={t('postmortems.items.emptyOpen')}
      />
    </div>
  );
}
