// Who may use the console and in which role; changes need operators.manage.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/domain/roles.ts';
import type { Lockout, Operator } from '../../../shared/ipc/contract.ts';
import { formatDateTime, formatTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectLockouts, selectOperators } from '../../store/operatorsSlice.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { toApiCallError } from '../../api/client.ts';
import { CreateOperatorDialog } from './CreateOperatorDialog.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';

/** Clears a lockout (an admin's way back for someone held by another's guesses), with a toast either way. */
function ClearLockoutButton({ lockout, label }: { lockout: Lockout; label: string }) {
  const { t } = useTranslation();
  const clear = useAppStore((s) => s.clearLockout);
  const toast = useAppStore((s) => s.pushToast);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="sm"
      variant="secondary"
      busy={busy}
      onClick={() => {
        setBusy(true);
        clear(lockout).then(
          () => {
            setBusy(false);
            toast('success', t('operators.lockoutCleared', { name: label }));
          },
          (thrown: unknown) => {
            setBusy(false);
            toast('error', errorText(toApiCallError(thrown)));
          },
        );
      }}
      data-testid="lockout-clear"
    >
      {t('operators.clearLockout')}
    </Button>
  );
}

/** Clients, unknown usernames and the store passphrase held back after failed attempts; operators show in their rows. */
function OtherLockouts({ lockouts, canManage }: { lockouts: Lockout[]; canManage: boolean }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  if (lockouts.length === 0) return null;
  return (
    <section data-testid="lockouts-other">
      <h3>{t('operators.heldBackTitle')}</h3>
      <ul className="event-list">
        {lockouts.map((lockout) => (
          <li
            key={`${lockout.scope}:${lockout.id}`}
            data-testid="lockout-row"
            data-scope={lockout.scope}
          >
            <span className="mono" dir="ltr">
              {lockout.scope === 'store' ? t('operators.storePassphrase') : lockout.id}
            </span>{' '}
            <Badge tone="warning">
              {t('operators.heldBackUntil', {
                time: formatTime(lockout.lockedUntil, timeZone, language),
              })}
            </Badge>{' '}
            {canManage && <ClearLockoutButton lockout={lockout} label={lockout.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OperatorRow({
  operator,
  lockout,
  canManage,
  isSelf,
}: {
  operator: Operator;
  lockout: Lockout | undefined;
  canManage: boolean;
  isSelf: boolean;
}) {
  const { t } = useTranslation();
  const setRole = useAppStore((s) => s.setOperatorRole);
  const setDisabled = useAppStore((s) => s.setOperatorDisabled);
  const toast = useAppStore((s) => s.pushToast);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [isResetting, setResetting] = useState(false);

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
    <tr
      data-testid="operator-row"
      data-username={operator.username}
      className={operator.disabled ? 'is-disabled' : undefined}
    >
      <td className="mono" dir="ltr">
        {operator.username}
      </td>
      <td>
        <bdi data-testid="operator-row-name">{operator.displayName}</bdi>
      </td>
      <td>
        {canManage && !isSelf ? (
          <select
            className="input select input-sm"
            value={operator.role}
            disabled={busy}
            aria-label={t('operators.roleFor', { name: operator.displayName })}
            onChange={(e) =>
              run(
                setRole(operator.username, e.target.value as Role),
                t('operators.roleChanged', { name: operator.displayName }),
              )
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
        {lockout && (
          <>
            {' '}
            <span data-testid="operator-lockout">
              <Badge tone="warning">
                {t('operators.heldBackUntil', {
                  time: formatTime(lockout.lockedUntil, timeZone, language),
                })}
              </Badge>
            </span>
          </>
        )}
      </td>
      <td className="muted">{formatDateTime(operator.createdAt, timeZone, language)}</td>
      <td className="cell-actions">
        {canManage && lockout && (
          <ClearLockoutButton lockout={lockout} label={operator.displayName} />
        )}
        {canManage && !isSelf && (
          <Button
            size="sm"
            onClick={() => setResetting(true)}
            data-testid="operator-reset-password"
          >
            {t('accounts.reset.action')}
          </Button>
        )}
        {isResetting && (
          <ResetPasswordDialog operator={operator} onClose={() => setResetting(false)} />
        )}
        {canManage && !isSelf && (
          <Button
            size="sm"
            variant={operator.disabled ? 'secondary' : 'danger'}
            busy={busy}
            onClick={() =>
              run(
                setDisabled(operator.username, !operator.disabled),
                t(operator.disabled ? 'operators.enabledToast' : 'operators.disabledToast', {
                  name: operator.displayName,
                }),
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
  const lockouts = useAppStore(selectLockouts).data ?? [];
  const accountLockout = (operator: Operator) =>
    lockouts.find((l) => l.scope === 'account' && l.id === operator.username.trim().toLowerCase());
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
          <Button
            variant="primary"
            onClick={() => setDialogOpen(true)}
            data-testid="operator-create"
          >
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
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          }
        >
          {operators.data.map((operator) => (
            <OperatorRow
              key={operator.id}
              operator={operator}
              lockout={accountLockout(operator)}
              canManage={canManage}
              isSelf={operator.id === selfId}
            />
          ))}
        </Table>
      )}
      <OtherLockouts
        lockouts={lockouts.filter(
          (l) => l.scope !== 'account' || !operators.data?.some((o) => accountLockout(o) === l),
        )}
        canManage={canManage}
      />
      {dialogOpen && canManage && <CreateOperatorDialog onClose={() => setDialogOpen(false)} />}
    </div>
  );
}
