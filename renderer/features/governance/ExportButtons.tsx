// Export change records for auditors (JSON, HTML, PDF in the UI language): shown to those who may
// export reports; says where the files went.
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

const FORMATS = ['json', 'html', 'pdf'] as const;

export function ExportButtons({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const canExport = useAppStore(selectCan('reports.export'));
  const exportChanges = useAppStore((s) => s.exportChanges);
  const language = useAppStore((s) => s.language);
  const pushToast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  if (!canExport) return null;
  return (
    <div className="governance-export" role="group" aria-label={t('governance.export.label')}>
      {FORMATS.map((format) => (
        <Button
          key={format}
          size="sm"
          busy={busy}
          data-testid={`change-export-${format}`}
          onClick={() =>
            submit(() => exportChanges(id, format, language), {
              onDone: (done) =>
                pushToast(
                  'success',
                  t('governance.export.done', {
                    files: done.files.map((f) => f.name).join(', '),
                    directory: done.directory,
                  }),
                ),
            })
          }
        >
          {t(`governance.export.${format}`)}
        </Button>
      ))}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
