// A fake incident picture for the operations home, the alert stream, silences, the noise report
// and the response-time dashboard, shaped as shared/ipc/incidentSchemas.ts says.
import { DEFAULT_TARGETS } from '../../shared/domain/incidents/targets.ts';
import type {
  ChannelOutput,
  IncidentCounts,
  IncidentStats,
  PipelineAlert,
  Silence,
} from '../../shared/ipc/contract.ts';

export { DEFAULT_TARGETS };
export type NoiseRow = ChannelOutput<'alertStream.noiseReport'>[number];

export const counts = (patch: Partial<IncidentCounts> = {}): IncidentCounts => ({
  open: 4,
  byPriority: { P1: 1, P2: 2, P3: 0, P4: 1, P5: 0 },
  firingAlerts: 7,
  ...patch,
});

export const QUIET: IncidentCounts = {
  open: 0,
  byPriority: { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 },
  firingAlerts: 0,
};

export const pipelineAlert = (id: number, patch: Partial<PipelineAlert> = {}): PipelineAlert => ({
  id,
  fingerprint: `fp-${id}`,
  source: 'alertmanager',
  rule: 'GpuXidErrors',
  severity: 'critical',
  state: 'firing',
  summary: `GPU 3 on gpu-node-00${id} reports Xid 79`,
  labels: { alertname: 'GpuXidErrors', service: 'fraud-scoring', cluster: 'dxb-gpu-1' },
  service: 'fraud-scoring',
  cluster: 'dxb-gpu-1',
  incidentId: 12,
  silenceId: null,
  isFlapping: false,
  sourceRef: null,
  startedAt: '2025-03-04T08:02:00.000Z',
  receivedAt: '2025-03-04T08:02:05.000Z',
  lastSeenAt: '2025-03-04T09:58:00.000Z',
  resolvedAt: null,
  verdict: null,
  verdictBy: null,
  ...patch,
});

export const silence = (id: number, patch: Partial<Silence> = {}): Silence => ({
  id,
  matchers: [{ name: 'cluster', value: 'dxb-gpu-1', isRegex: false, isEqual: true }],
  startsAt: '2025-03-04T06:00:00.000Z',
  endsAt: '2099-03-04T10:00:00.000Z',
  createdBy: 'omar',
  reason: 'Driver upgrade on dxb-gpu-1 (CHG-4411)',
  createdAt: '2025-03-04T05:55:00.000Z',
  expiredAt: null,
  expiredBy: null,
  status: 'active',
  ...patch,
});

export const noiseRow = (rule: string, patch: Partial<NoiseRow> = {}): NoiseRow => ({
  source: 'threshold',
  rule,
  total: 10,
  useful: 5,
  noise: 2,
  unjudged: 3,
  flapping: 0,
  silenced: 0,
  ...patch,
});

const mttx = (count: number, d: number | null, a: number | null, r: number | null) => ({
  count,
  mttdMinutes: d,
  mttaMinutes: a,
  mttrMinutes: r,
});

export const stats = (days = 90): IncidentStats => ({
  from: new Date(Date.parse('2025-03-04T00:00:00Z') - days * 86_400_000).toISOString(),
  to: '2025-03-04T00:00:00.000Z',
  overall: mttx(14, 4.5, 12, 190),
  byPriority: [
    // P1 acknowledged in 20 min against a 15-minute target: missed; resolved within its 4 h.
    { key: 'P1', ...mttx(3, 2, 20, 150) },
    { key: 'P2', ...mttx(5, 4, 10, 300) },
    { key: 'P3', ...mttx(6, 6, 0.5, null) },
  ],
  byCategory: [
    { key: 'gpu_infrastructure', ...mttx(9, 3, 9, 200) },
    { key: 'model_accuracy', ...mttx(5, 7, 17, 170) },
  ],
  byService: [{ key: 'fraud-scoring', ...mttx(14, 4.5, 12, 190) }],
  trend: [
    { weekStart: '2025-02-09T20:00:00.000Z', ...mttx(4, 5, 14, 210) },
    { weekStart: '2025-02-16T20:00:00.000Z', ...mttx(6, 4, 11, 185) },
    { weekStart: '2025-02-23T20:00:00.000Z', ...mttx(4, 4, 10, null) },
  ],
});
