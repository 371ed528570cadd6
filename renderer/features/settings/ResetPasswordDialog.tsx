// An admin sets a temporary password for another operator: their sessions end, and at their next
// sign-in they must choose their own before anything else.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import * as rules from '../../ui/formRules.ts';
import { NewPasswordField, weakPassword } from '../../ui/NewPasswordField.tsx';

export function ResetPasswordDialog({
  operator,
  onClose,
}: {
  operator: Operator;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const reset = useAppStore((s) => s.resetOperatorPassword);
  const toast = useAppStore((s) => s.pushToast);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, submit } = useSubmission();
  const related = [operator.username, operator.displayName];
  const problem = rules.firstProblem(rules.password(password), weakPassword(password, related));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problem) return;
    submit(() => reset(operator.username, password), {
      onDone: () => {
        toast('success', t('accounts.reset.done', { name: operator.displayName }));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('accounts.reset.title', { name: operator.displayName })}
      onClose={onClose}
      testId="reset-password-dialog"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <p className="form-note">{t('accounts.reset.note')}</p>
        <NewPasswordField
          label={t('accounts.reset.field')}
          hint={t('validation.passwordShort')}
          value={password}
          related={related}
          onChange={(e) => setPassword(e.target.value)}
          error={submitted && problem ? t(problem) : null}
          data-testid="reset-password-value"
        />
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="danger" busy={busy} data-testid="reset-password-submit">
            {t('accounts.reset.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
