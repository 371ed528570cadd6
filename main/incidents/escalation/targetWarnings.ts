// Warnings before a target is missed: once a response or resolution clock has used AT_RISK_SHARE of
// its target, the current tier (and whoever acknowledged) is paged once, as tier 0, on the timeline.
import { clockView, type Targets } from '../../../shared/domain/incidents/index.ts';
import type { EscalationPolicy } from '../../../shared/domain/oncall/index.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { appendAudit } from '../../audit/index.ts';
import type { WritableDb } from '../../store/db.ts';
import type { Pager } from '../paging.ts';
import { enabledOnly } from '../oncall/people.ts';
import { addEscalationEntry, markWarned, type OpenIncident } from './escalationRepository.ts';
import { recipientsOf } from './recipients.ts';

export const ESCALATION_ACTOR = { username: 'system:escalation', role: 'system' } as const;

export interface WarningContext {
  policies: readonly EscalationPolicy[];
  targets: Targets;
  nowMs: number;
  timeZone: string;
  pager: Pager;
}

const CLOCK_NAMES = { respond: 'Response', resolve: 'Resolution' } as const;

/** The people of the tier paged last, and whoever acknowledged. */
function currentResponders(db: WritableDb, incident: OpenIncident, ctx: WarningContext): string[] {
  const progress = incident.escalation;
  const policy = ctx.policies.find((p) => p.id === progress?.policyId);
  const tier = progress?.pagedTier == null ? undefined : policy?.tiers[progress.pagedTier];
  const paged = tier ? recipientsOf(db, tier, ctx.nowMs, ctx.timeZone).usernames : [];
  const acknowledger = incident.acknowledgedBy ? enabledOnly(db, [incident.acknowledgedBy]) : [];
  return [...new Set([...paged, ...acknowledger])];
}

/** Warns about each clock of the incident that has gone at risk (or past due) unwarned; true if any did. */
export function warnAtRisk(db: WritableDb, incident: OpenIncident, ctx: WarningContext): boolean {
  const target = ctx.targets[incident.priority];
  const clock = {
    openedAtMs: incident.openedAtMs,
    holdMs: incident.holdMs,
    holdSinceMs: incident.holdSinceMs,
  };
  let warned = false;
  for (const which of ['respond', 'resolve'] as const) {
    if (which === 'respond' && (incident.isRespondWarned || incident.acknowledgedAtMs !== null))
      continue;
    if (which === 'resolve' && incident.isResolveWarned) continue;
    const minutes = which === 'respond' ? target.respondMinutes : target.resolveMinutes;
    const view = clockView(
      clock,
      minutes,
      which === 'respond' ? incident.respondElapsedMs : null,
      ctx.nowMs,
    );
    if (view.status !== 'at_risk' && view.status !== 'breached') continue;
    const usernames = currentResponders(db, incident, ctx);
    const used = Math.floor(view.elapsedMs / MINUTE_MS);
    const state = view.status === 'breached' ? 'missed' : 'at risk';
    const text = `${CLOCK_NAMES[which]} target ${state}: ${used} of ${minutes} min used; ${
      usernames.length > 0 ? `warned ${usernames.join(', ')}` : 'nobody to warn'
    }.`;
    db.transaction(() => {
      markWarned(db, incident.id, which);
      addEscalationEntry(db, {
        incidentId: incident.id,
        atMs: ctx.nowMs,
        text,
        details: {
          warning: which,
          status: view.status,
          elapsedMs: view.elapsedMs,
          targetMs: view.targetMs,
          usernames,
        },
      });
      appendAudit(
        db,
        {
          actor: ESCALATION_ACTOR.username,
          role: ESCALATION_ACTOR.role,
          action: 'incident.targetWarning',
          target: `incident:${incident.id}`,
          outcome: usernames.length > 0 ? 'success' : 'failure',
          details: { clock: which, status: view.status, usernames, minutesUsed: used, minutes },
        },
        new Date(ctx.nowMs),
      );
      if (usernames.length > 0) {
        ctx.pager.page({
          incidentId: incident.id,
          title: incident.title,
          priority: incident.priority,
          usernames,
          tier: 0,
          text: `${incident.priority} ${incident.title}: ${CLOCK_NAMES[which].toLowerCase()} target ${state} (${used} of ${minutes} min)`,
          atMs: ctx.nowMs,
        });
      }
    })();
    warned = true;
  }
  return warned;
}
