// Walks each open, unacknowledged incident along its escalation policy on the injected clock: pages
// a tier, waits its timeout, pages the next, repeats the chain, and stops at acknowledgement. Each
// step is paged, put on the incident's timeline and audited in one transaction.
import { nextStep, policyFor, type EscalationStep } from '../../../shared/domain/oncall/index.ts';
import { MINUTE_MS, SECOND_MS } from '../../../shared/domain/time.ts';
import { appendAudit } from '../../audit/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../log.ts';
import type { WritableDb } from '../../store/db.ts';
import type { Pager } from '../paging.ts';
import {
  addEscalationEntry,
  openIncidents,
  saveProgress,
  type EscalationProgress,
  type OpenIncident,
} from './escalationRepository.ts';
import { readTargets } from '../incidentRepository.ts';
import { listPolicies, type StoredPolicy } from './policyRepository.ts';
import { recipientsOf, tierName } from './recipients.ts';
import { ESCALATION_ACTOR, warnAtRisk } from './targetWarnings.ts';

export interface EscalatorOptions {
  store: () => WritableDb;
  clock: Clock;
  timeZone: () => string;
  pager: Pager;
  logger: Logger;
  /** How often the escalator looks (default 15 s); a step lands within this of its time. */
  everyMs?: number;
  /** Told which incidents gained timeline entries, so their views refresh. */
  onIncidentsChanged?: (incidentIds: number[]) => void;
}

export interface TickReport {
  /** Pages sent for escalation steps (warnings not counted). */
  pages: number;
  warnings: number;
  incidentIds: number[];
}

/** Tiers that page nobody are passed at once, but never more than this many steps in one look. */
const MAX_STEPS_PER_TICK = 25;
const DEFAULT_EVERY_MS = 15 * SECOND_MS;

