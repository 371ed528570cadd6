// Progress and outcome of writing an audit bundle (entries, checkpoint, signature) to disk.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import type { AuditExport } from '../../store/auditSlice.ts';
import type { Remote } from '../../store/remote.ts';
import type { Language } from '../../store/uiSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Spinner } from '../../ui/Spinner.tsx';

export function ExportResult({
  remote,
  language,
}: {
  remote: Remote<AuditExport>;
  language: Language;
}) {
  const { t } = useTranslation();
  if (remote.status === 'loading') {
    return (
      <div className="result-panel" role="status" data-testid="audit-export-progress">
        <Spinner size="sm" /> {t('audit.exporting')}
      </div>
    );
  }
  if (remote.error) return <ErrorNotice error={remote.error} />;
  const result = remote.data;
  if (!result) return null;
  return (
    <section className="result-panel result-ok" data-testid="audit-export-result">
      <header className="panel-header">
        <h2>{t('audit.exportDone', { entries: formatNumber(result.entries, language) })}</h2>
      </header>
      <dl className="facts">
        <dt>{t('audit.directory')}</dt>
        <dd className="mono break" dir="ltr" data-testid="audit-export-directory">
          {result.directory}
        </dd>
        <dt>{t('audit.files')}</dt>
        <dd>
          <ul className="file-list" dir="ltr">
            {result.files.map((file) => (
              <li key={file} className="mono">
                {file}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}
