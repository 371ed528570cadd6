// Every experiment, newest first: its service, versions, split and state; a row opens it.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Bdi } from '../../ui/Bdi.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { Ltr } from './ExperimentResults.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function ExperimentList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const experiments = useAppStore((s) => s.experiments);
  const load = useAppStore((s) => s.loadExperiments);
  const open = useAppStore((s) => s.openExperiments);
  const timeZone = useAppStore(selectTimeZone);
  useEffect(() => {
    void load();
  }, [load]);
  const newButton = canManage && (
    <Button onClick={() => open({ view: 'editor' })} data-testid="experiment-new">
      {t('experiments.new')}
    </Button>
  );
  if (experiments.error && !experiments.data)
    return <ErrorNotice error={experiments.error} onRetry={() => void load()} />;
  if (!experiments.data) return <LoadingBlock />;
  if (experiments.data.length === 0)
    return (
      <EmptyState
        title={t('experiments.empty')}
        detail={t('experiments.emptyDetail')}
        action={newButton}
      />
    );
  return (
    <>
      <div className="form-actions">{newButton}</div>
      <Table
        caption={t('experiments.title')}
        head={
          <tr>
            <th>{t('experiments.fields.name')}</th>
            <th>{t('experiments.fields.model')}</th>
            <th>{t('experiments.fields.versions')}</th>
            <th>{t('experiments.fields.split')}</th>
            <th>{t('experiments.fields.status')}</th>
            <th>{t('experiments.fields.started')}</th>
          </tr>
        }
      >
        {experiments.data.map((e) => (
          <tr key={e.id} data-testid={`experiment-row-${e.id}`}>
            <td>
              <a
                href={`#/experiments/${e.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  open({ view: 'detail', id: e.id });
                }}
              >
                <Bdi>{e.name}</Bdi>
              </a>
            </td>
            <td>
              <Bdi>{e.model}</Bdi>
            </td>
            <td>
              <Ltr>{`${e.control} → ${e.variant}`}</Ltr>
            </td>
            <td className="num">
              <Ltr>{`${e.variantPercent} %`}</Ltr>
            </td>
            <td>
              <StatusBadge experiment={e} />
            </td>
            <td>{e.startedAt ? <Timestamp iso={e.startedAt} timeZone={timeZone} /> : '—'}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