export class Escalator {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EscalatorOptions) {}

  start(): void {
    if (this.timer) return;
    const look = () => {
      try {
        this.tick(this.options.clock.now().getTime());
      } catch (error) {
        this.options.logger.error('escalation: a look at open incidents failed', {
          error: error instanceof Error ? error.stack : String(error),
        });
      }
    };
    this.timer = setInterval(look, this.options.everyMs ?? DEFAULT_EVERY_MS);
    this.timer.unref();
    // Steps that fell due while the console was closed are paged as soon as it opens.
    look();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at every open incident at `nowMs`: pages the steps that are due and warns of targets at risk. */
  tick(nowMs: number): TickReport {
    const db = this.options.store();
    const timeZone = this.options.timeZone();
    const policies = listPolicies(db);
    const targets = readTargets(db);
    const report: TickReport = { pages: 0, warnings: 0, incidentIds: [] };
    const changed = new Set<number>();
    for (const incident of openIncidents(db)) {
      if (incident.acknowledgedAtMs === null) {
        const pages = this.escalate(db, incident, policies, nowMs, timeZone);
        report.pages += pages.pages;
        if (pages.isChanged) changed.add(incident.id);
      }
      if (
        warnAtRisk(db, incident, { policies, targets, nowMs, timeZone, pager: this.options.pager })
      ) {
        report.warnings++;
        changed.add(incident.id);
      }
    }
    report.incidentIds = [...changed];
    if (changed.size > 0) this.options.onIncidentsChanged?.(report.incidentIds);
    return report;
  }

  private escalate(
    db: WritableDb,
    incident: OpenIncident,
    policies: readonly StoredPolicy[],
    nowMs: number,
    timeZone: string,
  ): { pages: number; isChanged: boolean } {
    let isChanged = false;
    let progress = incident.escalation;
    if (!progress || progress.priority !== incident.priority) {
      progress = this.choosePolicy(db, incident, progress, policies, nowMs);
      isChanged = true;
    }
    let pages = 0;
    for (let steps = 0; steps < MAX_STEPS_PER_TICK; steps++) {
      if (progress.nextAtMs === null || progress.nextAtMs > nowMs) break;
      const result = this.pageStep(db, incident, progress, policies, nowMs, timeZone);
      progress = result.progress;
      pages += result.paged ? 1 : 0;
      isChanged = true;
      // A tier that paged someone waits its timeout; one that paged nobody passes to the next at once.
      if (result.paged) break;
    }
    return { pages, isChanged };
  }

  /** The first look at an incident, or a change of its priority: which policy it follows from here. */
  private choosePolicy(
    db: WritableDb,
    incident: OpenIncident,
    before: EscalationProgress | null,
    policies: readonly StoredPolicy[],
    nowMs: number,
  ): EscalationProgress {
    const policy = policyFor(policies, incident);
    if (before && policy?.id === before.policyId) {
      const kept = { ...before, priority: incident.priority };
      saveProgress(db, incident.id, kept, nowMs);
      return kept;
    }
    const progress: EscalationProgress = {
      policyId: policy?.id ?? null,
      priority: incident.priority,
      tier: 0,
      repeat: 0,
      nextAtMs: policy ? nowMs : null,
      pagedTier: null,
    };
    const change = before
      ? `Priority changed from ${before.priority} to ${incident.priority}: `
      : '';
    const text = policy
      ? `${change}escalation follows "${policy.name}".`
      : `${change}no escalation policy applies to ${incident.priority} incidents like this one; nobody is paged.`;
    db.transaction(() => {
      saveProgress(db, incident.id, progress, nowMs);
      if (before || !policy)
        addEscalationEntry(db, {
          incidentId: incident.id,
          atMs: nowMs,
          text: text.charAt(0).toUpperCase() + text.slice(1),
          details: { policyId: policy?.id ?? null, policy: policy?.name ?? null },
        });
    })();
    return progress;
  }

  private pageStep(
    db: WritableDb,
    incident: OpenIncident,
    progress: EscalationProgress,
    policies: readonly StoredPolicy[],
    nowMs: number,
    timeZone: string,
  ): { progress: EscalationProgress; paged: boolean } {
    const policy = policies.find((p) => p.id === progress.policyId);
    let step: EscalationStep | null = { tier: progress.tier, repeat: progress.repeat };
    // The policy may have lost tiers since the last step: carry on from its last one.
    if (policy && step.tier >= policy.tiers.length)
      step = nextStep(policy, { tier: policy.tiers.length - 1, repeat: step.repeat });
    const tier = policy && step ? policy.tiers[step.tier] : undefined;
    if (!policy || !step || !tier) {
      const ended = { ...progress, nextAtMs: null };
      db.transaction(() => {
        saveProgress(db, incident.id, ended, nowMs);
        addEscalationEntry(db, {
          incidentId: incident.id,
          atMs: nowMs,
          text: policy
            ? `Escalation ended: "${policy.name}" has no further tiers.`
            : 'Escalation stopped: its policy was deleted.',
          details: { policyId: progress.policyId },
        });
      })();
      return { progress: ended, paged: false };
    }
    const { usernames, notes } = recipientsOf(db, tier, nowMs, timeZone);
    const paged = usernames.length > 0;
    const next = nextStep(policy, step);
    const nextTier = next ? policy.tiers[next.tier] : undefined;
    const updated: EscalationProgress = {
      ...progress,
      tier: next?.tier ?? step.tier,
      repeat: next?.repeat ?? step.repeat,
      nextAtMs: next ? (paged ? nowMs + tier.timeoutMinutes * MINUTE_MS : nowMs) : null,
      pagedTier: paged ? step.tier : progress.pagedTier,
    };
    const where = `${tierName(step.tier, tier)} of "${policy.name}"${step.repeat > 0 ? `, pass ${step.repeat + 1}` : ''}`;
    const then =
      next && nextTier
        ? paged
          ? ` Unless acknowledged, ${tierName(next.tier, nextTier)} is paged in ${tier.timeoutMinutes} min.`
          : ''
        : ' This was the last step of the chain.';
    const text = paged
      ? `Paged ${usernames.join(', ')}: ${where}.${then}${notes.length ? ` (${notes.join('; ')})` : ''}`
      : `Nobody to page at ${where}: ${notes.join('; ')}.${then}`;
    db.transaction(() => {
      saveProgress(db, incident.id, updated, nowMs);
      addEscalationEntry(db, {
        incidentId: incident.id,
        atMs: nowMs,
        text,
        details: {
          policyId: policy.id,
          policy: policy.name,
          tier: step.tier + 1,
          tierKind: tier.kind,
          tierLabel: tier.label,
          repeat: step.repeat,
          usernames,
          notes,
          nextAt: updated.nextAtMs === null ? null : new Date(updated.nextAtMs).toISOString(),
        },
      });
      appendAudit(
        db,
        {
          actor: ESCALATION_ACTOR.username,
          role: ESCALATION_ACTOR.role,
          action: 'incident.escalate',
          target: `incident:${incident.id}`,
          outcome: paged ? 'success' : 'failure',
          details: {
            policy: policy.name,
            tier: step.tier + 1,
            repeat: step.repeat,
            usernames,
            ...(notes.length ? { notes } : {}),
          },
        },
        new Date(nowMs),
      );
      if (paged) {
        this.options.pager.page({
          incidentId: incident.id,
          title: incident.title,
          priority: incident.priority,
          usernames,
          tier: step.tier + 1,
          text: `${incident.priority} ${incident.title}: ${where}`,
          atMs: nowMs,
        });
      }
    })();
    return { progress: updated, paged };
  }
}
