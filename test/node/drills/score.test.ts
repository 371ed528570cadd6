// The score, from the facts a drill's workspace recorded: time bands, the components a scenario asks
// for, and the evidence each component cites.
import { describe, expect, it } from 'vitest';
import {
  scoreDrill,
  timeFraction,
  type DrillFacts,
  type IncidentFacts,
} from '../../../shared/domain/drills/score.ts';
import { ExpectedResponseSchema } from '../../../shared/domain/drills/scenario.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-12-07T08:00:00Z');
const expected = ExpectedResponseSchema.parse({
  detectWithinMinutes: 5,
  acknowledgeWithinMinutes: 10,
  mitigateWithinMinutes: 30,
  priority: 'P2',
  category: 'model_accuracy',
  runbook: 'rollback-model',
  requiredSteps: ['roll-back', 'tell-owners'],
  escalateTo: 'ml_engineer',
});

function incident(over: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    id: 1,
    title: 'llama-3-8b accuracy dropped',
    openedAtMs: T0 + 2 * MIN,
    priority: 'P2',
    prioritySet: { atMs: T0 + 4 * MIN, text: 'cmdr: Priority P5 → P2' },
    category: 'model_accuracy',
    categorySet: null,
    team: [
      {
        atMs: T0 + 6 * MIN,
        text: 'cmdr: sam joined the team as ml engineer.',
        function: 'ml_engineer',
      },
    ],
    acknowledged: { atMs: T0 + 5 * MIN, text: 'cmdr acknowledged the incident' },
    resolved: null,
    commander: { atMs: T0 + 6 * MIN, text: 'cmdr is Incident commander.' },
    notes: [{ atMs: T0 + 7 * MIN, text: 'cmdr: rolling back' }],
    runbookRuns: [
      {
        runbook: 'rollback-model',
        status: 'succeeded',
        startedAtMs: T0 + 8 * MIN,
        endedAtMs: T0 + 20 * MIN,
        steps: [
          { id: 'confirm-regression', status: 'done', atMs: T0 + 9 * MIN },
          { id: 'roll-back', status: 'succeeded', atMs: T0 + 12 * MIN },
          { id: 'tell-owners', status: 'done', atMs: T0 + 20 * MIN },
        ],
      },
    ],
    postmortem: { status: 'in_review', atMs: T0 + 40 * MIN, title: 'Bad deploy' },
    ...over,
  };
}

const facts = (over: Partial<IncidentFacts> | null = {}): DrillFacts => ({
  firstInjectAtMs: T0,
  firstAlert: { atMs: T0 + 2 * MIN, name: 'ModelAccuracyDrop' },
  incident: over === null ? null : incident(over),
});

const component = (f: DrillFacts, key: string) =>
  scoreDrill(expected, f).components.find((c) => c.key === key)!;

describe('drill scoring', () => {
  it('gives every point to a response that met every target, citing the timeline', () => {
    const score = scoreDrill(expected, facts());
    expect(score.score).toBe(100);
    expect(score.components.map((c) => c.key)).toEqual([
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
    ]);
    expect(component(facts(), 'mitigate').outcome).toBe('mitigated after 20 min');
    expect(component(facts(), 'mitigate').evidence[0]!.text).toBe(
      'runbook rollback-model finished',
    );
  });

  it('judges times in bands: within the target, within twice it, later or never', () => {
    expect(timeFraction(5 * MIN, 5)).toBe(1);
    expect(timeFraction(5 * MIN + 1, 5)).toBe(0.5);
    expect(timeFraction(10 * MIN, 5)).toBe(0.5);
    expect(timeFraction(10 * MIN + 1, 5)).toBe(0);
    expect(timeFraction(null, 5)).toBe(0);
  });

  it('measures acknowledgement from detection, and mitigation from the first inject', () => {
    const late = facts({ acknowledged: { atMs: T0 + 14 * MIN, text: 'ack' } });
    // 12 minutes after the alert: past 10, within 20.
    expect(component(late, 'acknowledge').fraction).toBe(0.5);
    expect(component(late, 'acknowledge').outcome).toBe('acknowledged after 12 min');
  });

  it('counts neither an alert nor an acknowledgement as mitigation', () => {
    const f = facts({ runbookRuns: [], resolved: null });
    expect(component(f, 'mitigate').fraction).toBe(0);
    expect(component(f, 'mitigate').outcome).toBe('never mitigated');
  });

  it('names the wrong priority, the wrong runbook and the steps not done', () => {
    const f = facts({
      priority: 'P4',
      runbookRuns: [
        {
          runbook: 'restart-inference-service',
          status: 'succeeded',
          startedAtMs: T0,
          endedAtMs: T0,
          steps: [],
        },
      ],
    });
    expect(component(f, 'priority').outcome).toBe('P4 (expected P2)');
    expect(component(f, 'runbook').outcome).toBe('ran restart-inference-service instead');
    expect(component(f, 'steps').outcome).toBe('0 of 2 done; not done: roll-back, tell-owners');
  });

  it('counts an escalation only to the expertise the scenario names', () => {
    const wrong = facts({
      team: [
        {
          atMs: T0,
          text: 'cmdr: dana joined the team as data scientist.',
          function: 'data_scientist',
        },
      ],
    });
    expect(component(wrong, 'escalation')).toMatchObject({
      fraction: 0,
      outcome: 'the team has no ML engineer',
    });
    expect(component(facts({ team: [] }), 'escalation').outcome).toBe('nobody was brought in');
    expect(component(facts(), 'escalation').fraction).toBe(1);
  });

  it('gives half the postmortem points for a draft and half the steps for half of them', () => {
    const f = facts({
      postmortem: { status: 'draft', atMs: T0, title: 'x' },
      runbookRuns: [
        {
          runbook: 'rollback-model',
          status: 'running',
          startedAtMs: T0,
          endedAtMs: null,
          steps: [
            { id: 'roll-back', status: 'succeeded', atMs: T0 },
            { id: 'tell-owners', status: 'skipped', atMs: T0 },
          ],
        },
      ],
    });
    expect(component(f, 'postmortem').fraction).toBe(0.5);
    expect(component(f, 'steps').fraction).toBe(0.5);
  });

  it('scores a drill that never opened an incident on detection alone', () => {
    const score = scoreDrill(expected, { firstInjectAtMs: T0, firstAlert: null, incident: null });
    expect(score.score).toBe(0);
    expect(score.components.find((c) => c.key === 'priority')!.outcome).toBe('no incident');
  });

  it('leaves out the components a scenario does not ask for', () => {
    const lean = ExpectedResponseSchema.parse({
      detectWithinMinutes: 5,
      acknowledgeWithinMinutes: 10,
      mitigateWithinMinutes: 30,
      priority: 'P1',
      commander: false,
      communications: false,
      postmortem: false,
    });
    expect(scoreDrill(lean, facts()).components.map((c) => c.key)).toEqual([
      'detect',
      'acknowledge',
      'mitigate',
      'priority',
    ]);
  });
});
