// Client-side checks mirroring the contract's schemas, returning i18n keys so messages are
// translated; the backend validates again and its verdict wins.
import { isKnownTimeZone } from '../i18n/format.ts';

export type RuleResult = string | null;

export const required = (value: string): RuleResult =>
  value.trim() ? null : 'validation.required';

export const maxLength = (value: string, max: number): RuleResult =>
  value.trim().length > max ? 'validation.tooLong' : null;

export const username = (value: string): RuleResult => {
  const v = value.trim();
  if (v.length < 2) return 'validation.usernameShort';
  if (v.length > 64) return 'validation.tooLong';
  return /^[a-z0-9._-]+$/.test(v) ? null : 'validation.usernameChars';
};

export const password = (value: string): RuleResult =>
  value.length < 10 ? 'validation.passwordShort' : value.length > 256 ? 'validation.tooLong' : null;

export const passphrase = (value: string): RuleResult =>
  value.length < 12
    ? 'validation.passphraseShort'
    : value.length > 1024
      ? 'validation.tooLong'
      : null;

export const matches = (value: string, other: string): RuleResult =>
  value === other ? null : 'validation.mismatch';

export const timeZone = (value: string): RuleResult =>
  isKnownTimeZone(value) ? null : 'validation.timeZone';

export const recoveryKey = (value: string): RuleResult =>
  /^[0-9a-fA-F]{64}$/.test(value.replace(/[\s-]/g, '')) ? null : 'validation.recoveryKey';

export const firstProblem = (...results: RuleResult[]): RuleResult =>
  results.find((result) => result !== null) ?? null;
