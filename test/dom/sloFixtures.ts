// A fake set of SLOs, alerts and SLAs for the DOM tests, shaped as shared/ipc/sloSchemas.ts says.
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import type {
  Alert,
  EnforcementAction,
  SlaReport,
  SlaSummary,
  SloDetail,
  SloSummary,
} from '../../shared/ipc/contract.ts';
import { HOUR_MS as HOUR } from '../../shared/domain/time.ts';

export const NOW = Date.parse('2025-03-04T10:00:00Z');

export const summary = (name: string, patch: Partial<SloSummary> = {}): SloSummary => ({
  name,
  displayName: `${name} display`,
  model: 'fraud-scorer',
  indicator: 'latency',
  objective: 0.999,
  window: '28d rolling',
  budgetingMethod: 'Occurrences',
  status: 'ok',
  attainment: 0.9995,
  budgetRemaining: 0.5,
  burnRate: 0.8,
  timeToExhaustionMinutes: 20_000,
  coverage: {
    since: '2025-02-04T10:00:00.000Z',
    observedMinutes: 28 * 1440,
    windowMinutes: 28 * 1440,
    fraction: 1,
    isSufficient: true,
  },
  firingAlerts: 0,
  sparkline: Array.from({ length: 24 }, (_, i) => 0.999 + (i % 3) * 0.0003),
  error: null,
  evaluatedAt: '2025-03-04T09:59:00.000Z',
  ...patch,
});

export const spec = (name: string, patch: Partial<SloSpec> = {}): SloSpec => ({
  name,
  displayName: `${name} display`,
  description: '',
  service: { model: 'fraud-scorer', versions: [], site: '' },
  indicator: { type: 'latency', thresholdSeconds: 0.3, source: { kind: 'canonical' } },
  window: { type: 'rolling', days: 28 },
  budgetingMethod: 'Occurrences',
  objective: 0.999,
  timeSliceMinutes: 1,
  alerting: { minEvents: 100, isEnabled: true },
  labels: {},
  ...patch,
});

export const alert = (id: number, patch: Partial<Alert> = {}): Alert => ({
  id,
  fingerprint: `fp-${id}`,
  sloName: 'fraud-latency',
  severity: 'page',
  state: 'firing',
  summary: 'fraud-latency burns its budget 15× too fast',
  labels: {},
  longMinutes: 60,
  shortMinutes: 5,
  threshold: 14.4,
  burnRateLong: 15.2,
  burnRateShort: 18,
  peakBurnRate: 18,
  startedAt: '2025-03-04T08:00:00.000Z',
  firingAt: '2025-03-04T08:02:00.000Z',
  resolvedAt: null,
  ...patch,
});

export const action = (id: number, patch: Partial<EnforcementAction> = {}): EnforcementAction => ({
  id,
  sloName: 'fraud-latency',
  alertId: 1,
  hostId: 1,
  action: 'scale_replicas',
  params: { replicas: 4 },
  status: 'proposed',
  reason: 'page alert fired on fraud-latency',
  proposedAt: '2025-03-04T08:03:00.000Z',
  decidedAt: null,
  decidedBy: null,
  finishedAt: null,
  result: null,
  ...patch,
});

const hourly = (hours: number, value: (i: number) => number | null) =>
  Array.from({ length: hours }, (_, i) => ({ t: NOW - (hours - i) * HOUR, value: value(i) }));

export const detail = (name: string, patch: Partial<SloDetail> = {}): SloDetail => ({
  summary: summary(name),
  spec: spec(name),
  policy: null,
  windowStart: new Date(NOW - 28 * 24 * HOUR).toISOString(),
  windowEnd: new Date(NOW).toISOString(),
  budget: { total: 1000, consumed: 500, remaining: 500, unit: 'events' },
  sli: hourly(28 * 24, (i) => (i % 50 === 0 ? null : 0.9992)),
  // The last six hours by the minute: a 30-minute dip an hour ago, then recovery.
  recentSli: Array.from({ length: 360 }, (_, i) => ({
    t: NOW - (360 - i) * (HOUR / 60),
    value: i >= 270 && i < 300 ? 0.8 : 0.9995,
  })),
  burnDown: hourly(28 * 24, (i) => 1 - i / (28 * 24 * 2)),
  burnRates: [
    {
      severity: 'page',
      longMinutes: 60,
      shortMinutes: 5,
      budgetFraction: 0.02,
      threshold: 14.4,
      long: 15.2,
      short: 18,
      isGuarded: false,
      observedMinutes: 60,
      effectiveThreshold: 14.4,
    },
    {
      severity: 'ticket',
      longMinutes: 1440,
      shortMinutes: 120,
      budgetFraction: 0.1,
      threshold: 2.8,
      long: 1.1,
      short: null,
      isGuarded: true,
      observedMinutes: 1440,
      effectiveThreshold: 2.8,
    },
  ],
  alerts: [alert(1)],
  actions: [action(7)],
  ...patch,
});

export const slaSummary = (name: string, patch: Partial<SlaSummary> = {}): SlaSummary => ({
  name,
  displayName: 'Emirates Bank fraud scoring',
  customer: 'Emirates Bank',
  target: 0.995,
  period: 'month',
  slos: ['fraud-latency'],
  spec: {
    name,
    displayName: 'Emirates Bank fraud scoring',
    customer: 'Emirates Bank',
    slos: ['fraud-latency'],
    target: 0.995,
    period: 'month',
    maintenance: [],
    credits: [{ below: 0.995, creditPercent: 10 }],
  },
  error: null,
  ...patch,
});

export const slaReport = (
  name: string,
  period: string,
  patch: Partial<SlaReport> = {},
): SlaReport => ({
  sla: name,
  displayName: 'Emirates Bank fraud scoring',
  customer: 'Emirates Bank',
  period,
  from: '2025-01-31T20:00:00.000Z',
  to: '2025-02-28T20:00:00.000Z',
  timeZone: 'Asia/Dubai',
  target: 0.995,
  attainment: 0.9931,
  isMet: false,
  creditPercent: 10,
  maintenanceMinutes: 120,
  isSimulated: false,
  maintenance: [
    {
      start: '2025-02-10T22:00:00.000Z',
      end: '2025-02-11T00:00:00.000Z',
      reason: 'GPU driver upgrade',
    },
  ],
  slos: [
    {
      name: 'fraud-latency',
      displayName: 'Fraud scoring latency',
      objective: 0.999,
      attainment: 0.9931,
      budgetConsumed: 6.9,
      isMet: false,
      error: null,
      daily: Array.from({ length: 28 }, (_, i) => ({
        t: Date.parse('2025-02-01T00:00:00Z') + i * 24 * HOUR,
        value: i === 12 ? 0.97 : 0.9995,
      })),
      breaches: [
        {
          severity: 'page',
          start: '2025-02-13T06:00:00.000Z',
          end: '2025-02-13T09:30:00.000Z',
          alertId: 3,
        },
      ],
    },
  ],
  incidents: [],
  generatedAt: '2025-03-04T10:00:00.000Z',
  ...patch,
});
