// Every postmortem with its incident, state, author, approvals and open action items; filtered by
// state. Opening a row shows the postmortem.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  POSTMORTEM_STATES,
  type PostmortemState,
} from '../../../shared/domain/postmortems/template.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { PostmortemStateBadge } from './PostmortemStateBadge.tsx';
import { selectPostmortemList } from './postmortemsSlice.ts';

export function PostmortemList() {
  const { t } = useTranslation();
  const list = useAppStore(selectPostmortemList);
  const load = useAppStore((s) => s.loadPostmortems);
  const open = useAppStore((s) => s.openPostmortem);
  const timeZone = useAppStore(selectTimeZone);
  const [state, setState] = useState<PostmortemState | ''>('');
  useEffect(() => {
    void load();
  }, [load]);

  if (list.error && !list.data)
    return <ErrorNotice error={list.error} onRetry={() => void load()} testId="pm-list-error" />;
  if (!list.data) return <LoadingBlock label={t('postmortems.loading')} />;
  const rows = list.data.filter((p) => state === '' || p.state === state);
  return (
    <div className="pm-stack">
      <div className="filter-bar">
        <label className="field-label" htmlFor="pm-state-filter">
          {t('postmortems.filter.label')}
        </label>
        <select
          id="pm-state-filter"
          className="input input-sm"
          value={state}
          onChange={(e) => setState(e.target.value as PostmortemState | '')}
          data-testid="pm-state-filter"
        >
          <option value="">{t('postmortems.filter.all')}</option>
          {POSTMORTEM_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`postmortems.states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t('postmortems.empty')} detail={t('postmortems.emptyDetail')} />
      ) : (
        <Table
          caption={t('postmortems.title')}
          head={
            <tr>
              <th scope="col">{t('postmortems.columns.title')}</th>
              <th scope="col">{t('postmortems.columns.incident')}</th>
              <th scope="col">{t('postmortems.columns.state')}</th>
              <th scope="col">{t('postmortems.columns.author')}</th>
              <th scope="col">{t('postmortems.columns.reviews')}</th>
              <th scope="col">{t('postmortems.columns.openItems')}</th>
              <th scope="col">{t('postmortems.columns.updated')}</th>
            </tr>
          }
        >
          {rows.map((p) => (
            <tr key={p.id} data-testid="pm-row" data-id={p.id}>
              <td>
                <button type="button" className="link-btn" onClick={() => open(p.id)}>
                  <span dir="auto">{p.title}</span>
                </button>
              </td>
              <td>
                <span className="mono">#{p.incidentId}</span> · {p.incidentPriority}
              </td>
              <td>
                <PostmortemStateBadge state={p.state} />
              </td>
              <td className="mono">{p.author}</td>
              <td className="mono" dir="ltr">
                {p.approvedCount}/{p.reviewerCount}
              </td>
              <td className="mono">{p.openActionItems}</td>
              <td>
                <Timestamp iso={p.updatedAt} timeZone={timeZone} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
