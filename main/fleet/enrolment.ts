// Enrolment and revocation: pair with a new agent, store the host (audited) and dial it; a refused
// or failed enrolment is audited too; revocation stops a host for good (audited).
import { parsePairingCode } from '../../shared/agent-protocol/pairing.ts';
import type { FleetHost } from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { findCluster } from './clusters.ts';
import type { FleetConnections } from './connections.ts';
import { failureReason, fleetFailure } from './failures.ts';
import {
  findHost,
  findHostByAgentId,
  insertHost,
  markHostRevoked,
  type HostRecord,
} from './hosts.ts';
import { pairWithAgent, type PairedAgent } from './pairing.ts';

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

export interface EnrolmentOptions {
  connections: FleetConnections;
  clock: Clock;
  logger: Logger;
  enrolTimeoutMs: number;
  /** The enrolled host as the API shows it. */
  toFleetHost: (db: WritableDb, host: HostRecord) => FleetHost;
}

export class Enrolment {
  constructor(private readonly options: EnrolmentOptions) {}

  async enrol(request: EnrolRequest, actor: Actor): Promise<FleetHost> {
    const { connections, clock, logger } = this.options;
    const running = await connections.ensureStarted();
    const { db } = running;
    try {
      checkEnrolRequest(db, request);
      const paired = await pairWithAgent({
        address: request.address,
        pairingCode: request.pairingCode,
        identity: running.identity,
        consoleHello: connections.consoleHello(running),
        timeoutMs: this.options.enrolTimeoutMs,
      });
      const host = recordEnrolment(db, actor, request, paired, clock.now());
      connections.dial(running, host, paired.hello?.actions);
      return this.options.toFleetHost(db, host);
    } catch (error) {
      if (error instanceof DomainError) {
        logger.warn('fleet: enrolment failed', {
          address: request.address,
          code: failureReason(error),
          reason: error.message,
        });
        recordFailedEnrolment(db, actor, request, error, clock.now());
      }
      throw error;
    }
  }

  async revoke(hostId: number, actor: Actor): Promise<void> {
    const { connections, clock } = this.options;
    const { db } = await connections.ensureStarted();
    // Only an agent connected now hears the revoke and forgets this console; an offline one keeps its pin.
    const agentNotified = connections.connectionOf(hostId)?.isSessionOpen ?? false;
    recordRevocation(db, actor, hostId, clock.now(), { agentNotified });
    // After the commit: a crash in between leaves a revoked row, which start() never dials.
    connections.forget(hostId, `revoked by ${actor.username}`);
  }
}

/** Checks what can be checked before any network traffic. */
export function checkEnrolRequest(db: WritableDb, request: EnrolRequest): void {
  const parsed = parsePairingCode(request.pairingCode);
  if (!parsed.ok)
    throw fleetFailure('BAD_CODE', `The pairing code is not valid: ${parsed.reason}.`);
  if (!findCluster(db, request.clusterId)) {
    throw fleetFailure('NOT_FOUND', `There is no cluster with id ${request.clusterId}.`);
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
      throw fleetFailure(
        'CONFLICT',
        existing.revokedAt
          ? `Agent ${paired.agentId} was revoked; re-initialise it (mirqab-agent init) to enrol it again.`
          : `Agent ${paired.agentId} is already enrolled as "${existing.name}".`,
      );
    }
    const host = insertHost(
      db,
      {
        agentId: paired.agentId,
        name: request.name,
        address: request.address,
        clusterId: request.clusterId,
        fingerprint: paired.fingerprint,
        simulated: paired.hello?.simulated ?? false,
      },
      now,
    );
    appendAudit(
      db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'fleet.enrol',
        target: `host:${host.id}`,
        outcome: 'success',
        details: {
          agentId: host.agentId,
          name: host.name,
          address: host.address,
          clusterId: host.clusterId,
          fingerprint: host.fingerprint,
        },
      },
      now,
    );
    return host;
  })();
}

/** A refused or failed enrolment is security evidence, so it is audited too (nothing else is stored). */
export function recordFailedEnrolment(
  db: WritableDb,
  actor: Actor,
  request: EnrolRequest,
  error: DomainError,
  now: Date,
): void {
  appendAudit(
    db,
    {
      actor: actor.username,
      role: actor.role,
      action: 'fleet.enrol',
      target: `address:${request.address}`,
      outcome: 'failure',
      details: {
        name: request.name,
        clusterId: request.clusterId,
        code: failureReason(error),
        reason: error.message,
      },
    },
    now,
  );
}

/** extra: facts for the auditor, e.g. whether the agent was connected to hear the revoke. */
export function recordRevocation(
  db: WritableDb,
  actor: Actor,
  hostId: number,
  now: Date,
  extra: Record<string, unknown> = {},
): HostRecord {
  return db.transaction(() => {
    const host = findHost(db, hostId);
    if (!host) throw fleetFailure('NOT_FOUND', `There is no host with id ${hostId}.`);
    if (host.revokedAt) throw fleetFailure('CONFLICT', `Host "${host.name}" is already revoked.`);
    markHostRevoked(db, host.id, now);
    appendAudit(
      db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'fleet.revoke',
        target: `host:${host.id}`,
        outcome: 'success',
        details: {
          agentId: host.agentId,
          name: host.name,
          address: host.address,
          fingerprint: host.fingerprint,
          ...extra,
        },
      },
      now,
    );
    return findHost(db, host.id) as HostRecord;
  })();
}
