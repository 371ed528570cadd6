// The side panel for one entry: its details as JSON and the hashes that chain it to the last.
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/ipc/contract.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { AuditOutcomeBadge } from './AuditOutcomeBadge.tsx';
import { auditActionLabel, auditRoleLabel } from './auditText.ts';

export function AuditEntryDetails({
  entry,
  timeZone,
  onClose,
}: {
  entry: AuditEntry;
  timeZone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <aside className="side-panel" aria-label={t('audit.details')} data-testid="audit-details">
      <header className="panel-header">
        <h2>
          {t('audit.entry', { seq: entry.seq })} <AuditOutcomeBadge outcome={entry.outcome} />
        </h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>{t('audit.columns.time')}</dt>
        <dd>
          <Timestamp iso={entry.ts} timeZone={timeZone} />{' '}
          <span className="muted" dir="ltr">
            ({timeZone})
          </span>
        </dd>
        <dt>{t('audit.utc')}</dt>
        <dd className="mono" dir="ltr">
          {entry.ts}
        </dd>
        <dt>{t('audit.columns.actor')}</dt>
        <dd>
          <bdi>{entry.actor}</bdi>{' '}
          <span className="muted" title={entry.role}>
            ({auditRoleLabel(entry.role, t)})
          </span>
        </dd>
        <dt>{t('audit.columns.action')}</dt>
        <dd data-testid="audit-details-action">
          {auditActionLabel(entry.action, t)}{' '}
          <span className="mono muted" dir="ltr">
            {entry.action}
          </span>
        </dd>
        <dt>{t('audit.columns.target')}</dt>
        <dd className="break">
          <bdi>{entry.target}</bdi>
        </dd>
        <dt>{t('audit.hash')}</dt>
        <dd className="mono break" dir="ltr">
          {entry.hash}
        </dd>
        <dt>{t('audit.prevHash')}</dt>
        <dd className="mono break" dir="ltr">
          {entry.prevHash}
        </dd>
      </dl>
      <h3 className="panel-subtitle">{t('audit.detailsJson')}</h3>
      <pre className="code-block" dir="ltr">
        {JSON.stringify(entry.details, null, 2)}
      </pre>
    </aside>
  );
}
