// Export as Markdown or PDF in English or Arabic, through the report pipeline (stamped with the
// audit checkpoint and audited); says where the files went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function ExportBar({ postmortemId }: { postmortemId: number }) {
  const { t } = useTranslation();
  const exportPostmortem = useAppStore((s) => s.exportPostmortem);
  const uiLanguage = useAppStore((s) => s.language);
  const [language, setLanguage] = useState<'en' | 'ar'>(uiLanguage);
  const [result, setResult] = useState<ChannelOutput<'postmortems.export'> | null>(null);
  const { busy, error, submit } = useSubmission();
  const run = (format: 'md' | 'pdf') =>
    submit(() => exportPostmortem({ id: postmortemId, format, language }), {
      onDone: setResult,
    });
  return (
    <section className="pm-export" aria-label={t('postmortems.export.title')}>
      <label className="field-label" htmlFor={`pm-export-language-${postmortemId}`}>
        {t('postmortems.export.language')}
      </label>
      <select
        id={`pm-export-language-${postmortemId}`}
        className="input input-sm"
        value={language}
        onChange={(e) => setLanguage(e.target.value === 'ar' ? 'ar' : 'en')}
        data-testid="pm-export-language"
      >
        <option value="en">English</option>
        <option value="ar">العربية</option>
      </select>
      <Button size="sm" busy={busy} onClick={() => run('md')} data-testid="pm-export-md">
        {t('postmortems.export.md')}
      </Button>
      <Button size="sm" busy={busy} onClick={() => run('pdf')} data-testid="pm-export-pdf">
        {t('postmortems.export.pdf')}
      </Button>
      {busy && <span role="status">{t('postmortems.export.writing')}</span>}
      {error && <ErrorNotice error={error} testId="pm-export-error" />}
      {result && !busy && (
        <p className="pm-export-result" role="status" data-testid="pm-export-result">
          {t('postmortems.export.done', {
            directory: result.directory,
            files: result.files.map((f) => f.name).join(', '),
            size: result.checkpoint.treeSize,
          })}
        </p>
      )}
    </section>
  );
}
