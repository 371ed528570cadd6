// Changing one's own password or the store passphrase: current, new and confirm, with inline
// errors; a new password shows its strength as it is typed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { NewPasswordField, weakPassword } from '../../ui/NewPasswordField.tsx';

/** A form whose submit runs one call, with inline errors and a success toast. */
export function useSubmit(successText: string) {
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit: run } = useSubmission();
  const submit = (work: () => Promise<unknown>, onDone?: () => void) =>
    run(work, {
      onDone: () => {
        if (successText) toast('success', successText);
        onDone?.();
      },
    });
  return { busy, error, submit };
}

export function ChangeSecret({
  kind,
  onSubmitSecret,
  currentLabel,
}: {
  kind: 'password' | 'passphrase';
  onSubmitSecret: (current: string, next: string) => Promise<void>;
  /** The first field's label where "current" would mislead (a temporary password). */
  currentLabel?: string;
}) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit(t(`security.${kind}Changed`));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const operator = useAppStore((s) => s.session?.operator);
  const related = operator ? [operator.username, operator.displayName] : [];
  const problems = {
    current: rules.required(current),
    next:
      kind === 'password'
        ? rules.firstProblem(rules.password(next), weakPassword(next, related))
        : rules.passphrase(next),
    confirm: rules.matches(confirm, next),
  };
  const shown = (problem: string | null) => (submitted && problem ? t(problem) : null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    submit(
      () => onSubmitSecret(current, next),
      () => {
        setCurrent('');
        setNext('');
        setConfirm('');
        setSubmitted(false);
      },
    );
  };

  return (
    <form className="form form-narrow" onSubmit={onSubmit} noValidate>
      <TextField
        type="password"
        label={currentLabel ?? t(`security.${kind}Current`)}
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={shown(problems.current)}
        autoComplete="current-password"
        data-testid={`security-${kind}-current`}
      />
      {kind === 'password' ? (
        <NewPasswordField
          label={t('security.passwordNext')}
          value={next}
          related={related}
          onChange={(e) => setNext(e.target.value)}
          error={shown(problems.next)}
          data-testid="security-password-next"
        />
      ) : (
        <TextField
          type="password"
          label={t('security.passphraseNext')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={shown(problems.next)}
          autoComplete="new-password"
          data-testid="security-passphrase-next"
        />
      )}
      <TextField
        type="password"
        label={t(`security.${kind}Confirm`)}
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={shown(problems.confirm)}
        autoComplete="new-password"
        data-testid={`security-${kind}-confirm`}
      />
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} data-testid={`security-${kind}-submit`}>
          {t(`security.${kind}Submit`)}
        </Button>
      </div>
    </form>
  );
}
