// First run: name the site, protect the store with a passphrase and create the first admin.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { NewPasswordField, weakPassword } from '../../ui/NewPasswordField.tsx';
import { TimeZoneField } from '../../ui/TimeZoneField.tsx';
import { AuthLayout } from '../signin/AuthLayout.tsx';

interface SetupForm {
  siteName: string;
  timeZone: string;
  passphrase: string;
  passphraseConfirm: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
  adminPasswordConfirm: string;
}

type Problems = Partial<Record<keyof SetupForm, string>>;

const relatedWords = (form: SetupForm) => [
  form.adminUsername,
  form.adminDisplayName,
  form.siteName,
];

function check(form: SetupForm): Problems {
  const problems: Problems = {};
  const add = (key: keyof SetupForm, result: rules.RuleResult) => {
    if (result) problems[key] = result;
  };
  add(
    'siteName',
    rules.firstProblem(rules.required(form.siteName), rules.maxLength(form.siteName, 120)),
  );
  add('timeZone', rules.timeZone(form.timeZone));
  add('passphrase', rules.passphrase(form.passphrase));
  add('passphraseConfirm', rules.matches(form.passphraseConfirm, form.passphrase));
  add('adminUsername', rules.username(form.adminUsername));
  add(
    'adminDisplayName',
    rules.firstProblem(
      rules.required(form.adminDisplayName),
      rules.maxLength(form.adminDisplayName, 120),
    ),
  );
  add(
    'adminPassword',
    rules.firstProblem(
      rules.password(form.adminPassword),
      weakPassword(form.adminPassword, relatedWords(form)),
    ),
  );
  add('adminPasswordConfirm', rules.matches(form.adminPasswordConfirm, form.adminPassword));
  return problems;
}

export function SetupPage() {
  const { t } = useTranslation();
  const createSite = useAppStore((s) => s.createSite);
  const [form, setForm] = useState<SetupForm>({
    siteName: '',
    timeZone: 'Asia/Dubai',
    passphrase: '',
    passphraseConfirm: '',
    adminUsername: '',
    adminDisplayName: '',
    adminPassword: '',
    adminPasswordConfirm: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, submit } = useSubmission();

  const problems = check(form);
  const shown = (key: keyof SetupForm) => {
    const problem = problems[key];
    return submitted && problem ? t(problem) : null;
  };
  const bind = (key: keyof SetupForm) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) =>
      setForm((previous) => ({ ...previous, [key]: event.target.value })),
    error: shown(key),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(check(form)).length > 0) return;
    submit(() =>
      createSite({
        siteName: form.siteName.trim(),
        timeZone: form.timeZone.trim(),
        passphrase: form.passphrase,
        adminUsername: form.adminUsername.trim(),
        adminDisplayName: form.adminDisplayName.trim(),
        adminPassword: form.adminPassword,
      }),
    );
  };

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} wide>
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="form-section">
          <legend>{t('setup.siteSection')}</legend>
          <TextField
            label={t('fields.siteName')}
            {...bind('siteName')}
            data-testid="setup-site-name"
            autoFocus
          />
          <TimeZoneField
            value={form.timeZone}
            onChange={(timeZone) => setForm((previous) => ({ ...previous, timeZone }))}
            error={shown('timeZone')}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('setup.storeSection')}</legend>
          <p className="form-note">{t('setup.storeNote')}</p>
          <TextField
            type="password"
            label={t('fields.passphrase')}
            hint={t('validation.passphraseShort')}
            autoComplete="new-password"
            {...bind('passphrase')}
            data-testid="setup-passphrase"
          />
          <TextField
            type="password"
            label={t('fields.passphraseConfirm')}
            autoComplete="new-password"
            {...bind('passphraseConfirm')}
            data-testid="setup-passphrase-confirm"
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('setup.adminSection')}</legend>
          <TextField
            label={t('fields.username')}
            hint={t('validation.usernameChars')}
            autoComplete="username"
            dir="ltr"
            {...bind('adminUsername')}
            data-testid="setup-admin-username"
          />
          <TextField
            label={t('fields.displayName')}
            {...bind('adminDisplayName')}
            data-testid="setup-admin-display-name"
          />
          <NewPasswordField
            label={t('fields.password')}
            hint={t('validation.passwordShort')}
            related={relatedWords(form)}
            {...bind('adminPassword')}
            data-testid="setup-admin-password"
          />
          <TextField
            type="password"
            label={t('fields.passwordConfirm')}
            autoComplete="new-password"
            {...bind('adminPasswordConfirm')}
            data-testid="setup-admin-password-confirm"
          />
        </fieldset>
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
