// Where retraining requests go: the site's pipeline over HTTPS (trusting the site's CA, pasted as PEM)
// or a drop folder it watches. Only those who manage retraining may change it.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PipelineSettingsSchema } from '../../../shared/ipc/governanceSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

export function PipelineForm() {
  const { t } = useTranslation();
  const pipeline = useAppStore((s) => s.retrainingPipeline.data);
  const save = useAppStore((s) => s.savePipeline);
  const canManage = useAppStore(selectCan('retraining.manage'));
  const [kind, setKind] = useState<'webhook' | 'file_drop'>('webhook');
  const [url, setUrl] = useState('');
  const [caPem, setCaPem] = useState('');
  const [directory, setDirectory] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, submit } = useSubmission();
  useEffect(() => {
    if (!pipeline) return;
    setKind(pipeline.kind);
    if (pipeline.kind === 'webhook') {
      setUrl(pipeline.url);
      setCaPem(pipeline.caPem);
    } else setDirectory(pipeline.directory);
  }, [pipeline]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = PipelineSettingsSchema.safeParse(
      kind === 'webhook' ? { kind, url, caPem } : { kind, directory },
    );
    if (!parsed.success) return setProblem(parsed.error.issues[0]!.message);
    setProblem(null);
    submit(() => save(parsed.data), { onDone: () => undefined });
  };
  return (
    <form
      className="card governance-pipeline"
      onSubmit={onSubmit}
      aria-labelledby="pipeline-title"
      noValidate
    >
      <h2 id="pipeline-title">{t('governance.pipeline.title')}</h2>
      <p className="governance-note">
        {pipeline ? t('governance.pipeline.intro') : t('governance.pipeline.none')}
      </p>
      <fieldset disabled={!canManage}>
        <SelectField
          label={t('governance.pipeline.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'webhook' | 'file_drop')}
        >
          <option value="webhook">{t('governance.pipeline.webhook')}</option>
          <option value="file_drop">{t('governance.pipeline.fileDrop')}</option>
        </SelectField>
        {kind === 'webhook' ? (
          <>
            <TextField
              label={t('governance.pipeline.url')}
              dir="ltr"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            <label className="field-label" htmlFor="pipeline-ca">
              {t('governance.pipeline.ca')}
            </label>
            <textarea
              id="pipeline-ca"
              dir="ltr"
              rows={4}
              className="input mono"
              value={caPem}
              onChange={(e) => setCaPem(e.target.value)}
            />
          </>
        ) : (
          <TextField
            label={t('governance.pipeline.directory')}
            dir="ltr"
            value={directory}
            onChange={(e) => setDirectory(e.target.value)}
          />
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        {canManage && (
          <Button type="submit" busy={busy}>
            {t('governance.pipeline.save')}
          </Button>
        )}
      </fieldset>
    </form>
  );
}
