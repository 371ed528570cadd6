// Who is signed in, from where; sessions.manage may end any session but this one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRow } from '../../../shared/ipc/contract.ts';
import { toApiCallError } from '../../api/client.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { selectSessions } from '../../store/settingsSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { IssueSignInLinkButton } from './SignInLinkDialog.tsx';

function SessionLine({ row, canManage }: { row: SessionRow; canManage: boolean }) {
  const { t } = useTranslation();
  const revoke = useAppStore((s) => s.revokeSession);
  const toast = useAppStore((s) => s.pushToast);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const onRevoke = () => {
    setBusy(true);
    revoke(row.id).then(
      () => toast('success', t('sessions.revokedToast', { name: row.username })),
      (thrown: unknown) => {
        setBusy(false);
        toast('error', errorText(toApiCallError(thrown)));
      },
    );
  };

  return (
    <tr data-testid="session-row" data-id={row.id}>
      <td className="mono" dir="ltr">
        {row.username}
      </td>
      <td>{t(`roles.${row.role}.name`)}</td>
      <td className="truncate" title={row.client}>
        <bdi>{row.client}</bdi>
      </td>
      <td className="muted">{formatDateTime(row.createdAt, timeZone, language)}</td>
      <td className="muted">{formatDateTime(row.lastActiveAt, timeZone, language)}</td>
      <td className="cell-actions">
        {row.current ? (
          <Badge tone="accent">{t('sessions.current')}</Badge>
        ) : (
          canManage && (
            <Button
              size="sm"
              variant="danger"
              busy={busy}
              onClick={onRevoke}
              data-testid="session-revoke"
            >
              {t('sessions.revoke')}
            </Button>
          )
        )}
      </td>
    </tr>
  );
}

export function SessionsTab() {
  const { t } = useTranslation();
  const sessions = useAppStore(selectSessions);
  const load = useAppStore((s) => s.loadSessions);
  const canManage = useAppStore(selectCan('sessions.manage'));
  // One-time links exist only where the console is served to browsers (mirqab serve).
  const isBrowser = useAppStore((s) => s.status?.shell === 'browser');
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="tab-content">
      <div className="section-header">
        <h2>{t('settings.tabs.sessions')}</h2>
        {canManage && isBrowser && <IssueSignInLinkButton />}
      </div>
      {sessions.error && <ErrorNotice error={sessions.error} onRetry={() => void load()} />}
      {!sessions.data && sessions.status === 'loading' && <LoadingBlock />}
      {sessions.data && sessions.data.length === 0 && <EmptyState title={t('sessions.empty')} />}
      {sessions.data && sessions.data.length > 0 && (
        <Table
          caption={t('settings.tabs.sessions')}
          head={
            <tr>
              <th>{t('fields.username')}</th>
              <th>{t('fields.role')}</th>
              <th>{t('sessions.client')}</th>
              <th>{t('sessions.started')}</th>
              <th>{t('sessions.lastActive')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          }
        >
          {sessions.data.map((row) => (
            <SessionLine key={row.id} row={row} canManage={canManage} />
          ))}
        </Table>
      )}
    </div>
  );
}
