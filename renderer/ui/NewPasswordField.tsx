// A new password's field with a live strength meter: the same rating the backend applies, with
// what makes it weak and how to improve it, in the operator's language.
import { useDeferredValue, useMemo, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ratePassword, type PasswordStrength } from '../../shared/domain/passwordStrength.ts';
import { TextField } from './Field.tsx';
import '../styles/accounts.css';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'value'> & {
  label: string;
  value: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  /** The account's own words (username, display name, site), which make a password weaker. */
  related: readonly string[];
  'data-testid'?: string;
};

const tone = (strength: PasswordStrength) =>
  strength.isStrongEnough ? 'strong' : strength.score >= 2 ? 'fair' : 'weak';

export function PasswordStrengthMeter({
  password,
  related,
  testId = 'password-strength',
}: {
  password: string;
  related: readonly string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  // Rating takes a few milliseconds: typing stays responsive while it catches up.
  const deferred = useDeferredValue(password);
  const relatedKey = related.join('\u0000');
  const strength = useMemo(
    () => (deferred ? ratePassword(deferred, relatedKey.split('\u0000')) : null),
    [deferred, relatedKey],
  );
  if (!strength) return null;
  const advice = [
    ...(strength.warning ? [t(`accounts.strength.warnings.${strength.warning}`)] : []),
    ...strength.suggestions.map((key) => t(`accounts.strength.suggestions.${key}`)),
  ];
  return (
    <div
      className={`strength strength-${tone(strength)}`}
      data-testid={testId}
      data-score={strength.score}
      aria-live="polite"
    >
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={`strength-segment${i <= strength.score ? ' is-filled' : ''}`} />
        ))}
      </div>
      <span className="strength-label">
        {t('accounts.strength.label', { level: t(`accounts.strength.levels.${strength.score}`) })}{' '}
        <span className="strength-verdict">
          {t(strength.isStrongEnough ? 'accounts.strength.enough' : 'accounts.strength.notEnough')}
        </span>
      </span>
      {!strength.isStrongEnough && advice.length > 0 && (
        <ul className="strength-advice">
          {advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function NewPasswordField({ related, value, 'data-testid': testId, ...rest }: Props) {
  return (
    <div className="new-password">
      <TextField
        type="password"
        autoComplete="new-password"
        value={value}
        data-testid={testId}
        {...rest}
      />
      <PasswordStrengthMeter
        password={value}
        related={related}
        {...(testId ? { testId: `${testId}-strength` } : {})}
      />
    </div>
  );
}

/** The form rule: an i18n key when the password is too easy to guess (the backend checks again). */
export const weakPassword = (password: string, related: readonly string[]): string | null =>
  password && !ratePassword(password, related).isStrongEnough ? 'accounts.strength.weak' : null;
