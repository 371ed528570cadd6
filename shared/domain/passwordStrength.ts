// How hard a password is to guess (zxcvbn: common passwords, words, names, keyboard patterns,
// repeats, dates). The backend refuses a weak one; the UI shows the same verdict as the operator types.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as englishWords } from '@zxcvbn-ts/language-en';

/** zxcvbn's 0–4 scale: 3 means "safely unguessable" (about 10^10 guesses), the least Mirqab accepts. */
export const MIN_PASSWORD_SCORE = 3;
export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  score: PasswordScore;
  isStrongEnough: boolean;
  /** A key of zxcvbn's warnings (e.g. `simpleRepeat`, `common`), translated by whoever shows it. */
  warning: string | null;
  /** Keys of zxcvbn's suggestions (e.g. `anotherWord`, `capitalization`). */
  suggestions: string[];
}

let factory: ZxcvbnFactory | null = null;

// Built on first use: ranking the dictionaries takes a moment, and most callers never need it.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonWords, ...englishWords },
    graphs: adjacencyGraphs,
    // No translations: feedback comes back as keys for the UI's own catalogues (English and Arabic).
  });
  return factory;
}

/**
 * Rates a password; `related` holds words an attacker would try first for this account (username,
 * display name, site name), which count against it.
 */
export function ratePassword(password: string, related: readonly string[] = []): PasswordStrength {
  const inputs = related
    .flatMap((word) => word.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean);
  const result: ZxcvbnResult = estimator().check(password, inputs);
  const score: PasswordScore = result.score;
  return {
    score,
    isStrongEnough: score >= MIN_PASSWORD_SCORE,
    warning: result.feedback.warning,
    suggestions: [...result.feedback.suggestions],
  };
}
