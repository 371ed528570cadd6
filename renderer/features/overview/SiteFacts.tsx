// The site itself under the operations home: its name and zone, who is signed in, and the latest
// audit events for the roles that may read them.
import { useTranslation } from 'react-i18next';
import { SiteClock } from '../../app/SiteClock.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import type { Overview } from '../../store/overviewSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Card } from '../../ui/Card.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { AuditOutcomeBadge } from '../audit/AuditOutcomeBadge.tsx';
import { auditActionLabel } from '../audit/auditText.ts';

export function SiteFacts({ data }: { data: Overview }) {
  const { t } = useTranslation();
  const operator = useAppStore((s) => s.session?.operator);
  const language = useAppStore((s) => s.language);
  const canReadAudit = useAppStore(selectCan('audit.read'));
  const navigate = useAppStore((s) => s.navigate);
  return (
    <>
      <div className="card-grid home-site" aria-label={t('overview.site')}>
        <Card title={t('overview.site')}>
          <p className="card-figure" data-testid="overview-site-name">
            {data.siteName}
          </p>
          <dl className="card-facts">
            <dt>{t('overview.residency')}</dt>
            <dd>{data.residency}</dd>
            <dt>{t('fields.timeZone')}</dt>
            <dd dir="ltr">{data.timeZone}</dd>
          </dl>
        </Card>
        <Card title={t('overview.localTime')}>
          <p className="card-figure">
            <SiteClock timeZone={data.timeZone} language={language} />
          </p>
        </Card>
        <Card title={t('overview.signedIn')}>
          <p className="card-figure" data-testid="overview-operator">
            {operator?.displayName}
          </p>
          <p className="card-note">
            <span dir="ltr">{operator?.username}</span> ·{' '}
            {operator && t(`roles.${operator.role}.name`)}
          </p>
        </Card>
        <Card title={t('overview.activeSessions')}>
          <p className="card-figure">{formatNumber(data.activeSessions, language)}</p>
          <p className="card-note">
            {t('overview.operators')}: {formatNumber(data.operatorCount, language)} ·{' '}
            {t('overview.auditEntries')}: {formatNumber(data.auditCount, language)}
          </p>
        </Card>
      </div>
      {canReadAudit && (
        <section className="panel" aria-labelledby="recent-audit">
          <header className="panel-header">
            <h2 id="recent-audit">{t('overview.recentAudit')}</h2>
            <button type="button" className="link-btn" onClick={() => navigate('audit')}>
              {t('overview.openAudit')}
            </button>
          </header>
          {data.recentAudit.length === 0 ? (
            <EmptyState title={t('overview.noAudit')} />
          ) : (
            <ul className="event-list">
              {data.recentAudit.map((entry) => (
                <li
                  key={entry.seq}
                  className="event-row"
                  data-testid="overview-audit-row"
                  data-seq={entry.seq}
                >
                  <Timestamp iso={entry.ts} timeZone={data.timeZone} className="mono muted" />
                  <span title={entry.action} data-testid="overview-audit-action">
                    {auditActionLabel(entry.action, t)}
                  </span>
                  <bdi>{entry.actor}</bdi>
                  <bdi className="truncate">{entry.target}</bdi>
                  <AuditOutcomeBadge outcome={entry.outcome} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
