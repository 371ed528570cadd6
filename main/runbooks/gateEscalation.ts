// When a rollback's health gate fails, the incident escalates and says why: its priority goes up one
// step (urgency first, then impact), the next tier of its escalation policy and its commander are
// paged, and the timeline and audit chain name the SLI, the bound and the version.
import { priorityFor, type Level, type Priority } from '../../shared/domain/incidents/index.ts';
import { policyFor } from '../../shared/domain/oncall/index.ts';
import { auditBy } from '../audit/index.ts';
import { openIncidents } from '../incidents/escalation/escalationRepository.ts';
import { listPolicies } from '../incidents/escalation/policyRepository.ts';
import { recipientsOf, tierName } from '../incidents/escalation/recipients.ts';
import {
  addTimelineEntry,
  getIncident,
  listRoles,
  updateIncident,
} from '../incidents/incidentRepository.ts';
import type { Pager } from '../incidents/paging.ts';
import type { WritableDb } from '../store/types.ts';
import { AUTOMATION_ACTOR } from './runRecords.ts';

const UP: Readonly<Record<Level, Level>> = { low: 'medium', medium: 'high', high: 'high' };

/** One step up the priority matrix: urgency first (the SLI is still bad now), then impact. */
function raised(
  impact: Level,
  urgency: Level,
): { impact: Level; urgency: Level; priority: Priority } {
  const next =
    urgency !== 'high' ? { impact, urgency: UP[urgency] } : { impact: UP[impact], urgency };
  return { ...next, priority: priorityFor(next.impact, next.urgency) };
}

export interface GateEscalation {
  incidentId: number;
  /** Why, in one sentence: "SLI did not recover within 10 min after rolling llama back to v7 …". */
  why: string;
  details: Record<string, unknown>;
  nowMs: number;
  timeZone: string;
}

/** Escalates in the caller's transaction; pages after the caller commits are not needed (the pager records). */
export function escalateIncident(db: WritableDb, pager: Pager, e: GateEscalation): string[] {
  const incident = getIncident(db, e.incidentId);
  if (!incident) return [];
  const next = raised(incident.impact, incident.urgency);
  const isRaised = next.priority !== incident.priority;
  if (isRaised)
    updateIncident(
      db,
      incident.id,
      { impact: next.impact, urgency: next.urgency, priority: next.priority },
      e.nowMs,
    );
  // The tier after the one paged last (or the first), of the policy the incident follows.
  const open = openIncidents(db).find((i) => i.id === incident.id);
  const policies = listPolicies(db);
  const policy =
    policies.find((p) => p.id === open?.escalation?.policyId) ??
    policyFor(policies, { ...incident, priority: next.priority });
  const tierIndex = policy
    ? Math.min((open?.escalation?.pagedTier ?? -1) + 1, policy.tiers.length - 1)
    : -1;
  const tier = policy?.tiers[tierIndex];
  const fromTier = tier ? recipientsOf(db, tier, e.nowMs, e.timeZone).usernames : [];
  const commander = listRoles(db, incident.id).find((r) => r.role === 'commander')?.username;
  const usernames = [...new Set([...fromTier, ...(commander ? [commander] : [])])];
  const raisedText = isRaised
    ? ` Priority raised from ${incident.priority} to ${next.priority}.`
    : ` It stays ${incident.priority}, the highest priority.`;
  const pagedText = usernames.length
    ? ` Paged ${usernames.join(', ')}${tier && policy ? ` (${tierName(tierIndex, tier)} of "${policy.name}")` : ''}.`
    : ' Nobody could be paged: no escalation policy tier or commander names anyone.';
  const text = `${e.why}${raisedText}${pagedText}`;
  addTimelineEntry(db, incident.id, {
    atMs: e.nowMs,
    kind: 'escalation',
    actor: AUTOMATION_ACTOR.username,
    text,
    details: {
      ...e.details,
      priorityFrom: incident.priority,
      priorityTo: next.priority,
      usernames,
    },
  });
  auditBy(
    db,
    AUTOMATION_ACTOR,
    {
      action: 'runbook.healthGate.escalate',
      target: `incident:${incident.id}`,
      outcome: 'failure',
      details: {
        ...e.details,
        why: e.why,
        priorityFrom: incident.priority,
        priorityTo: next.priority,
        usernames,
      },
    },
    new Date(e.nowMs),
  );
  if (usernames.length > 0)
    pager.page({
      incidentId: incident.id,
      title: incident.title,
      priority: next.priority,
      usernames,
      tier: tier ? tierIndex + 1 : 0,
      text: `${next.priority} ${incident.title}: ${e.why}`,
      atMs: e.nowMs,
    });
  return usernames;
}
