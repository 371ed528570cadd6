// Automation rules: an incident's alert names and category suggest runbooks; a rule in `auto` mode
// also starts its runbook once per incident. An automatic run goes no further than a person would let
// it: manual steps wait to be checked off and destructive steps wait for an operator's approval
// (the console itself is never the second pair of eyes), so `auto` only saves the clicks of starting.
import type { RunbookRule } from '../../shared/ipc/runbookSchemas.ts';
import { isOpenState } from '../../shared/domain/incidents/index.ts';
import { auditBy } from '../audit/index.ts';
import { addTimelineEntry, getIncident } from '../incidents/incidentRepository.ts';
import type { Logger } from '../log.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { alertNamesOf } from './incidentValues.ts';
import { findRunbook, findRunbookById, listRules } from './libraryRepository.ts';
import { runsOfIncident } from './runRepository.ts';
import { AUTOMATION_ACTOR } from './runRecords.ts';
import type { RunbookRuns } from './runs.ts';

export interface Suggestion {
  runbook: string;
  title: string;
  mode: RunbookRule['mode'];
  because: string;
}

/** The runbooks the rules suggest for an incident, one per runbook (an `auto` rule wins). */
export function suggestionsFor(db: ReadableDb, incidentId: number): Suggestion[] {
  const incident = getIncident(db, incidentId);
  if (!incident) return [];
  const alerts = new Set(alertNamesOf(db, incidentId));
  const out = new Map<string, Suggestion>();
  for (const rule of listRules(db)) {
    const isMatch =
      rule.matchKind === 'alert'
        ? alerts.has(rule.matchValue)
        : incident.category === rule.matchValue;
    if (!isMatch) continue;
    const runbook = findRunbook(db, rule.runbook);
    if (!runbook) continue;
    const known = out.get(rule.runbook);
    if (known && (known.mode === 'auto' || rule.mode === 'suggest')) continue;
    out.set(rule.runbook, {
      runbook: rule.runbook,
      title: runbook.title,
      mode: rule.mode,
      because:
        rule.matchKind === 'alert'
          ? `the alert ${rule.matchValue} fired`
          : `the incident's category is ${rule.matchValue}`,
    });
  }
  return [...out.values()];
}

export interface AutoRunsOptions {
  store: () => WritableDb;
  runs: RunbookRuns;
  logger: Logger;
  nowMs: () => number;
  onChanged: (incidentId: number) => void;
}

/** Starts `auto` rules' runbooks on incidents that changed, once per incident and runbook. */
export class AutoRuns {
  /** Incident and runbook pairs already tried this session, so a refused start is noted once. */
  private readonly tried = new Set<string>();

  constructor(private readonly options: AutoRunsOptions) {}

  async onIncidentsChanged(incidentIds: readonly number[]): Promise<void> {
    const db = this.options.store();
    for (const incidentId of incidentIds) {
      const incident = getIncident(db, incidentId);
      if (!incident || !isOpenState(incident.state) || incident.is_drill === 1) continue;
      for (const s of suggestionsFor(db, incidentId)) {
        const key = `${incidentId}:${s.runbook}`;
        if (s.mode !== 'auto' || this.tried.has(key)) continue;
        this.tried.add(key);
        const ran = runsOfIncident(db, incidentId).some(
          (r) => findRunbookById(db, r.runbook_id)?.name === s.runbook,
        );
        if (ran) continue;
        await this.start(db, incidentId, s);
      }
    }
  }

  private async start(db: WritableDb, incidentId: number, s: Suggestion): Promise<void> {
    const { runs } = this.options;
    try {
      const plan = runs.dryRun(incidentId, s.runbook);
      if (!plan.canRun) {
        const problems = plan.steps.flatMap((step) => step.problems).join('; ');
        const atMs = this.options.nowMs();
        const text = `An automation rule (${s.because}) would start runbook ${s.runbook}, but it cannot run on this incident: ${problems}`;
        db.transaction(() => {
          addTimelineEntry(db, incidentId, {
            atMs,
            kind: 'action',
            actor: AUTOMATION_ACTOR.username,
            text,
            details: { runbook: s.runbook, problems },
          });
          auditBy(
            db,
            AUTOMATION_ACTOR,
            {
              action: 'runbook.run.start',
              target: `incident:${incidentId}`,
              outcome: 'denied',
              details: { runbook: s.runbook, because: s.because, problems },
            },
            new Date(atMs),
          );
        })();
        this.options.onChanged(incidentId);
        return;
      }
      await runs.start(
        { incidentId, name: plan.runbook, version: plan.version, digest: plan.digest },
        AUTOMATION_ACTOR,
        'rule',
      );
    } catch (error) {
      this.options.logger.error('runbooks: an automatic run failed to start', {
        incidentId,
        runbook: s.runbook,
        error: String(error),
      });
    }
  }
}
