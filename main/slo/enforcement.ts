// Enforcement: when a burn-rate alert turns firing, an SLO's policy proposes (or, without an approval
// gate, runs) one of an agent's declared actions, within a cooldown and a daily maximum. Every
// decision — proposed, suppressed, approved, rejected, its result — enters the audit chain, and each
// is told to every window as slo.changed the moment it is recorded, not at the next evaluation cycle.
import type { ActionSpec } from '../../shared/agent-protocol/index.ts';
import type { ActionResult, EnforcementAction } from '../../shared/ipc/contract.ts';
import type { EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import type { AlertSeverity } from '../../shared/domain/slo/spec.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import { appendAudit } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { ActionActor, ActionRequest } from '../fleet/runAction.ts';
import type { WritableDb } from '../store/types.ts';
import { findAction, insertAction, recentActions, updateAction } from './enforcementRepository.ts';
import { policyProblem } from './policyCheck.ts';

/** Runs an agent action as someone (the fleet service, which audits the run itself). */
export type ActionRunner = (request: ActionRequest, by: ActionActor) => Promise<ActionResult>;

/** The enforcement engine acts under this name in the audit log when no person approved. */
const ENFORCEMENT_ACTOR: ActionActor = { username: 'system:slo-enforcement', role: 'system' };

function auditDecision(
  db: WritableDb,
  by: ActionActor,
  action: EnforcementAction,
  outcome: 'success' | 'failure' | 'denied',
  now: Date,
  extra: Record<string, unknown> = {},
): void {
  appendAudit(
    db,
    {
      actor: by.username,
      role: by.role,
      action: `slo.enforcement.${action.status}`,
      target: `slo:${action.sloName}`,
      outcome,
      details: {
        actionId: action.id,
        alertId: action.alertId,
        hostId: action.hostId,
        agentAction: action.action,
        params: action.params,
        reason: action.reason,
        ...extra,
      },
    },
    now,
  );
}

/** Why a policy may not act now (cooldown, daily maximum), or null when it may. */
function suppression(
  db: WritableDb,
  sloName: string,
  policy: EnforcementPolicy,
  nowMs: number,
): string | null {
  const lastDay = recentActions(db, sloName, nowMs - DAY_MS);
  if (lastDay.length >= policy.maxPerDay)
    return `the policy allows ${policy.maxPerDay} action(s) a day and ${lastDay.length} already ran or wait`;
  const last = lastDay[0];
  if (last && nowMs - Date.parse(last.proposedAt) < policy.cooldownMinutes * MINUTE_MS) {
    return `cooling down: the last action was at ${last.proposedAt} and the cooldown is ${policy.cooldownMinutes} min`;
  }
  return null;
}

export interface EnforcerOptions {
  store: () => WritableDb;
  runAction: ActionRunner;
  clock: Clock;
  events: EventBus;
  /** The actions a host's agent declared in its hello (undefined until it says hello). */
  actionsOf?: (hostId: number) => readonly ActionSpec[] | undefined;
}

export class Enforcer {
  private readonly db: () => WritableDb;
  private readonly runAction: ActionRunner;

  constructor(private readonly options: EnforcerOptions) {
    this.db = options.store;
    this.runAction = options.runAction;
  }

  private now(): Date {
    return this.options.clock.now();
  }

  /** Refuses a policy that names a host the fleet does not have, or an action its host does not declare. */
  checkPolicy(policy: EnforcementPolicy): void {
    const problem = policyProblem(this.db(), policy, this.options.actionsOf);
    if (problem) throw new DomainError('BAD_REQUEST', problem);
  }

  /** Tells every window that this SLO's actions moved, once the change is committed. */
  private changed(sloName: string): void {
    this.options.events.emit('slo.changed', { names: [sloName], isAlertsChanged: false });
  }

  /**
   * Reacts to an alert that just turned firing. Call inside no transaction: an action without an
   * approval gate starts right away and its result is recorded when it arrives.
   */
  onFiring(
    sloName: string,
    alertId: number,
    severity: AlertSeverity,
    policy: EnforcementPolicy | null,
  ): EnforcementAction | null {
    if (!policy || !policy.isEnabled) return null;
    if (policy.onSeverity !== 'any' && policy.onSeverity !== severity) return null;
    const db = this.db();
    const now = this.now();
    const proposal = db.transaction(() => {
      const blocked = suppression(db, sloName, policy, now.getTime());
      const base = {
        sloName,
        alertId,
        hostId: policy.hostId,
        action: policy.action,
        params: policy.params,
      };
      const status = blocked ? 'suppressed' : policy.requiresApproval ? 'proposed' : 'approved';
      const reason = blocked ?? `${severity} alert #${alertId} fired`;
      const action = insertAction(db, { ...base, status, reason }, now.getTime());
      auditDecision(db, ENFORCEMENT_ACTOR, action, blocked ? 'denied' : 'success', now);
      return action;
    })();
    this.changed(sloName);
    if (proposal.status === 'approved') void this.execute(proposal, ENFORCEMENT_ACTOR);
    return proposal;
  }

  /** An operator approves (the action runs now) or rejects a proposed action. */
  async decide(actionId: number, isApproved: boolean, by: ActionActor): Promise<EnforcementAction> {
    const db = this.db();
    const now = this.now();
    const decided = db.transaction(() => {
      const action = findAction(db, actionId);
      if (!action)
        throw new DomainError('NOT_FOUND', `There is no enforcement action #${actionId}.`);
      if (action.status !== 'proposed')
        throw new DomainError(
          'CONFLICT',
          `Action #${actionId} is ${action.status}, not waiting for a decision.`,
        );
      const next = updateAction(db, actionId, {
        status: isApproved ? 'approved' : 'rejected',
        decidedBy: by.username,
        decidedAtMs: now.getTime(),
      });
      auditDecision(db, by, next, 'success', now);
      return next;
    })();
    this.changed(decided.sloName);
    return isApproved ? this.execute(decided, by) : decided;
  }

  private async execute(action: EnforcementAction, by: ActionActor): Promise<EnforcementAction> {
    const db = this.db();
    updateAction(db, action.id, { status: 'running' });
    let status: 'succeeded' | 'failed';
    let result: string;
    try {
      const outcome = await this.runAction(
        { hostId: action.hostId, action: action.action, params: action.params },
        by,
      );
      status = outcome.status === 'ok' ? 'succeeded' : 'failed';
      result =
        outcome.status === 'ok'
          ? outcome.output.slice(0, 2000)
          : `${outcome.status}: ${outcome.reason ?? outcome.output.slice(0, 2000)}`;
    } catch (error) {
      status = 'failed';
      result = error instanceof Error ? error.message : String(error);
    }
    const now = this.now();
    const done = db.transaction(() => {
      const finished = updateAction(db, action.id, { status, finishedAtMs: now.getTime(), result });
      auditDecision(db, by, finished, status === 'succeeded' ? 'success' : 'failure', now, {
        result,
      });
      return finished;
    })();
    this.changed(done.sloName);
    return done;
  }
}
