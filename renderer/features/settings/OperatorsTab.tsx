// Who may use the console and in which role; changes need operators.manage.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/domain/roles.ts';
import type { Operator } from '../../../shared/ipc/contract.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOperators } from '../../store/operatorsSlice.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { toApiCallError } from '../../api/client.ts';
import { CreateOperatorDialog } from './CreateOperatorDialog.tsx';

function OperatorRow({ operator, canManage, isSelf }: { operator: Operator; canManage: boolean; isSelf: boolean }) {
  const { t } = useTranslation();
  const setRole = useAppStore((s) => s.setOperatorRole);
  const setDisabled = useAppStore((s) => s.setOperatorDisabled);
  const toast = useAppStore((s) => s.pushToast);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const run = (work: Promise<Operator>, success: string) => {
    setBusy(true);
    work.then(
      () => {
        setBusy(false);
        toast('success', success);
      },
      (thrown: unknown) => {
        setBusy(false);
        toast('error', errorText(toApiCallError(thrown)));
      },
    );
  };

  return (
    <tr data-testid="operator-row" data-username={operator.username} className={operator.disabled ? 'is-disabled' : undefined}>
      <td className="mono" dir="ltr">{operator.username}</td>
      <td>{operator.displayName}</td>
      <td>
        {canManage && !isSelf ? (
          <select
            className="input select input-sm"
            value={operator.role}
            disabled={busy}
            aria-label={t('operators.roleFor', { name: operator.displayName })}
            onChange={(e) =>
              run(setRole(operator.username, e.target.value as Role), t('operators.roleChanged', { name: operator.displayName }))
            }
            data-testid="operator-row-role"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}.name`)}
              </option>
            ))}
          </select>
        ) : (
          t(`roles.${operator.role}.name`)
        )}
      </td>
      <td>
        <Badge tone={operator.disabled ? 'danger' : 'success'}>
          {operator.disabled ? t('operators.disabled') : t('operators.enabled')}
        </Badge>
      </td>
      <td className="muted">{formatDateTime(operator.createdAt, timeZone, language)}</td>
      <td className="cell-actions">
        {canManage && !isSelf && (
          <Button
            size="sm"
            variant={operator.disabled ? 'secondary' : 'danger'}
            busy={busy}
            onClick={() =>
              run(
                setDisabled(operator.username, !operator.disabled),
                t(operator.disabled ? 'operators.enabledToast' : 'operators.disabledToast', { name: operator.displayName }),
              )
            }
            data-testid="operator-toggle-disabled"
          >
            {operator.disabled ? t('operators.enable') : t('operators.disable')}
          </Button>
        )}
      </td>
    </tr>
  );
}

export function OperatorsTab() {
  const { t } = useTranslation();
  const operators = useAppStore(selectOperators);
  const load = useAppStore((s) => s.loadOperators);
  const canManage = useAppStore(selectCan('operators.manage'));
  const selfId = useAppStore((s) => s.session?.operator.id);
  const dialogOpen = useAppStore((s) => s.operatorDialogOpen);
  const setDialogOpen = useAppStore((s) => s.setOperatorDialogOpen);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="tab-content">
      <div className="section-header">
        <h2>{t('settings.tabs.operators')}</h2>
        {canManage && (
          <Button variant="primary" onClick={() => setDialogOpen(true)} data-testid="operator-create">
            {t('operators.create')}
          </Button>
        )}
      </div>
      {!canManage && <p className="notice">{t('operators.readOnly')}</p>}
      {operators.error && <ErrorNotice error={operators.error} onRetry={() => void load()} />}
      {!operators.data && operators.status === 'loading' && <LoadingBlock />}
      {operators.data && operators.data.length === 0 && <EmptyState title={t('operators.empty')} />}
      {operators.data && operators.data.length > 0 && (
        <Table
          caption={t('settings.tabs.operators')}
          head={
            <tr>
              <th>{t('fields.username')}</th>
              <th>{t('fields.displayName')}</th>
              <th>{t('fields.role')}</th>
              <th>{t('operators.status')}</th>
              <th>{t('operators.created')}</th>
              <th><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          }
        >
          {operators.data.map((operator) => (
            <OperatorRow key={operator.id} operator={operator} canManage={canManage} isSelf={operator.id === selfId} />
          ))}
        </Table>
      )}
      {dialogOpen && canManage && <CreateOperatorDialog onClose={() => setDialogOpen(false)} />}
    </div>
  );
}
