// The catalogue the incident history is drawn from: a seeded generator, the site's models, services,
// clusters and people, the kinds of alert they raise and how priorities are spread.
import type {
  AlertSource,
  IncomingAlert,
  Level,
  Priority,
} from '../../shared/domain/incidents/index.ts';

/** A small seeded generator, so every run writes the same history. */
export const INCIDENTS = 10_000;
export const ALERTS = 100_000;
export const DAYS = 90;

export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)]!;
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    let r = next() * choices.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices.at(-1)![0];
  };
  return { next, int, pick, weighted };
}

export const MODELS = [
  'fraud-scoring',
  'recsys-ranker',
  'search-rerank',
  'llm-chat',
  'llm-summarize',
  'vision-ocr',
  'speech-asr',
  'demand-forecast',
  'churn-predict',
  'ads-ctr',
  'embeddings',
  'translate-ar-en',
  'doc-classify',
  'anomaly-detect',
  'credit-risk',
];
export const SERVICES = MODELS.flatMap((m) => [m, `${m}-canary`, `${m}-batch`, `${m}-eu`]);
export const CLUSTERS = [
  'dxb-gpu-a',
  'dxb-gpu-b',
  'auh-gpu-a',
  'auh-cpu-1',
  'ruh-gpu-a',
  'jed-gpu-b',
];
export const RESPONDERS = [
  { username: 'aisha.k', role: 'incident_commander' },
  { username: 'noor.a', role: 'incident_commander' },
  { username: 'omar.h', role: 'operator' },
  { username: 'sara.m', role: 'operator' },
  { username: 'li.wei', role: 'ml_engineer' },
  { username: 'dev.p', role: 'ml_engineer' },
] as const;
export const COMMANDERS = ['aisha.k', 'noor.a', 'admin'];
export const PEOPLE = [...RESPONDERS.map((r) => r.username), 'admin'];

export type Scope = 'host' | 'service' | 'cluster';
export interface AlertKind {
  rule: string;
  source: AlertSource;
  scope: Scope;
  weight: number;
  summary: (l: Record<string, string>, r: ReturnType<typeof seeded>) => string;
}
export const KINDS: readonly AlertKind[] = [
  {
    rule: 'GPUXidError',
    source: 'agent',
    scope: 'host',
    weight: 8,
    summary: (l, r) =>
      `Xid ${r.pick([13, 31, 43, 48, 63, 74, 79, 94])} on GPU ${l.gpu} of ${l.host}`,
  },
  {
    rule: 'GpuThermalThrottle',
    source: 'threshold',
    scope: 'host',
    weight: 6,
    summary: (l, r) => `GPU ${l.gpu} on ${l.host} throttling at ${86 + r.int(12)} °C`,
  },
  {
    rule: 'GpuEccUncorrectable',
    source: 'agent',
    scope: 'host',
    weight: 3,
    summary: (l) => `Uncorrectable ECC errors on GPU ${l.gpu} of ${l.host}`,
  },
  {
    rule: 'NodeDiskPressure',
    source: 'alertmanager',
    scope: 'host',
    weight: 4,
    summary: (l, r) => `${l.host} root disk ${88 + r.int(11)}% full`,
  },
  {
    rule: 'AgentOffline',
    source: 'agent',
    scope: 'host',
    weight: 3,
    summary: (l) => `Agent on ${l.host} stopped reporting`,
  },
  {
    rule: 'HighInferenceLatency',
    source: 'alertmanager',
    scope: 'service',
    weight: 12,
    summary: (l, r) => `p99 latency of ${l.service} at ${450 + r.int(1500)} ms (target 400 ms)`,
  },
  {
    rule: 'ErrorBudgetBurn',
    source: 'slo',
    scope: 'service',
    weight: 10,
    summary: (l, r) =>
      `${l.service}-availability burning its error budget at ${(2 + r.next() * 14).toFixed(1)}× (1 h window)`,
  },
  {
    rule: 'InferenceErrorRate',
    source: 'threshold',
    scope: 'service',
    weight: 8,
    summary: (l, r) => `${l.service} 5xx rate ${(1 + r.next() * 9).toFixed(1)}% on ${l.host}`,
  },
  {
    rule: 'KServeQueueSaturation',
    source: 'alertmanager',
    scope: 'service',
    weight: 5,
    summary: (l, r) => `${l.service} request queue ${80 + r.int(20)}% full on ${l.host}`,
  },
  {
    rule: 'FeaturePipelineLag',
    source: 'alertmanager',
    scope: 'service',
    weight: 5,
    summary: (l, r) => `Feature pipeline for ${l.service} ${10 + r.int(110)} min behind`,
  },
  {
    rule: 'ModelDriftDetected',
    source: 'model',
    scope: 'service',
    weight: 4,
    summary: (l, r) => `Input drift on ${l.service}: PSI ${(0.2 + r.next() * 0.4).toFixed(2)}`,
  },
  {
    rule: 'AccuracyDrop',
    source: 'model',
    scope: 'service',
    weight: 3,
    summary: (l, r) => `${l.service} accuracy down ${(2 + r.next() * 8).toFixed(1)} points`,
  },
  {
    rule: 'TLSCertExpiring',
    source: 'alertmanager',
    scope: 'cluster',
    weight: 1,
    summary: (l, r) => `Ingress certificate of ${l.cluster} expires in ${1 + r.int(13)} days`,
  },
];

export const PRIORITY_WEIGHTS: readonly (readonly [Priority, number])[] = [
  ['P1', 3],
  ['P2', 10],
  ['P3', 30],
  ['P4', 35],
  ['P5', 22],
];
export const CELLS: Record<Priority, readonly [Level, Level][]> = {
  P1: [['high', 'high']],
  P2: [
    ['high', 'medium'],
    ['medium', 'high'],
  ],
  P3: [
    ['high', 'low'],
    ['medium', 'medium'],
    ['low', 'high'],
  ],
  P4: [
    ['medium', 'low'],
    ['low', 'medium'],
  ],
  P5: [['low', 'low']],
};
export const SEVERITY: Record<Priority, IncomingAlert['severity'][]> = {
  P1: ['critical'],
  P2: ['critical'],
  P3: ['critical', 'warning', 'warning'],
  P4: ['warning', 'warning', 'info'],
  P5: ['warning', 'info'],
};

/** Alerts per incident: 10 on average, exponentially spread (a long tail of noisy incidents). */
export function alertCounts(r: ReturnType<typeof seeded>): number[] {
  const counts = Array.from(
    { length: INCIDENTS },
    () => 1 + Math.floor(-Math.log(1 - r.next()) * 9),
  );
  let total = counts.reduce((a, b) => a + b, 0);
  while (total !== ALERTS) {
    const i = r.int(INCIDENTS);
    if (total < ALERTS) {
      counts[i]! += 1;
      total += 1;
    } else if (counts[i]! > 1) {
      counts[i]! -= 1;
      total -= 1;
    }
  }
  return counts;
}
