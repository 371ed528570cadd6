// Settings → Alert intake: the tokens the site's Alertmanager delivers with (admins only).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { CreateIntakeTokenDialog } from './CreateIntakeTokenDialog.tsx';
import { selectIntakeTokens } from './intakeSlice.ts';
import { RevokeIntakeTokenDialog } from './RevokeIntakeTokenDialog.tsx';

function TokenLine({ token, onRevoke }: { token: IntakeToken; onRevoke: () => void }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const when = (iso: string) => formatDateTime(iso, timeZone, language);
  return (
    <tr data-testid="intake-token-row" data-name={token.name}>
      <td className="mono" dir="ltr">
        {token.name}
      </td>
      <td className="muted">
        {t('intake.createdBy', { at: when(token.createdAt), by: token.createdBy })}
      </td>
      <td className="muted">{token.lastUsedAt ? when(token.lastUsedAt) : t('intake.never')}</td>
      <td>
        {token.revokedAt ? (
          <span
            title={t('intake.revokedBy', { at: when(token.revokedAt), by: token.revokedBy ?? '' })}
          >
            <Badge tone="danger">{t('intake.state.revoked')}</Badge>
          </span>
        ) : (
          <Badge tone="success">{t('intake.state.active')}</Badge>
        )}
      </td>
      <td className="cell-actions">
        {!token.revokedAt && (
          <Button size="sm" variant="danger" onClick={onRevoke} data-testid="intake-revoke">
            {t('intake.revoke')}
          </Button>
        )}
      </td>
    </tr>
  );
}

export function IntakeTab() {
  const { t } = useTranslation();
  const tokens = useAppStore(selectIntakeTokens);
  const load = useAppStore((s) => s.loadIntakeTokens);
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<IntakeToken | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="tab-content">
      <div className="section-header">
        <h2>{t('intake.tab')}</h2>
        <Button variant="primary" onClick={() => setCreating(true)} data-testid="intake-create">
          {t('intake.create')}
        </Button>
      </div>
      <p className="muted">{t('intake.intro')}</p>
      {tokens.error && <ErrorNotice error={tokens.error} onRetry={() => void load()} />}
      {!tokens.data && tokens.status === 'loading' && <LoadingBlock />}
      {tokens.data && tokens.data.length === 0 && (
        <EmptyState title={t('intake.empty')} detail={t('intake.emptyDetail')} />
      )}
      {tokens.data && tokens.data.length > 0 && (
        <Table
          caption={t('intake.tab')}
          head={
            <tr>
              <th>{t('intake.name')}</th>
              <th>{t('intake.created')}</th>
              <th>{t('intake.lastUsed')}</th>
              <th>{t('intake.stateTitle')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          }
        >
          {tokens.data.map((token) => (
            <TokenLine key={token.id} token={token} onRevoke={() => setRevoking(token)} />
          ))}
        </Table>
      )}
      {isCreating && <CreateIntakeTokenDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeIntakeTokenDialog token={revoking} onClose={() => setRevoking(null)} />}
    </div>
  );
}
