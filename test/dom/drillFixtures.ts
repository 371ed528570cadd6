// A live drill and a finished one, as the drill channels return them.
import type { DrillRunDetail, LiveDrill } from '../../shared/ipc/drillSchemas.ts';

export function liveDrill(over: Partial<LiveDrill> = {}): LiveDrill {
  return {
    runId: 7,
    scenario: 'bad-model-deploy',
    version: 1,
    title: 'Bad model deploy',
    team: 'Blue',
    state: 'paused',
    speed: 60,
    facilitator: 'incident.commander',
    participants: ['operator'],
    // 10:05 in Dubai
    drillNow: '2026-11-26T06:05:00.000Z',
    drillStartedAt: '2026-11-26T06:00:00.000Z',
    drillEndsAt: '2026-11-26T06:30:00.000Z',
    minute: 5,
    durationMinutes: 30,
    injects: [
      { index: 0, at: 2, kind: 'model_accuracy_drop', target: 'fraud-detector', isApplied: true },
      { index: 1, at: 20, kind: 'traffic_surge', target: 'fraud-detector', isApplied: false },
    ],
    hints: [
      { index: 0, at: 8, text: 'Compare accuracy before and after the deploy', isReleased: false },
    ],
    timeline: [
      { at: '2026-11-26T06:00:00.000Z', minute: 0, kind: 'started', text: 'Drill started' },
      { at: '2026-11-26T06:02:00.000Z', minute: 2, kind: 'inject', text: 'Accuracy drop injected' },
    ],
    incident: null,
    ...over,
  };
}

export function finishedDrill(over: Partial<DrillRunDetail> = {}): DrillRunDetail {
  return {
    id: 7,
    scenario: 'bad-model-deploy',
    version: 1,
    title: 'Bad model deploy',
    category: 'model_quality',
    team: 'Blue',
    mode: 'live',
    speed: '60',
    state: 'ended',
    facilitator: 'incident.commander',
    participants: ['operator'],
    startedAt: '2026-11-26T06:00:00.000Z',
    endedAt: '2026-11-26T06:31:00.000Z',
    score: 68,
    isPurged: false,
    components: [
      {
        key: 'acknowledge',
        weight: 15,
        fraction: 0.5,
        target: 'within 5 min',
        outcome: 'after 7.5 min',
        evidence: [
          { atMs: Date.parse('2026-11-26T06:09:30.000Z'), text: 'acknowledged by operator' },
        ],
      },
      {
        key: 'runbook',
        weight: 10,
        fraction: 1,
        target: 'rollback-model',
        outcome: 'rollback-model ran',
        evidence: [],
      },
      {
        key: 'postmortem',
        weight: 10,
        fraction: 0,
        target: 'written',
        outcome: 'never',
        evidence: [],
      },
    ],
    timeline: liveDrill().timeline,
    incident: {
      id: 3,
      title: 'fraud-detector accuracy dropped',
      priority: 'P2',
      state: 'resolved',
    },
    debrief: [],
    actionItems: [],
    error: null,
    ...over,
  };
}
