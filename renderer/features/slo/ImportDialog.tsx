// Imports SLOs from OpenSLO v1, Sloth or Pyrra YAML: pasted or read from a file, checked first with
// a dry run that lists what would be imported and every problem with its field path and line.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import type { SloImportResult } from '../../store/sloSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

/** The import channel's limit: larger files are refused here before they travel. */
const MAX_BYTES = 1_000_000;

type ImportProblem = SloImportResult['problems'][number];

/** Problems kept an SLO out; warnings name fields read but not kept. Each with its path and line. */
function ProblemList({
  title,
  items,
  tone,
  testId,
}: {
  title: string;
  items: readonly ImportProblem[];
  tone: 'danger' | 'warning';
  testId: string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <>
      <h3 className={tone === 'danger' ? 'danger-text' : 'warning-text'}>{title}</h3>
      <ul className="slo-import-problems">
        {items.map((p, i) => (
          <li key={i} data-testid={testId}>
            <span className="mono" dir="ltr">
              {p.path}
              {p.line !== undefined && ` · ${t('slo.import.line', { line: p.line })}`}
            </span>
            <span>{p.message}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function DryRunResult({ result }: { result: SloImportResult }) {
  const { t } = useTranslation();
  return (
    <section
      className="slo-import-result"
      data-testid="slo-import-result"
      data-slos={result.slos.length}
      data-problems={result.problems.length}
      data-warnings={result.warnings.length}
    >
      <h3>{t('slo.import.wouldImport', { count: result.slos.length })}</h3>
      {result.slos.length > 0 && (
        <ul className="slo-import-list">
          {result.slos.map((s) => (
            <li key={s.name} data-testid="slo-import-slo">
              <span className="mono" dir="ltr">
                {s.name}
              </span>{' '}
              <Badge tone={s.replaces ? 'warning' : 'success'}>
                {s.replaces ? t('slo.import.replaces') : t('slo.import.new')}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <ProblemList
        title={t('slo.import.problems', { count: result.problems.length })}
        items={result.problems}
        tone="danger"
        testId="slo-import-problem"
      />
      <ProblemList
        title={t('slo.import.warnings', { count: result.warnings.length })}
        items={result.warnings}
        tone="warning"
        testId="slo-import-warning"
      />
    </section>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importSlos = useAppStore((s) => s.importSlos);
  const toast = useAppStore((s) => s.pushToast);
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: SloImportResult } | null>(null);
  const { busy, error, submit } = useSubmission();
  const isChecked = checked !== null && checked.text === text;

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError(t('slo.import.tooLarge'));
      return;
    }
    file.text().then(setText, () => setFileError(t('slo.import.unreadable')));
  };
  const dryRun = () =>
    submit(() => importSlos(text, true), { onDone: (result) => setChecked({ text, result }) });
  const runImport = () =>
    submit(() => importSlos(text, false), {
      onDone: (result) => {
        toast('success', t('slo.import.done', { count: result.slos.length }));
        onClose();
      },
    });

  return (
    <Dialog
      title={t('slo.import.title')}
      onClose={onClose}
      className="slo-import-dialog"
      testId="slo-import-dialog"
      footer={
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            onClick={dryRun}
            busy={busy && !isChecked}
            disabled={!text.trim()}
            data-testid="slo-import-check"
          >
            {t('slo.import.check')}
          </Button>
          <Button
            variant="primary"
            onClick={runImport}
            busy={busy && isChecked}
            disabled={!isChecked || checked.result.slos.length === 0}
            data-testid="slo-import-run"
          >
            {t('slo.import.run', { count: isChecked ? checked.result.slos.length : 0 })}
          </Button>
        </div>
      }
    >
      <p className="form-note">{t('slo.import.formats')}</p>
      <div className="field">
        <label className="field-label" htmlFor="slo-import-file">
          {t('slo.import.file')}
        </label>
        <input
          id="slo-import-file"
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml"
          onChange={onFile}
          data-testid="slo-import-file"
        />
        {fileError && (
          <p className="field-error" role="alert">
            {fileError}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="slo-import-text">
          {t('slo.import.paste')}
        </label>
        <textarea
          id="slo-import-text"
          className="input textarea mono"
          dir="ltr"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-autofocus=""
          data-testid="slo-import-text"
        />
      </div>
      {error && <ErrorNotice error={error} testId="slo-import-error" />}
      {isChecked && <DryRunResult result={checked.result} />}
      {checked !== null && !isChecked && <p className="muted">{t('slo.import.changed')}</p>}
    </Dialog>
  );
}
