// Where the SLA report was written and the audit checkpoint it was stamped with.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import type { Remote } from '../../store/remote.ts';
import type { SlaExport } from '../../store/slaSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Spinner } from '../../ui/Spinner.tsx';

export function SlaExportResult({ remote }: { remote: Remote<SlaExport> }) {
  const { t } = useTranslation();
  if (remote.status === 'loading') {
    return (
      <div className="result-panel" role="status" data-testid="sla-export-progress">
        <Spinner size="sm" /> {t('sla.exporting')}
      </div>
    );
  }
  if (remote.error) return <ErrorNotice error={remote.error} testId="sla-export-error" />;
  const result = remote.data;
  if (!result) return null;
  return (
    <section className="result-panel result-ok" data-testid="sla-export-result">
      <header className="panel-header">
        <h2>{t('sla.exportDone')}</h2>
      </header>
      <dl className="facts">
        <dt>{t('audit.directory')}</dt>
        <dd className="mono break" data-testid="sla-export-directory">
          <span dir="ltr">{result.directory}</span>
        </dd>
        <dt>{t('audit.files')}</dt>
        <dd>
          <ul className="file-list" dir="ltr">
            {result.files.map((file) => (
              <li key={file.name} className="mono" data-testid="sla-export-file">
                {file.name} <span className="muted">({formatNumber(file.bytes, 'en')} B)</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('sla.checkpoint')}</dt>
        <dd
          data-testid="sla-export-checkpoint"
          data-tree-size={result.checkpoint.treeSize}
          data-root={result.checkpoint.rootHash}
        >
          {t('sla.checkpointSize', { size: result.checkpoint.treeSize })}{' '}
          <span className="mono break" dir="ltr">
            {result.checkpoint.rootHash}
          </span>
        </dd>
      </dl>
    </section>
  );
}
