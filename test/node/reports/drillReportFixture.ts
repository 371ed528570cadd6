// A hand-built finished drill at a Dubai site (a GPU off the bus, 3 November 2026 from 10:00 local):
// seven score components with their evidence, a long timeline, a debrief with one question left
// unanswered, and action items. `hostile()` puts markup and formulas in every free-text field.
import type { DrillRunDetail } from '../../../shared/ipc/drillSchemas.ts';
import type { ReportStamp } from '../../../main/reports/reportFormat.ts';

/** 10:00 on 3 November 2026 in Asia/Dubai (UTC+4). */
export const START_MS = Date.UTC(2026, 10, 3, 6);
const MIN = 60_000;
const at = (minute: number) => new Date(START_MS + minute * MIN).toISOString();

export const ROOT_HASH = 'c0ffee00d15ea5e5'.repeat(4);
export const SIMULATED = 'DRILL — simulated incident, not production data';
export const QUESTIONS = [
  'What told you first that a GPU was gone?',
  'What would have made the drain faster?',
];

export function sampleDrill(): DrillRunDetail {
  const timeline: DrillRunDetail['timeline'] = [
    { at: at(0), minute: 0, kind: 'started', text: 'Drill started at 10× speed' },
    { at: at(2), minute: 2, kind: 'inject', text: 'gpu_xid 79 on gpu-node-02 GPU 3' },
  ];
  // reason: enough entries that the timeline runs over more than one printed page.
  for (let m = 3; m <= 44; m += 1)
    timeline.push({ at: at(m), minute: m, kind: 'response', text: `Responder action ${m}` });
  timeline.push({ at: at(45), minute: 45, kind: 'ended', text: 'Drill ended by the facilitator' });
  return {
    id: 7,
    scenario: 'gpu-node-failure',
    version: 3,
    title: 'A GPU falls off the bus',
    category: 'gpu_failure',
    team: 'Inference SRE',
    mode: 'live',
    speed: '10',
    state: 'ended',
    facilitator: 'fatima',
    participants: ['amal', 'omar'],
    startedAt: at(0),
    endedAt: at(45),
    score: 50,
    isPurged: false,
    components: [
      {
        key: 'detect',
        weight: 10,
        fraction: 1,
        target: 'within 5 min',
        outcome: 'detected after 1.5 min',
        evidence: [{ atMs: START_MS + 3.5 * MIN, text: 'alert GpuXidErrors fired' }],
      },
      {
        key: 'acknowledge',
        weight: 15,
        fraction: 0.5,
        target: 'within 5 min',
        outcome: 'acknowledged after 8 min',
        evidence: [{ atMs: START_MS + 11.5 * MIN, text: 'amal acknowledged the incident' }],
      },
      {
        key: 'mitigate',
        weight: 20,
        fraction: 0,
        target: 'within 20 min',
        outcome: 'never mitigated',
        evidence: [],
      },
      {
        key: 'priority',
        weight: 10,
        fraction: 1,
        target: 'P2',
        outcome: 'P2',
        evidence: [{ atMs: START_MS + 12 * MIN, text: 'omar set priority P2' }],
      },
      {
        key: 'runbook',
        weight: 10,
        fraction: 1,
        target: 'drain-gpu-host',
        outcome: 'runbook drain-gpu-host started',
        evidence: [{ atMs: START_MS + 14 * MIN, text: 'runbook drain-gpu-host started' }],
      },
      {
        key: 'steps',
        weight: 10,
        fraction: 0.5,
        target: 'cordon, drain',
        outcome: '1 of 2 done; not done: drain',
        evidence: [{ atMs: START_MS + 15 * MIN, text: 'step cordon done' }],
      },
      {
        key: 'postmortem',
        weight: 10,
        fraction: 0,
        target: 'a postmortem submitted for review',
        outcome: 'no postmortem',
        evidence: [],
      },
    ],
    timeline,
    incident: { id: 12, title: 'gpu-node-02 lost GPU 3', priority: 'P2', state: 'acknowledged' },
    debrief: [
      { question: QUESTIONS[0]!, answer: 'The Xid alert, then the throughput panel.' },
      { question: QUESTIONS[1]!, answer: '' },
    ],
    actionItems: [
      { text: 'Add the drain step to the on-call checklist', owner: 'omar' },
      { text: 'Alert on Xid 79 directly', owner: '' },
    ],
    error: null,
  };
}

/** Markup a browser would run, marked with the field it sits in. */
export const xss = (field: string) =>
  `${field} <script>alert('${field}')</script><img src=x onerror="alert('${field}')">`;

/** The sample drill with markup in every free-text field. */
export function hostileDrill(): { detail: DrillRunDetail; questions: string[]; fields: string[] } {
  const d = sampleDrill();
  d.title = xss('title');
  d.team = xss('team');
  d.facilitator = xss('facilitator');
  d.participants = [xss('participant')];
  d.error = xss('error');
  d.incident = { ...d.incident!, title: xss('incident') };
  d.components[0] = {
    ...d.components[0]!,
    target: xss('target'),
    outcome: xss('outcome'),
    evidence: [{ atMs: START_MS + 3.5 * MIN, text: xss('evidence') }],
  };
  d.timeline[1] = { ...d.timeline[1]!, text: xss('timeline') };
  const questions = [xss('question')];
  d.debrief = [{ question: questions[0]!, answer: xss('answer') }];
  d.actionItems = [{ text: xss('action'), owner: xss('owner') }];
  const fields = [
    'title',
    'team',
    'facilitator',
    'participant',
    'error',
    'incident',
    'target',
    'outcome',
    'evidence',
    'timeline',
    'question',
    'answer',
    'action',
    'owner',
  ];
  return { detail: d, questions, fields };
}

export function sampleStamp(language: 'en' | 'ar' = 'en'): ReportStamp {
  return {
    siteName: 'Dubai DC-1',
    checkpoint: { treeSize: 318, rootHash: ROOT_HASH, keyFingerprint: 'ab'.repeat(16) },
    generatedBy: 'fatima',
    language,
    checkpointFile: 'drill-7-en.checkpoint.json',
  };
}

export const CONTEXT = { generatedAt: at(60), timeZone: 'Asia/Dubai' };
