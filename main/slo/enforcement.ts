// Enforcement: when a burn-rate alert turns firing, an SLO's policy proposes (or, without an approval
// gate, runs) one of an agent's declared actions, within a cooldown and a daily maximum. Every
// decision — proposed, suppressed, approved, rejected, its result — enters the audit chain.
import type { ActionResult, EnforcementAction } from '../../shared/ipc/contract.ts';
import type { EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import type { AlertSeverity } from '../../shared/domain/slo/spec.ts';
import { appendAudit } from '../audit/index.ts';
import type { ActionActor, ActionRequest } from '../fleet/runAction.ts';
import type { WritableDb } from '../store/types.ts';
import { findAction, insertAction, recentActions, updateAction } from './alertStore.ts';
import { SloError } from './errors.ts';

/** Runs an agent action as someone (the fleet service, which audits the run itself). */
export type ActionRunner = (request: ActionRequest, by: ActionActor) => Promise<ActionResult>;

/** The enforcement engine acts under this name in the audit log when no person approved. */
const ENFORCEMENT_ACTOR: ActionActor = { username: 'system:slo-enforcement', role: 'system' };

const DAY_MS = 24 * 3_600_000;

function auditDecision(db: WritableDb, by: ActionActor, action: EnforcementAction, outcome: 'success' | 'failure' | 'denied', now: Date, extra: Record<string, unknown> = {}): void {
  appendAudit(db, {
    actor: by.username,
    role: by.role,
    action: `slo.enforcement.${action.status}`,
    target: `slo:${action.sloName}`,
    outcome,
    details: { actionId: action.id, alertId: action.alertId, hostId: action.hostId, agentAction: action.action, params: action.params, reason: action.reason, ...extra },
  }, now);
}

/** Why a policy may not act now (cooldown, daily maximum), or null when it may. */
function suppression(db: WritableDb, sloName: string, policy: EnforcementPolicy, nowMs: number): string | null {
  const lastDay = recentActions(db, sloName, nowMs - DAY_MS);
  if (lastDay.length >= policy.maxPerDay) return `the policy allows ${policy.maxPerDay} action(s) a day and ${lastDay.length} already ran or wait`;
  const last = lastDay[0];
  if (last && nowMs - Date.parse(last.proposedAt) < policy.cooldownMinutes * 60_000) {
    return `cooling down: the last action was at ${last.proposedAt} and the cooldown is ${policy.cooldownMinutes} min`;
  }
  return null;
}

export class Enforcer {
  constructor(
    private readonly db: () => WritableDb,
    private readonly runAction: ActionRunner,
    private readonly now: () => Date,
  ) {}

  /**
   * Reacts to an alert that just turned firing. Call inside no transaction: an action without an
   * approval gate starts right away and its result is recorded when it arrives.
   */
  onFiring(sloName: string, alertId: number, severity: AlertSeverity, policy: EnforcementPolicy | null): EnforcementAction | null {
    if (!policy || !policy.isEnabled) return null;
    if (policy.onSeverity !== 'any' && policy.onSeverity !== severity) return null;
    const db = this.db();
    const now = this.now();
    const proposal = db.transaction(() => {
      const blocked = suppression(db, sloName, policy, now.getTime());
      const base = { sloName, alertId, hostId: policy.hostId, action: policy.action, params: policy.params };
      const status = blocked ? 'suppressed' : policy.requiresApproval ? 'proposed' : 'approved';
      const reason = blocked ?? `${severity} alert #${alertId} fired`;
      const action = insertAction(db, { ...base, status, reason }, now.getTime());
      auditDecision(db, ENFORCEMENT_ACTOR, action, blocked ? 'denied' : 'success', now);
      return action;
    })();
    if (proposal.status === 'approved') void this.execute(proposal, ENFORCEMENT_ACTOR);
    return proposal;
  }

  /** An operator approves (the action runs now) or rejects a proposed action. */
  async decide(actionId: number, isApproved: boolean, by: ActionActor): Promise<EnforcementAction> {
    const db = this.db();
    const now = this.now();
    const decided = db.transaction(() => {
      const action = findAction(db, actionId);
      if (!action) throw new SloError('NOT_FOUND', `There is no enforcement action #${actionId}.`);
      if (action.status !== 'proposed') throw new SloError('CONFLICT', `Action #${actionId} is ${action.status}, not waiting for a decision.`);
      const next = updateAction(db, actionId, { status: isApproved ? 'approved' : 'rejected', decidedBy: by.username, decidedAtMs: now.getTime() });
      auditDecision(db, by, next, 'success', now);
      return next;
    })();
    return isApproved ? this.execute(decided, by) : decided;
  }

  private async execute(action: EnforcementAction, by: ActionActor): Promise<EnforcementAction> {
    const db = this.db();
    updateAction(db, action.id, { status: 'running' });
    let status: 'succeeded' | 'failed';
    let result: string;
    try {
      const outcome = await this.runAction({ hostId: action.hostId, action: action.action, params: action.params }, by);
      status = outcome.status === 'ok' ? 'succeeded' : 'failed';
      result = outcome.status === 'ok' ? outcome.output.slice(0, 2000) : `${outcome.status}: ${outcome.reason ?? outcome.output.slice(0, 2000)}`;
    } catch (error) {
      status = 'failed';
      result = error instanceof Error ? error.message : String(error);
    }
    const now = this.now();
    return db.transaction(() => {
      const done = updateAction(db, action.id, { status, finishedAtMs: now.getTime(), result });
      auditDecision(db, by, done, status === 'succeeded' ? 'success' : 'failure', now, { result });
      return done;
    })();
  }
}
