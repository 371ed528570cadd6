// Enrolment: connect to a new agent, check its certificate against the pairing code, prove we hold
// the code's one-time secret, and store the host (audited); revocation stops it for good (audited).
import { decodeFrame, encodeFrame, type FrameOf } from '../../shared/agent-protocol/index.ts';
import { parsePairingCode } from '../../shared/agent-protocol/pairing.ts';
import { appendAudit } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';
import type { TlsIdentity } from './consoleIdentity.ts';
import { connectPinned, readRefusal } from './pinnedSocket.ts';
import {
  findCluster,
  findHost,
  findHostByAgentId,
  insertHost,
  markHostRevoked,
  type HostRecord,
} from './repository.ts';

/** Fleet failures (enrolment, revocation, actions); OFFLINE: the agent is not connected; UNDECLARED: no such action. */
export type EnrolmentErrorCode = 'BAD_CODE' | 'NOT_FOUND' | 'CONFLICT' | 'REFUSED' | 'UNREACHABLE' | 'OFFLINE' | 'UNDECLARED';

/** A failed enrolment, with a message the admin can act on. */
export class EnrolmentError extends Error {
  constructor(
    readonly code: EnrolmentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}

export interface Actor {
  username: string;
  role: string;
}

export interface EnrolRequest {
  address: string;
  pairingCode: string;
  name: string;
  clusterId: number;
}

export interface PairedAgent {
  agentId: string;
  hello: FrameOf<'hello'> | null;
  fingerprint: string;
}

/**
 * Runs the pairing exchange over a pinned connection; resolves once the agent says `paired`. An
 * unpaired agent expects `pair` as the first and only frame (no hello), answers `paired` and then
 * closes with 1000 'paired': the console reconnects with the same certificate for the session.
 */
export function pairWithAgent(options: {
  address: string;
  pairingCode: string;
  identity: TlsIdentity;
  consoleHello: { id: string; name: string };
  timeoutMs?: number;
}): Promise<PairedAgent> {
  const parsed = parsePairingCode(options.pairingCode);
  if (!parsed.ok) return Promise.reject(new EnrolmentError('BAD_CODE', parsed.reason));
  const { fingerprint, secret } = parsed.code;
  const pinned = connectPinned({ address: options.address, identity: options.identity, fingerprint });

  const ws = pinned.ws;
  return new Promise<PairedAgent>((resolve, reject) => {
    let hello: FrameOf<'hello'> | null = null;
    let settled = false;
    const finish = (error: EnrolmentError | null, value?: PairedAgent) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.on('error', () => {});
      ws.close(1000, 'enrolment finished');
      if (error) reject(error);
      else resolve(value as PairedAgent);
    };
    const timer = setTimeout(
      () => finish(new EnrolmentError('UNREACHABLE', `The agent at ${options.address} did not complete pairing in time.`)),
      options.timeoutMs ?? 15_000,
    );

    ws.on('open', () => {
      ws.send(encodeFrame({ type: 'pair', secret, consoleName: options.consoleHello.name }));
    });
    // The agent refuses before the upgrade (403 paired elsewhere, 409 pairing busy, 429 too many tries).
    ws.on('unexpected-response', (_req, res) => {
      void readRefusal(res).then((reason) => {
        finish(new EnrolmentError('REFUSED', `The agent at ${options.address} refused pairing (HTTP ${res.statusCode ?? '?'}): ${reason}.`));
      });
    });
    ws.on('message', (data: Buffer) => {
      const decoded = decodeFrame(data.toString('utf8'));
      if (!decoded.ok) return finish(new EnrolmentError('REFUSED', `The agent sent an invalid frame: ${decoded.reason}`));
      const frame = decoded.frame;
      if (frame.type === 'hello' && frame.role === 'agent') hello = frame;
      else if (frame.type === 'paired') finish(null, { agentId: frame.agentId, hello, fingerprint });
      else if (frame.type === 'error') {
        finish(new EnrolmentError('REFUSED', `The agent refused pairing: ${frame.message} (${frame.code}).`));
      }
    });
    ws.on('error', (error) => {
      const pin = pinned.refusal();
      if (pin) {
        finish(new EnrolmentError('REFUSED', `Refused ${options.address}: ${pin.message}. Check the pairing code and the address.`));
      } else {
        finish(new EnrolmentError('UNREACHABLE', `Could not reach an agent at ${options.address}: ${error.message}.`));
      }
    });
    ws.on('close', (code, reason) => {
      finish(new EnrolmentError('REFUSED', `The agent closed the connection before pairing (${code} ${reason.toString()}).`.trim()));
    });
  });
}

