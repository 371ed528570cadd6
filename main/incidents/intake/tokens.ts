// The tokens the site's Alertmanager authenticates with: created by an admin and shown once, kept
// only as a hash, revocable, and every change audited in the same transaction.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import { auditBy } from '../../audit/index.ts';
import type { Clock } from '../../core/clock.ts';
import { DomainError } from '../../core/errors.ts';
import type { WritableDb } from '../../store/types.ts';
import {
  findTokenById,
  findTokenByName,
  insertToken,
  listTokens,
  markRevoked,
  tokenHashes,
} from './tokenRepository.ts';

/** Recognisable in a config file or a secret scanner's report. */
export const INTAKE_TOKEN_PREFIX = 'mqi_';
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^mqi_[A-Za-z0-9_-]{43}$/;

/** Who changes tokens: an operator, or the CLI's local admin. */
export interface IntakeActor {
  username: string;
  role: string;
}

/** The token a delivery presented, once found live. */
export interface IntakeCaller {
  tokenId: number;
  name: string;
}

// A token carries 256 random bits, so no guess list can find it: a fast hash protects it as well as
// a slow password hash would, and keeps every delivery's check cheap.
export const hashIntakeToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** The token in an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

export interface IntakeTokensOptions {
  store: () => WritableDb;
  clock: Clock;
}

export class IntakeTokens {
  constructor(private readonly options: IntakeTokensOptions) {}

  list(): IntakeToken[] {
    return listTokens(this.options.store());
  }

  /** The token itself is returned here once; only its hash is stored. */
  create(name: string, actor: IntakeActor): { token: string; info: IntakeToken } {
    const db = this.options.store();
    const now = this.options.clock.now();
    const token = INTAKE_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
    const info = db.transaction(() => {
      if (findTokenByName(db, name))
        throw new DomainError(
          'CONFLICT',
          `An intake token named "${name}" already exists (revoked tokens keep their names for the audit trail); choose another name.`,
        );
      const created = insertToken(
        db,
        { name, tokenHash: hashIntakeToken(token), createdBy: actor.username },
        now.getTime(),
      );
      auditBy(
        db,
        actor,
        {
          action: 'intake.token.create',
          target: `intake-token:${name}`,
          outcome: 'success',
          details: { id: created.id, source: 'alertmanager' },
        },
        now,
      );
      return created;
    })();
    return { token, info };
  }

  revoke(id: number, actor: IntakeActor): IntakeToken {
    const db = this.options.store();
    const now = this.options.clock.now();
    return db.transaction(() => {
      const token = findTokenById(db, id);
      if (!token) throw new DomainError('NOT_FOUND', `There is no intake token #${id}.`);
      if (!markRevoked(db, id, actor.username, now.getTime()))
        throw new DomainError(
          'CONFLICT',
          `The intake token "${token.name}" was already revoked on ${token.revokedAt}.`,
        );
      auditBy(
        db,
        actor,
        {
          action: 'intake.token.revoke',
          target: `intake-token:${token.name}`,
          outcome: 'success',
          details: { id },
        },
        now,
      );
      return findTokenById(db, id)!;
    })();
  }

  revokeByName(name: string, actor: IntakeActor): IntakeToken {
    const token = findTokenByName(this.options.store(), name);
    if (!token) throw new DomainError('NOT_FOUND', `There is no intake token named "${name}".`);
    return this.revoke(token.id, actor);
  }

  /**
   * The live token an Authorization header presents, or null. Every stored hash is compared in
   * constant time, so the answer's timing says nothing about how close a guess came.
   */
  authenticate(authorization: string | undefined): IntakeCaller | null {
    const offered = bearerToken(authorization);
    if (offered === null || !TOKEN_PATTERN.test(offered)) return null;
    const offeredHash = Buffer.from(hashIntakeToken(offered), 'hex');
    let found: IntakeCaller | null = null;
    for (const stored of tokenHashes(this.options.store())) {
      const isSame = timingSafeEqual(offeredHash, Buffer.from(stored.tokenHash, 'hex'));
      if (isSame && !stored.isRevoked) found = { tokenId: stored.id, name: stored.name };
    }
    return found;
  }
}
