// A drill's score, from what happened in its workspace (never from what participants say they did):
// each part of the scenario's expected response is one component, with its target, what happened and
// the timeline entries that show it. Times are judged in three bands: within the target earns all of
// the component, within twice the target half, later or never nothing.
import { z } from 'zod';
import { MINUTE_MS } from '../time.ts';
import type { ExpectedResponse } from './scenario.ts';

export const SCORE_COMPONENTS = [
  'detect',
  'acknowledge',
  'mitigate',
  'priority',
  'category',
  'runbook',
  'steps',
  'commander',
  'escalation',
  'communications',
  'postmortem',
] as const;
export type ScoreComponentKey = (typeof SCORE_COMPONENTS)[number];

/** How much each component weighs; the score is the share earned of the components that apply. */
export const COMPONENT_WEIGHTS: Readonly<Record<ScoreComponentKey, number>> = {
  detect: 10,
  acknowledge: 15,
  mitigate: 20,
  priority: 10,
  category: 5,
  runbook: 10,
  steps: 10,
  commander: 5,
  escalation: 5,
  communications: 5,
  postmortem: 10,
};

export const EvidenceSchema = z.object({ atMs: z.number(), text: z.string() });
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ScoreComponentSchema = z.object({
  key: z.enum(SCORE_COMPONENTS),
  weight: z.number(),
  /** 0, 0.5 or 1 for times; a share of the steps for steps; 0 or 1 otherwise. */
  fraction: z.number().min(0).max(1),
  /** What the scenario asked for, e.g. "within 5 min", "P2", "drain-gpu-host". */
  target: z.string(),
  /** What happened, in a sentence: "after 3.5 min", "never", "P3 (expected P2)". */
  outcome: z.string(),
  evidence: z.array(EvidenceSchema),
});
export type ScoreComponent = z.infer<typeof ScoreComponentSchema>;

export const DrillScoreSchema = z.object({
  /** 0–100, rounded. */
  score: z.number().int().min(0).max(100),
  components: z.array(ScoreComponentSchema),
});
export type DrillScore = z.infer<typeof DrillScoreSchema>;

/** What the engine read back from the drill's workspace once the drill ended. */
export interface DrillFacts {
  /** When the first inject began (the clock every time target counts from). */
  firstInjectAtMs: number;
  /** The first alert that fired after it, or null. */
  firstAlert: { atMs: number; name: string } | null;
  /** The first incident opened after the first inject (the drill's incident), or null. */
  incident: IncidentFacts | null;
}

export interface IncidentFacts {
  id: number;
  title: string;
  openedAtMs: number;
  priority: string;
  /** When and by whom the priority was last set by hand, when it was. */
  prioritySet: Evidence | null;
  category: string;
  /** When and by whom the category was last changed by hand, when it was. */
  categorySet: Evidence | null;
  acknowledged: Evidence | null;
  resolved: Evidence | null;
  commander: Evidence | null;
  /** People who joined the incident's team, with the function they joined as. */
  team: (Evidence & { function: string })[];
  notes: Evidence[];
  runbookRuns: RunbookRunFacts[];
  postmortem: { status: string; atMs: number; title: string } | null;
}

export interface RunbookRunFacts {
  runbook: string;
  status: string;
  startedAtMs: number;
  endedAtMs: number | null;
  steps: { id: string; status: string; atMs: number | null }[];
}

const FUNCTION_NAMES: Record<string, string> = {
  ml_engineer: 'an ML engineer',
  platform_operator: 'a platform operator',
  data_scientist: 'a data scientist',
};

const minutes = (ms: number) => `${Math.round((ms / MINUTE_MS) * 10) / 10} min`;

/** 1 within the target, 0.5 within twice it, 0 later or never. */
export function timeFraction(tookMs: number | null, targetMinutes: number): number {
  if (tookMs === null) return 0;
  if (tookMs <= targetMinutes * MINUTE_MS) return 1;
  return tookMs <= 2 * targetMinutes * MINUTE_MS ? 0.5 : 0;
}

function timed(
  key: ScoreComponentKey,
  targetMinutes: number,
  fromMs: number | null,
  at: Evidence | null,
  what: string,
): ScoreComponent {
  const took = at && fromMs !== null ? Math.max(0, at.atMs - fromMs) : null;
  return {
    key,
    weight: COMPONENT_WEIGHTS[key],
    fraction: timeFraction(took, targetMinutes),
    target: `within ${targetMinutes} min`,
    outcome: took === null ? `never ${what}` : `${what} after ${minutes(took)}`,
    evidence: at ? [at] : [],
  };
}

function yesNo(
  key: ScoreComponentKey,
  target: string,
  evidence: Evidence | null,
  missed: string,
): ScoreComponent {
  return {
    key,
    weight: COMPONENT_WEIGHTS[key],
    fraction: evidence ? 1 : 0,
    target,
    outcome: evidence ? evidence.text : missed,
    evidence: evidence ? [evidence] : [],
  };
}

/** When the incident was mitigated: the expected runbook's run finished, or the incident resolved. */
export function mitigation(incident: IncidentFacts | null, runbook?: string): Evidence | null {
  if (!incident) return null;
  const done = incident.runbookRuns
    .filter((r) => r.status === 'succeeded' && r.endedAtMs !== null)
    .filter((r) => runbook === undefined || r.runbook === runbook)
    .map((r) => ({ atMs: r.endedAtMs!, text: `runbook ${r.runbook} finished` }));
  const all = [...done, ...(incident.resolved ? [incident.resolved] : [])];
  return all.sort((a, b) => a.atMs - b.atMs)[0] ?? null;
}

