import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/domain/roles.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { NewPasswordField, weakPassword } from '../../ui/NewPasswordField.tsx';
import { describeRole } from './roleDescription.ts';

export function CreateOperatorDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useAppStore((s) => s.createOperator);
  const toast = useAppStore((s) => s.pushToast);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, submit } = useSubmission();

  const problems = {
    username: rules.username(username),
    displayName: rules.firstProblem(rules.required(displayName), rules.maxLength(displayName, 120)),
    password: rules.firstProblem(
      rules.password(password),
      weakPassword(password, [username, displayName]),
    ),
  };
  const shown = (problem: string | null) => (submitted && problem ? t(problem) : null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    submit(
      () => create({ username: username.trim(), displayName: displayName.trim(), role, password }),
      {
        onDone: (operator) => {
          toast('success', t('operators.createdToast', { name: operator.displayName }));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog title={t('operators.create')} onClose={onClose} testId="operator-dialog">
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('fields.username')}
          hint={t('validation.usernameChars')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={shown(problems.username)}
          autoComplete="off"
          dir="ltr"
          data-testid="operator-username"
        />
        <TextField
          label={t('fields.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={shown(problems.displayName)}
          data-testid="operator-display-name"
        />
        <SelectField
          label={t('fields.role')}
          hint={describeRole(t, role)}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          data-testid="operator-role"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}.name`)}
            </option>
          ))}
        </SelectField>
        <NewPasswordField
          label={t('fields.password')}
          hint={t('validation.passwordShort')}
          value={password}
          related={[username, displayName]}
          onChange={(e) => setPassword(e.target.value)}
          error={shown(problems.password)}
          data-testid="operator-password"
        />
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="operator-submit">
            {t('operators.createSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
