// Operator password hashing with scrypt (Node's built-in, memory-hard).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { translations } from '@zxcvbn-ts/language-en';
import { ratePassword } from '../../shared/domain/passwordStrength.ts';
import { DomainError } from '../core/errors.ts';
import {
  deriveScrypt,
  describeCost,
  isWeakerThan,
  SCRYPT_COST,
  scryptCostProblem,
  type ScryptCost,
} from '../store/scrypt.ts';

const KEY_LENGTH = 32;

/**
 * The one gate every new password passes (setup, new operator, own change, admin reset): a password
 * that is easy to guess is refused, naming why. `related` are the account's own words (username…).
 */
export function assertStrongPassword(password: string, related: readonly string[]): void {
  const strength = ratePassword(password, related);
  if (strength.isStrongEnough) return;
  const warnings: Record<string, string> = translations.warnings;
  const why = strength.warning ? ` ${warnings[strength.warning] ?? ''}` : '';
  throw new DomainError(
    'WEAK_PASSWORD',
    `This password is too easy to guess.${why} Use a longer one, such as a few unrelated words.`,
  );
}

/** Format: scrypt$N$r$p$salt(base64)$hash(base64). */
export async function hashPassword(
  password: string,
  cost: ScryptCost = SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveScrypt(password, salt, KEY_LENGTH, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export interface PasswordCheck {
  matches: boolean;
  /** The record was made at a weaker cost than today's: re-hash it now that the password is known. */
  needsRehash: boolean;
}

export async function verifyPassword(
  password: string,
  stored: string,
  target: ScryptCost = SCRYPT_COST,
): Promise<PasswordCheck> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash)
    return { matches: false, needsRehash: false };
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A record altered to ask for gigabytes (or for almost no work) is refused before scrypt runs.
  const problem = scryptCostProblem(cost);
  if (problem)
    throw new Error(
      `A stored password record asks for scrypt ${describeCost(cost)}, which Mirqab refuses: ${problem}.`,
    );
  const expected = Buffer.from(hash, 'base64');
  const key = await deriveScrypt(password, Buffer.from(salt, 'base64'), KEY_LENGTH, cost);
  const matches = key.length === expected.length && timingSafeEqual(key, expected);
  return { matches, needsRehash: matches && isWeakerThan(cost, target) };
}

// Verifying against this when the username is unknown keeps both answers equally slow.
const decoys = new Map<string, Promise<string>>();
export function decoyHash(cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const id = describeCost(cost);
  let decoy = decoys.get(id);
  if (!decoy) {
    decoy = hashPassword(randomBytes(16).toString('hex'), cost);
    decoys.set(id, decoy);
  }
  return decoy;
}
