// Running one of a host's declared actions: refused before anything is sent when the agent's hello did
// not declare it; the agent validates the parameters again. Audited with the parameters and the
// result, whatever the outcome; a lost result is linked by its command id when it arrives later.
import { randomUUID } from 'node:crypto';
import type { ActionSpec, FrameOf } from '../../shared/agent-protocol/index.ts';
import type { ActionResult } from '../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/index.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { CommandError, type AgentConnection } from './connection.ts';
import type { DomainError } from '../core/errors.ts';
import { failureReason, fleetFailure } from './failures.ts';
import { findHost } from './hosts.ts';

export interface ActionRequest {
  hostId: number;
  action: string;
  params: FrameOf<'command'>['params'];
}

/** An operator, or the console itself (SLO enforcement) acting under its own name. */
export interface ActionActor {
  username: string;
  role: string;
}

export interface ActionContext {
  db: WritableDb;
  now: () => Date;
  logger: Logger;
  connectionOf: (hostId: number) => AgentConnection | undefined;
  /** The actions the host's agent declared in its hello; undefined until it says hello. */
  actionsOf: (hostId: number) => ActionSpec[] | undefined;
}

export async function runDeclaredAction(
  ctx: ActionContext,
  request: ActionRequest,
  actor: ActionActor,
): Promise<ActionResult> {
  const host = findHost(ctx.db, request.hostId);
  if (!host) throw fleetFailure('NOT_FOUND', `There is no host with id ${request.hostId}.`);
  const record = (outcome: 'success' | 'failure' | 'denied', details: Record<string, unknown>) =>
    appendAudit(
      ctx.db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'fleet.runAction',
        target: `host:${host.id}`,
        outcome,
        details: {
          agentId: host.agentId,
          action: request.action,
          params: request.params,
          ...details,
        },
      },
      ctx.now(),
    );
  const refuse = (error: DomainError): never => {
    record('denied', { code: failureReason(error), reason: error.message });
    throw error;
  };
  if (host.revokedAt) refuse(fleetFailure('CONFLICT', `Host "${host.name}" is revoked.`));
  const connection = ctx.connectionOf(host.id);
  const declared = ctx.actionsOf(host.id);
  if (!connection || !declared)
    refuse(
      fleetFailure(
        'OFFLINE',
        `Host "${host.name}" has not said hello yet; its actions are unknown until it connects.`,
      ),
    );
  const spec = declared?.find((a) => a.name === request.action);
  if (!spec) {
    const known = (declared ?? []).map((a) => a.name).join(', ') || 'none';
    refuse(
      fleetFailure(
        'UNDECLARED',
        `Host "${host.name}" declares no action "${request.action}" (it declares: ${known}).`,
      ),
    );
  }
  let result: FrameOf<'command_result'>;
  // Chosen here so a lost or timed-out command's audit entry links to a result that arrives later.
  const commandId = randomUUID();
  try {
    result = await connection!.runCommand(
      request.action,
      request.params,
      spec!.timeoutMs,
      commandId,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    record('failure', {
      commandId,
      code: error instanceof CommandError ? error.code : 'INTERNAL',
      reason,
    });
    throw error instanceof CommandError && error.code === 'OFFLINE'
      ? fleetFailure('OFFLINE', `Host "${host.name}" is not connected: ${reason}.`)
      : fleetFailure(
          'UNREACHABLE',
          `The result of "${request.action}" on "${host.name}" is unknown: ${reason}. If the agent finishes it, the result is recorded on the host when it reconnects; check there before retrying.`,
        );
  }
  const out: ActionResult = {
    commandId: result.id,
    status: result.status,
    exitCode: result.exitCode,
    output: result.output,
    durationMs: result.durationMs,
    reason: result.reason ?? null,
  };
  // The audit keeps the start of the output; the caller gets all of it (at most 64 KiB).
  record(result.status === 'ok' ? 'success' : 'failure', {
    commandId: out.commandId,
    status: out.status,
    exitCode: out.exitCode,
    durationMs: out.durationMs,
    reason: out.reason,
    output: out.output.slice(0, 2000),
  });
  connection!.ackResult(out.commandId); // after the audit commit, as telemetry acks follow theirs
  ctx.logger.info('fleet: action finished', {
    host: host.id,
    action: request.action,
    status: out.status,
    exitCode: out.exitCode,
  });
  return out;
}