/** A manual step checked off, or an action step that succeeded (skipped is not done). */
const isStepDone = (status: string) => status === 'done' || status === 'succeeded';

function stepsComponent(
  expected: ExpectedResponse,
  incident: IncidentFacts | null,
): ScoreComponent {
  const run = incident?.runbookRuns.find((r) => r.runbook === expected.runbook);
  const done = expected.requiredSteps.filter((id) =>
    run?.steps.some((s) => s.id === id && isStepDone(s.status)),
  );
  const missing = expected.requiredSteps.filter((id) => !done.includes(id));
  return {
    key: 'steps',
    weight: COMPONENT_WEIGHTS.steps,
    fraction: done.length / expected.requiredSteps.length,
    target: expected.requiredSteps.join(', '),
    outcome:
      missing.length === 0
        ? `all ${done.length} required steps done`
        : `${done.length} of ${expected.requiredSteps.length} done; not done: ${missing.join(', ')}`,
    evidence: (run?.steps ?? [])
      .filter((s) => done.includes(s.id) && s.atMs !== null)
      .map((s) => ({ atMs: s.atMs!, text: `step ${s.id} done` })),
  };
}

/** Scores one drill. Components the scenario does not ask for are left out. */
export function scoreDrill(expected: ExpectedResponse, facts: DrillFacts): DrillScore {
  const incident = facts.incident;
  const detected = facts.firstAlert
    ? { atMs: facts.firstAlert.atMs, text: `alert ${facts.firstAlert.name} fired` }
    : null;
  const components: ScoreComponent[] = [
    timed('detect', expected.detectWithinMinutes, facts.firstInjectAtMs, detected, 'detected'),
    timed(
      'acknowledge',
      expected.acknowledgeWithinMinutes,
      detected?.atMs ?? null,
      incident?.acknowledged ?? null,
      'acknowledged',
    ),
    timed(
      'mitigate',
      expected.mitigateWithinMinutes,
      facts.firstInjectAtMs,
      mitigation(incident, expected.runbook),
      'mitigated',
    ),
    {
      key: 'priority',
      weight: COMPONENT_WEIGHTS.priority,
      fraction: incident?.priority === expected.priority ? 1 : 0,
      target: expected.priority,
      outcome: incident
        ? incident.priority === expected.priority
          ? `${incident.priority}`
          : `${incident.priority} (expected ${expected.priority})`
        : 'no incident',
      // Set by hand (the last change), or kept as the console suggested when the incident opened.
      evidence: incident
        ? [
            incident.prioritySet ?? {
              atMs: incident.openedAtMs,
              text: `opened as ${incident.priority}, as the console suggested`,
            },
          ]
        : [],
    },
  ];
  if (expected.category)
    components.push({
      key: 'category',
      weight: COMPONENT_WEIGHTS.category,
      fraction: incident?.category === expected.category ? 1 : 0,
      target: expected.category,
      outcome: incident
        ? incident.category === expected.category
          ? incident.category
          : `${incident.category} (expected ${expected.category})`
        : 'no incident',
      evidence: incident
        ? [
            incident.categorySet ?? {
              atMs: incident.openedAtMs,
              text: `opened as ${incident.category}`,
            },
          ]
        : [],
    });
  if (expected.runbook) {
    const run = incident?.runbookRuns.find((r) => r.runbook === expected.runbook);
    const others = (incident?.runbookRuns ?? []).filter((r) => r.runbook !== expected.runbook);
    components.push(
      yesNo(
        'runbook',
        expected.runbook,
        run ? { atMs: run.startedAtMs, text: `runbook ${run.runbook} started` } : null,
        others.length > 0
          ? `ran ${others.map((r) => r.runbook).join(', ')} instead`
          : 'no runbook was run',
      ),
    );
    if (expected.requiredSteps.length > 0) components.push(stepsComponent(expected, incident));
  }
  if (expected.commander)
    components.push(
      yesNo(
        'commander',
        'an incident commander named',
        incident?.commander ?? null,
        'no commander',
      ),
    );
  if (expected.escalateTo) {
    const joined = incident?.team.find((m) => m.function === expected.escalateTo) ?? null;
    const who = FUNCTION_NAMES[expected.escalateTo] ?? expected.escalateTo;
    components.push(
      yesNo(
        'escalation',
        `${who} on the incident's team`,
        joined,
        incident && incident.team.length > 0
          ? `the team has no ${who.replace(/^an? /, '')}`
          : 'nobody was brought in',
      ),
    );
  }
  if (expected.communications)
    components.push(
      yesNo(
        'communications',
        'a status note on the incident',
        incident?.notes[0] ?? null,
        'no note to stakeholders',
      ),
    );
  if (expected.postmortem) {
    const pm = incident?.postmortem ?? null;
    components.push({
      key: 'postmortem',
      weight: COMPONENT_WEIGHTS.postmortem,
      fraction: pm === null ? 0 : pm.status === 'draft' ? 0.5 : 1,
      target: 'a postmortem submitted for review',
      outcome: pm === null ? 'no postmortem' : `postmortem ${pm.status}`,
      evidence: pm ? [{ atMs: pm.atMs, text: `postmortem "${pm.title}" ${pm.status}` }] : [],
    });
  }
  const total = components.reduce((sum, c) => sum + c.weight, 0);
  const earned = components.reduce((sum, c) => sum + c.weight * c.fraction, 0);
  return { score: Math.round((100 * earned) / total), components };
}
