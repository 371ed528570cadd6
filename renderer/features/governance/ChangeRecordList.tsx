// Every change record, newest first: what changed, who asked, its approval and outcome; a row opens it.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Bdi } from '../../ui/Bdi.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { APPROVAL_TONE, OUTCOME_TONE } from './labels.ts';

export function ChangeRecordList() {
  const { t } = useTranslation();
  const records = useAppStore((s) => s.changeRecords);
  const load = useAppStore((s) => s.loadChangeRecords);
  const open = useAppStore((s) => s.openGovernance);
  const timeZone = useAppStore(selectTimeZone);
  useEffect(() => {
    void load();
  }, [load]);
  if (records.error && !records.data)
    return <ErrorNotice error={records.error} onRetry={() => void load()} />;
  if (!records.data) return <LoadingBlock />;
  if (records.data.length === 0)
    return (
      <EmptyState
        title={t('governance.records.empty')}
        detail={t('governance.records.emptyDetail')}
      />
    );
  return (
    <>
      <ExportButtons id={null} />
      <Table
        caption={t('governance.tabs.records')}
        head={
          <tr>
            <th>#</th>
            <th>{t('governance.fields.model')}</th>
            <th>{t('governance.fields.kind')}</th>
            <th>{t('governance.fields.versions')}</th>
            <th>{t('governance.fields.requestedBy')}</th>
            <th>{t('governance.fields.approval')}</th>
            <th>{t('governance.fields.outcome')}</th>
          </tr>
        }
      >
        {records.data.map((r) => (
          <tr key={r.id} data-testid={`change-row-${r.id}`}>
            <td>
              <a
                href={`#/changes/${r.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  open({ tab: 'records', changeId: r.id });
                }}
              >
                #{r.id}
              </a>
            </td>
            <td>
              <Bdi>{r.model}</Bdi>
            </td>
            <td>
              {t(`governance.kinds.${r.kind}`)}
              {r.isRetrospective && (
                <span className="governance-note"> · {t('governance.retrospective')}</span>
              )}
            </td>
            <td dir="ltr" className="mono">
              {r.fromVersion ?? '—'} → {r.toVersion ?? '—'}
            </td>
            <td>
              <Bdi>{r.requestedBy}</Bdi> · <Timestamp iso={r.requestedAt} timeZone={timeZone} />
            </td>
            <td>
              <Badge tone={APPROVAL_TONE[r.approval]}>
                {t(`governance.approvals.${r.approval}`)}
              </Badge>
            </td>
            <td>
              <Badge tone={OUTCOME_TONE[r.outcome]}>{t(`governance.outcomes.${r.outcome}`)}</Badge>
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
