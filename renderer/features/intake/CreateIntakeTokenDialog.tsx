// A new intake token: a name, then the token and the Alertmanager receiver shown once with copy
// buttons (only the token's hash is kept, so closing this view loses it for good).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { intakeUrlFor, receiverSnippet } from './receiverSnippet.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

type Copy = (text: string) => Promise<void>;

function CopyButton({
  text,
  label,
  copy,
  testId,
}: {
  text: string;
  label: string;
  copy: Copy;
  testId: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          copy(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
        data-testid={testId}
      >
        {state === 'copied' ? t('intake.copied') : label}
      </Button>
      {state === 'failed' && (
        <p className="field-error" role="alert">
          {t('intake.copyFailed')}
        </p>
      )}
    </>
  );
}

function CreatedToken({ token, copy, onDone }: { token: string; copy: Copy; onDone: () => void }) {
  const { t } = useTranslation();
  const snippet = receiverSnippet(intakeUrlFor(window.location), token);
  return (
    <div className="recovery">
      <p className="recovery-warning">{t('intake.once')}</p>
      <div className="recovery-key-box">
        <code className="recovery-key mono" data-testid="intake-token" dir="ltr">
          {token}
        </code>
        <CopyButton
          text={token}
          label={t('intake.copyToken')}
          copy={copy}
          testId="intake-copy-token"
        />
      </div>
      <h3>{t('intake.snippetTitle')}</h3>
      <p className="muted">{t('intake.snippetHint')}</p>
      <pre className="code-block" dir="ltr" data-testid="intake-snippet">
        {snippet}
      </pre>
      <CopyButton
        text={snippet}
        label={t('intake.copySnippet')}
        copy={copy}
        testId="intake-copy-snippet"
      />
      <div className="form-actions">
        <Button variant="primary" onClick={onDone} data-testid="intake-done">
          {t('intake.done')}
        </Button>
      </div>
    </div>
  );
}

export function CreateIntakeTokenDialog({
  onClose,
  copy = (text) => navigator.clipboard.writeText(text),
}: {
  onClose: () => void;
  copy?: Copy;
}) {
  const { t } = useTranslation();
  const create = useAppStore((s) => s.createIntakeToken);
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<{ token: string; info: IntakeToken } | null>(null);
  const { busy, error, submit } = useSubmission();
  const problem = NAME.test(name.trim()) ? null : 'intake.nameInvalid';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problem) return;
    submit(() => create(name.trim()), { onDone: setCreated });
  };

  if (created)
    return (
      <Dialog
        title={t('intake.createdTitle', { name: created.info.name })}
        onClose={onClose}
        dismissible={false}
        testId="intake-created-dialog"
      >
        <CreatedToken token={created.token} copy={copy} onDone={onClose} />
      </Dialog>
    );

  return (
    <Dialog title={t('intake.createTitle')} onClose={onClose} testId="intake-create-dialog">
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('intake.name')}
          hint={t('intake.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={submitted && problem ? t(problem) : null}
          autoComplete="off"
          dir="ltr"
          data-testid="intake-name"
        />
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="intake-create-submit">
            {t('intake.createSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