/** Checks what can be checked before any network traffic. */
export function checkEnrolRequest(db: WritableDb, request: EnrolRequest): void {
  const parsed = parsePairingCode(request.pairingCode);
  if (!parsed.ok) throw new EnrolmentError('BAD_CODE', `The pairing code is not valid: ${parsed.reason}.`);
  if (!findCluster(db, request.clusterId)) {
    throw new EnrolmentError('NOT_FOUND', `There is no cluster with id ${request.clusterId}.`);
  }
}

/** Stores the newly paired host and its audit entry in one transaction. */
export function recordEnrolment(
  db: WritableDb,
  actor: Actor,
  request: EnrolRequest,
  paired: PairedAgent,
  now: Date,
): HostRecord {
  return db.transaction(() => {
    const existing = findHostByAgentId(db, paired.agentId);
    if (existing) {
      throw new EnrolmentError(
        'CONFLICT',
        existing.revokedAt
          ? `Agent ${paired.agentId} was revoked; re-initialise it (mirqab-agent init) to enrol it again.`
          : `Agent ${paired.agentId} is already enrolled as "${existing.name}".`,
      );
    }
    const host = insertHost(db, {
      agentId: paired.agentId,
      name: request.name,
      address: request.address,
      clusterId: request.clusterId,
      fingerprint: paired.fingerprint,
      simulated: paired.hello?.simulated ?? false,
    }, now);
    appendAudit(db, {
      actor: actor.username, role: actor.role,
      action: 'fleet.enrol',
      target: `host:${host.id}`,
      outcome: 'success',
      details: { agentId: host.agentId, name: host.name, address: host.address, clusterId: host.clusterId, fingerprint: host.fingerprint },
    }, now);
    return host;
  })();
}

/** A refused or failed enrolment is security evidence, so it is audited too (nothing else is stored). */
export function recordFailedEnrolment(db: WritableDb, actor: Actor, request: EnrolRequest, error: EnrolmentError, now: Date): void {
  appendAudit(db, {
    actor: actor.username, role: actor.role,
    action: 'fleet.enrol',
    target: `address:${request.address}`,
    outcome: 'failure',
    details: { name: request.name, clusterId: request.clusterId, code: error.code, reason: error.message },
  }, now);
}

/** extra: facts for the auditor, e.g. whether the agent was connected to hear the revoke. */
export function recordRevocation(db: WritableDb, actor: Actor, hostId: number, now: Date, extra: Record<string, unknown> = {}): HostRecord {
  return db.transaction(() => {
    const host = findHost(db, hostId);
    if (!host) throw new EnrolmentError('NOT_FOUND', `There is no host with id ${hostId}.`);
    if (host.revokedAt) throw new EnrolmentError('CONFLICT', `Host "${host.name}" is already revoked.`);
    markHostRevoked(db, host.id, now);
    appendAudit(db, {
      actor: actor.username, role: actor.role,
      action: 'fleet.revoke',
      target: `host:${host.id}`,
      outcome: 'success',
      details: { agentId: host.agentId, name: host.name, address: host.address, fingerprint: host.fingerprint, ...extra },
    }, now);
    return findHost(db, host.id) as HostRecord;
  })();
}
