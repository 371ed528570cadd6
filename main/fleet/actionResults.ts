// Action results that arrive after the console stopped waiting: the link dropped mid-action (the
// agent kept the result and resent it after the reconnect) or the wait timed out. Each is recorded
// once, in the command's audit trail and as an agent event, however often the agent resends it.
import type { FrameOf } from '../../shared/agent-protocol/index.ts';
import { appendAudit } from '../audit/index.ts';
import { all, sql } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import { insertAgentEvent } from './agentEvents.ts';

type CommandResult = FrameOf<'command_result'>;

/** The audit keeps the start of an action's output, as fleet.runAction does. */
const AUDIT_OUTPUT_CHARS = 2000;

export type LateResultOutcome = 'recorded' | 'duplicate';

interface CommandTrail {
  action: string;
  details: Record<string, unknown>;
}

/** Every audit entry about one command on one host: the run (fleet.runAction) and any late result. */
function commandTrail(db: WritableDb, hostId: number, commandId: string): CommandTrail[] {
  return all<{ action: string; details: string }>(
    db,
    sql`SELECT action, details FROM audit_log
        WHERE action IN ('fleet.runAction', 'fleet.actionResult') AND target = ${`host:${hostId}`}
          AND json_extract(details, '$.commandId') = ${commandId}
        ORDER BY seq`,
  ).map((row) => ({
    action: row.action,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}

function noteFor(run: CommandTrail | undefined): string {
  if (!run) return 'result arrived for a command this console has no record of';
  if (run.details.code === 'LOST') return 'result arrived after reconnect';
  if (run.details.code === 'TIMEOUT')
    return 'result arrived after the console stopped waiting (timeout)';
  return 'result arrived late';
}

/**
 * Records a result nobody was waiting for, in one transaction: an audit entry (fleet.actionResult)
 * linked to the command by its id, and an agent event for the host's timeline. A result already
 * recorded (an ack lost on the way back, so the agent sent it again) is a duplicate: not recorded.
 */
export function recordLateResult(
  db: WritableDb,
  host: { id: number; agentId: string },
  result: CommandResult,
  now: Date,
): LateResultOutcome {
  return db.transaction((): LateResultOutcome => {
    const trail = commandTrail(db, host.id, result.id);
    const isRecorded = trail.some(
      (e) => e.action === 'fleet.actionResult' || e.details.status !== undefined,
    );
    if (isRecorded) return 'duplicate';
    const started = trail.find((e) => e.action === 'fleet.runAction');
    const action = typeof started?.details.action === 'string' ? started.details.action : null;
    const note = noteFor(started);
    appendAudit(
      db,
      {
        actor: `agent:${host.agentId}`,
        role: 'agent',
        action: 'fleet.actionResult',
        target: `host:${host.id}`,
        outcome: result.status === 'ok' ? 'success' : 'failure',
        details: {
          agentId: host.agentId,
          commandId: result.id,
          action,
          params: started?.details.params ?? null,
          status: result.status,
          exitCode: result.exitCode,
          durationMs: result.durationMs,
          reason: result.reason ?? null,
          output: result.output.slice(0, AUDIT_OUTPUT_CHARS),
          late: true,
          note,
        },
      },
      now,
    );
    const what = action ? `"${action}"` : 'an action';
    insertAgentEvent(db, host.id, {
      tsMs: now.getTime(),
      kind: 'command_result',
      severity: result.status === 'ok' ? 'info' : 'warning',
      message:
        `${what} finished ${result.status}${result.reason ? ` (${result.reason})` : ''}: ${note}`.slice(
          0,
          4000,
        ),
      details: {
        commandId: result.id,
        action,
        status: result.status,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        late: true,
      },
    });
    return 'recorded';
  })();
}
