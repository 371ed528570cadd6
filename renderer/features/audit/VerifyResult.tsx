// The outcome of re-checking the hash chain and the latest signed Merkle checkpoint.
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../shared/ipc/contract.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import type { Remote } from '../../store/remote.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

const abbreviate = (value: string, keep = 12) =>
  value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;

export function VerifyResult({
  remote,
  timeZone,
}: {
  remote: Remote<VerifyReport>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (remote.error) return <ErrorNotice error={remote.error} />;
  const report = remote.data;
  if (!report) return null;
  return (
    <section
      className={`result-panel ${report.ok ? 'result-ok' : 'result-bad'}`}
      aria-live="polite"
      data-testid="audit-verify-result"
      data-ok={String(report.ok)}
    >
      <header className="panel-header">
        <h2>
          {t('audit.verifyTitle')}{' '}
          <Badge tone={report.ok ? 'success' : 'danger'}>
            {report.ok ? t('audit.verifyOk') : t('audit.verifyFailed')}
          </Badge>
        </h2>
        <span className="muted">
          {t('audit.checkedAt')} <Timestamp iso={report.checkedAt} timeZone={timeZone} />
        </span>
      </header>
      {report.firstBad && (
        <p className="danger-text" role="alert" data-testid="audit-verify-first-bad">
          {t('audit.firstBad', { seq: report.firstBad.seq, reason: report.firstBad.reason })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('audit.entriesChecked')}</dt>
        <dd>{report.count}</dd>
        <dt>{t('audit.headHash')}</dt>
        <dd className="mono break" dir="ltr">
          {report.headHash}
        </dd>
        {report.checkpoint ? (
          <>
            <dt>{t('audit.treeSize')}</dt>
            <dd>{report.checkpoint.treeSize}</dd>
            <dt>{t('audit.rootHash')}</dt>
            <dd className="mono break" dir="ltr">
              {report.checkpoint.rootHash}
            </dd>
            <dt>{t('audit.signedAt')}</dt>
            <dd>
              <Timestamp iso={report.checkpoint.signedAt} timeZone={timeZone} />
            </dd>
            <dt>{t('audit.keyFingerprint')}</dt>
            <dd className="mono break" dir="ltr">
              {report.checkpoint.keyFingerprint}
            </dd>
            <dt>{t('audit.signature')}</dt>
            <dd className="mono" dir="ltr" title={report.checkpoint.signature}>
              {abbreviate(report.checkpoint.signature)}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('audit.checkpoint')}</dt>
            <dd>{t('audit.noCheckpoint')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
