// Action items with owner, due date (a day in the site's zone) and status; overdue ones stand out.
// The same table serves one postmortem and the open items across all of them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_ITEM_STATUSES } from '../../../shared/domain/postmortems/template.ts';
import type { ActionItem } from '../../../shared/ipc/postmortemSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Table } from '../../ui/Table.tsx';

export function ActionItemsTable({
  items,
  canEdit,
  showPostmortem,
  emptyText,
}: {
  items: readonly ActionItem[];
  canEdit: boolean;
  showPostmortem: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const update = useAppStore((s) => s.updateActionItem);
  const open = useAppStore((s) => s.openPostmortem);
  const { error, submit } = useSubmission();
  if (items.length === 0) return <EmptyState title={emptyText} />;
  return (
    <>
      {error && <ErrorNotice error={error} testId="pm-item-error" />}
      <Table
        caption={t('postmortems.items.caption')}
        head={
          <tr>
            <th scope="col">{t('postmortems.items.action')}</th>
            {showPostmortem && <th scope="col">{t('postmortems.items.postmortem')}</th>}
            <th scope="col">{t('postmortems.items.owner')}</th>
            <th scope="col">{t('postmortems.items.due')}</th>
            <th scope="col">{t('postmortems.items.status')}</th>
          </tr>
        }
      >
        {items.map((item) => (
          <tr
            key={item.id}
            className={item.isOverdue ? 'pm-overdue' : undefined}
            data-testid="pm-action-item"
            data-overdue={item.isOverdue}
          >
            <td dir="auto">{item.title}</td>
            {showPostmortem && (
              <td>
                <button type="button" className="link-btn" onClick={() => open(item.postmortemId)}>
                  <span dir="auto">{item.postmortemTitle}</span>
                </button>
              </td>
            )}
            <td className="mono">{item.owner}</td>
            <td>
              <span className="mono" dir="ltr">
                {item.dueDate ?? '—'}
              </span>{' '}
              {item.isOverdue && <Badge tone="danger">{t('postmortems.items.overdue')}</Badge>}
            </td>
            <td>
              {canEdit ? (
                <select
                  className="input input-sm"
                  aria-label={t('postmortems.items.statusOf', { title: item.title })}
                  value={item.status}
                  onChange={(e) =>
                    submit(() =>
                      update({ itemId: item.id, status: e.target.value as ActionItem['status'] }),
                    )
                  }
                >
                  {ACTION_ITEM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`postmortems.items.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              ) : (
                t(`postmortems.items.statuses.${item.status}`)
              )}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

export function AddActionItem({ postmortemId }: { postmortemId: number }) {
  const { t } = useTranslation();
  const change = useAppStore((s) => s.changePostmortem);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const { busy, error, submit } = useSubmission();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(
      () =>
        change('postmortems.addActionItem', {
          id: postmortemId,
          title,
          owner,
          dueDate: dueDate === '' ? null : dueDate,
        }),
      { onDone: () => setTitle('') },
    );
  };
  return (
    <form className="pm-add-item" onSubmit={onSubmit} data-testid="pm-add-item">
      {error && <ErrorNotice error={error} testId="pm-add-item-error" />}
      <TextField
        label={t('postmortems.items.action')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={300}
      />
      <TextField
        label={t('postmortems.items.owner')}
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        required
        maxLength={64}
        dir="ltr"
      />
      <TextField
        label={t('postmortems.items.due')}
        type="date"
        value={dueDate}
        onChange={(e) => setDueDate(e.target.value)}
        hint={t('postmortems.items.noDue')}
      />
      <Button type="submit" busy={busy}>
        {t('postmortems.items.add')}
      </Button>
    </form>
  );
}
