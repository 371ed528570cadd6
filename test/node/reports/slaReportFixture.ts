// A hand-built October 2026 report for a Dubai site: two SLOs (one breached), one maintenance window,
// and names carrying markup, quotes and commas as an attacker or a careless operator would type them.
import type { SlaReport } from '../../../shared/ipc/sloSchemas.ts';
import type { ReportStamp } from '../../../main/reports/reportFormat.ts';

const DAY = 86_400_000;
/** Midnight of 1 October 2026 in Asia/Dubai (UTC+4). */
export const OCT_1_DUBAI = Date.UTC(2026, 8, 30, 20);

export const XSS_SLO_NAME = 'Chat availability <img src=x onerror=alert(1)>';
export const XSS_SLA_NAME = 'Gold <script>alert("pwned")</script> tier';

function daily(values: (number | null)[]): { t: number; value: number | null }[] {
  return values.map((value, i) => ({ t: OCT_1_DUBAI + i * DAY, value }));
}

const latency = Array.from({ length: 31 }, (_, i) => 0.9955 + ((i * 7) % 11) * 0.0003);
const availability = Array.from({ length: 31 }, (_, i) =>
  i === 12 ? 0.962 : i === 13 ? 0.981 : i === 20 ? null : 0.9992 + ((i * 5) % 7) * 0.0001,
);

export function sampleReport(): SlaReport {
  return {
    sla: 'llm-gold',
    displayName: XSS_SLA_NAME,
    customer: 'Emirates "Gulf" Bank, Retail AI',
    period: '2026-10',
    from: new Date(OCT_1_DUBAI).toISOString(),
    to: new Date(OCT_1_DUBAI + 31 * DAY).toISOString(),
    timeZone: 'Asia/Dubai',
    target: 0.995,
    attainment: 0.99421,
    isMet: false,
    creditPercent: 10,
    maintenanceMinutes: 120,
    isSimulated: false,
    maintenance: [
      {
        start: '2026-10-12T22:00:00.000Z',
        end: '2026-10-13T00:00:00.000Z',
        reason: 'GPU driver upgrade <b>R580</b> & reboot',
      },
    ],
    slos: [
      {
        name: 'chat-latency',
        displayName: 'Chat p95 latency under 800 ms',
        objective: 0.99,
        attainment: 0.99712,
        budgetConsumed: 0.288,
        isMet: true,
        error: null,
        daily: daily(latency),
        breaches: [],
      },
      {
        name: 'chat-availability',
        displayName: XSS_SLO_NAME,
        objective: 0.999,
        attainment: 0.99421,
        budgetConsumed: 5.79,
        isMet: false,
        error: null,
        daily: daily(availability),
        breaches: [
          {
            severity: 'page',
            start: '2026-10-13T04:10:00.000Z',
            end: '2026-10-13T06:25:00.000Z',
            alertId: 117,
          },
          { severity: 'ticket', start: '2026-10-14T09:00:00.000Z', end: null, alertId: null },
        ],
      },
    ],
    incidents: [],
    generatedAt: '2026-11-01T05:30:00.000Z',
  };
}

export const ROOT_HASH = '9f2c4e71a0b3d58e6c1f2a7b9d0e4c3f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

export function sampleStamp(language: 'en' | 'ar' = 'en'): ReportStamp {
  return {
    siteName: 'Dubai DC-1',
    checkpoint: {
      treeSize: 4211,
      rootHash: ROOT_HASH,
      signedAt: '2026-11-01T05:29:00.000Z',
      keyFingerprint: 'SHA256:6b1f0c2e9d8a7f65',
    },
    generatedBy: 'fatima.auditor',
    language,
  };
}
