// Incident queue in a real browser, against the issue target "The incident queue with 10,000
// incidents and 100,000 alerts in the store: render and filter under 200 ms in Chromium". The console
// runs in this process (real encrypted store, the web host serving the built renderer) with 90 days of
// incident history written straight into the store while it is closed, through the incident and alert
// repositories the pipeline and the incident service write with: 10,000 incidents (P1 to P5, a few
// hundred still open, the rest resolved, closed or canceled) and 100,000 alerts (10 an incident on
// average, some incidents with many more), with their timelines, commanders and escalation progress.
// In Debian's Chromium, timed inside the page with performance.now() (no Playwright round trips):
//   queue:  click on "Incidents" in the side navigation → first queue rows painted (page reloaded each
//           run, so the queue is fetched cold, as when an operator first opens it); from the same
//           click, also the time until the queue holds every incident, history included;
//   filter: the state filter to "All states" (every incident shown), the priority filter to P1, and a
//           service typed into the text filter key by key (the slowest key) → the rows matching and
//           painted; the headline is the slowest of the three;
//   sort:   click on the "Opened" column over all 10,000 → rows in the new order painted.
// "Painted": the queue shows the expected count (worked out here from incidents.list), then the next
// animation frame and a task after it.
// Baseline in the same run, runs interleaved with the queue runs: the same click to the empty queue of
// a second, fresh console (same browser, same renderer build). Also prints the console's own time for
// incidents.list, for every incident and for the open ones alone (its dispatch from Node, no WebSocket
// or JSON) and their size, to split server from render time.
// Env: RUNS (5), RENDERER_DIR (out/renderer).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../main/host/server.ts';
import { insertAlert, resolveAlert, setVerdict } from '../main/incidents/alertRepository.ts';
import {
  addTimelineEntry,
  insertIncident,
  setRole,
  updateIncident,
  type IncidentPatch,
} from '../main/incidents/incidentRepository.ts';
import { SYSTEM_ACTOR } from '../main/incidents/pipeline.ts';
import { silentLogger } from '../main/log.ts';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import { run, sql } from '../main/store/sql.ts';
import {
  AT_RISK_SHARE,
  DEFAULT_TARGETS,
  categoryFor,
  groupKeyFor,
  labelsFingerprint,
  routingLabels,
  type AlertSource,
  type IncidentState,
  type IncomingAlert,
  type Level,
  type Priority,
} from '../shared/domain/incidents/index.ts';
import type { IncidentSummary } from '../shared/ipc/contract.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';
import {
  ADMIN_PASSWORD,
  machineLine,
  median,
  startBenchConsole,
  type BenchConsole,
} from './support/console.ts';

const INCIDENTS = 10_000;
const ALERTS = 100_000;
const DAYS = 90;
const RUNS = Number(process.env.RUNS ?? 5);
const VIEWPORT = { width: 1920, height: 1080 };
const rendererDir = process.env.RENDERER_DIR ?? join('out', 'renderer');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const runsOf = (values: number[]) =>
  `median ${ms(median(values))} (runs ${values.map((v) => v.toFixed(0)).join(', ')})`;
const count = (n: number) => n.toLocaleString('en-US');

const builtIndex = join(rendererDir, 'index.html');
if (!existsSync(builtIndex)) {
  console.error(`The renderer is not built (no ${builtIndex}): run \`npm run build\` first.`);
  process.exit(2);
}
const newestSource = Math.max(
  ...['renderer', 'shared'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs),
  ),
);
if (newestSource > statSync(builtIndex).mtimeMs)
  console.warn(
    `warning: ${rendererDir} is older than the renderer sources; run \`npm run build\` to measure the current code.`,
  );

// ── The site's incident history ───────────────────────────────────────────────────────────────

/** A small seeded generator, so every run writes the same history. */
function seeded(seed: number) {
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

const MODELS = [
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
const SERVICES = MODELS.flatMap((m) => [m, `${m}-canary`, `${m}-batch`, `${m}-eu`]);
const CLUSTERS = ['dxb-gpu-a', 'dxb-gpu-b', 'auh-gpu-a', 'auh-cpu-1', 'ruh-gpu-a', 'jed-gpu-b'];
const RESPONDERS = [
  { username: 'aisha.k', role: 'incident_commander' },
  { username: 'noor.a', role: 'incident_commander' },
  { username: 'omar.h', role: 'operator' },
  { username: 'sara.m', role: 'operator' },
  { username: 'li.wei', role: 'ml_engineer' },
  { username: 'dev.p', role: 'ml_engineer' },
] as const;
const COMMANDERS = ['aisha.k', 'noor.a', 'admin'];
const PEOPLE = [...RESPONDERS.map((r) => r.username), 'admin'];

type Scope = 'host' | 'service' | 'cluster';
interface AlertKind {
  rule: string;
  source: AlertSource;
  scope: Scope;
  weight: number;
  summary: (l: Record<string, string>, r: ReturnType<typeof seeded>) => string;
}
const KINDS: readonly AlertKind[] = [
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

const PRIORITY_WEIGHTS: readonly (readonly [Priority, number])[] = [
  ['P1', 3],
  ['P2', 10],
  ['P3', 30],
  ['P4', 35],
  ['P5', 22],
];
const CELLS: Record<Priority, readonly [Level, Level][]> = {
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
const SEVERITY: Record<Priority, IncomingAlert['severity'][]> = {
  P1: ['critical'],
  P2: ['critical'],
  P3: ['critical', 'warning', 'warning'],
  P4: ['warning', 'warning', 'info'],
  P5: ['warning', 'info'],
};

/** Alerts per incident: 10 on average, exponentially spread (a long tail of noisy incidents). */
function alertCounts(r: ReturnType<typeof seeded>): number[] {
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

interface Written {
  incidents: number;
  alerts: number;
  timeline: number;
  open: number;
  states: Map<IncidentState, number>;
  maxAlerts: number;
}

/** 90 days of incidents and their alerts, written as the pipeline, the escalator and responders write them. */
function writeIncidentHistory(c: BenchConsole): Written {
  const db = openStore(c.dataDir, parseRecoveryKey(c.recoveryKey));
  const r = seeded(20_260_101);
  const nowMs = Date.now();
  const startMs = nowMs - DAYS * DAY_MS;
  const counts = alertCounts(r);
  const written: Written = {
    incidents: 0,
    alerts: 0,
    timeline: 0,
    open: 0,
    states: new Map(),
    maxAlerts: Math.max(...counts),
  };
  const openFingerprints = new Set<string>();
  const openGroups = new Set<string>();
  const timeline = (id: number, entry: Parameters<typeof addTimelineEntry>[2]) => {
    addTimelineEntry(db, id, entry);
    written.timeline++;
  };
  const escalation = (id: number, priority: Priority, atMs: number) => {
    // The escalator's first look: no escalation policy on this site, so nobody is paged.
    run(
      db,
      sql`INSERT INTO incident_escalations (incident_id, policy_id, priority, tier, repeat, next_at, paged_tier, started_at, updated_at)
          VALUES (${id}, NULL, ${priority}, 0, 0, NULL, NULL, ${atMs}, ${atMs})`,
    );
    timeline(id, {
      atMs,
      kind: 'escalation',
      actor: null,
      text: `No escalation policy applies to ${priority} incidents like this one; nobody is paged.`,
      details: { policyId: null, policy: null },
    });
  };

  db.transaction(() => {
    for (let i = 0; i < INCIDENTS; i++) {
      const openedAt = Math.floor(startMs + ((i + r.next()) / INCIDENTS) * DAYS * DAY_MS);
      const ageMs = nowMs - openedAt;
      const priority = r.weighted(PRIORITY_WEIGHTS);
      const [impact, urgency] = r.pick(CELLS[priority]);
      const target = DEFAULT_TARGETS[priority];
      const kind = r.weighted(KINDS.map((k) => [k, k.weight] as const));
      const cluster = r.pick(CLUSTERS);
      const service = kind.scope === 'service' ? r.pick(SERVICES) : null;
      const hostOf = () => `${cluster}-node-${String(r.int(48)).padStart(2, '0')}`;
      const labelsOf = (k: AlertKind): Record<string, string> => {
        const labels: Record<string, string> = {
          alertname: k.rule,
          severity: r.pick(SEVERITY[priority]),
          cluster,
        };
        if (service) labels.service = service;
        if (k.scope !== 'cluster') labels.host = hostOf();
        if (k.scope === 'host') labels.gpu = String(r.int(8));
        return labels;
      };

      // The lifecycle: most of the history is resolved and closed; the last days still have open work.
      let state: IncidentState;
      if (ageMs < 3 * DAY_MS)
        state =
          r.next() < 0.75 ? r.pick(['new', 'in_progress', 'in_progress', 'on_hold']) : 'resolved';
      else if (ageMs < 20 * DAY_MS && r.next() < 0.02) state = 'on_hold';
      else if (ageMs < 7 * DAY_MS)
        state = r.weighted([
          ['resolved', 80],
          ['closed', 15],
          ['canceled', 5],
        ]);
      else
        state = r.weighted([
          ['closed', 90],
          ['resolved', 7],
          ['canceled', 3],
        ]);
      const isOpen = state === 'new' || state === 'in_progress' || state === 'on_hold';
      const isAcknowledged = state !== 'new' && !(state === 'canceled' && r.next() < 0.5);
      const respondMs = Math.floor(
        target.respondMinutes * MINUTE_MS * (0.05 + r.next() * r.next() * 1.6),
      );
      const resolveMs = Math.max(
        respondMs + 5 * MINUTE_MS,
        Math.floor(target.resolveMinutes * MINUTE_MS * (0.05 + r.next() * r.next() * 1.5)),
      );
      const ackAt = isAcknowledged ? Math.min(openedAt + respondMs, nowMs - MINUTE_MS) : null;
      const resolvedAt = isOpen ? null : Math.min(openedAt + resolveMs, nowMs - MINUTE_MS);
      const closedAt =
        state === 'closed'
          ? Math.min(resolvedAt! + Math.floor(HOUR_MS * (1 + r.next() * 71)), nowMs - 1)
          : state === 'canceled'
            ? resolvedAt
            : null;
      const holdSince =
        state === 'on_hold'
          ? Math.floor((ackAt ?? openedAt) + (nowMs - (ackAt ?? openedAt)) * r.next())
          : null;

      // The first alert opens the incident, as the pipeline opens one.
      const first = labelsOf(kind);
      const firstSummary = kind.summary(first, r);
      let groupKey = groupKeyFor(first, kind.rule);
      if (isOpen && openGroups.has(groupKey)) {
        // Two open incidents never share a group: this site groups the rest by host with a label.
        first.incident_group = `${kind.rule}-${first.host ?? cluster}-${i}`;
        groupKey = groupKeyFor(first, kind.rule);
      }
      if (isOpen) openGroups.add(groupKey);
      const detectedAt = openedAt - r.int(5 * MINUTE_MS);
      const id = insertIncident(db, {
        title: firstSummary.slice(0, 200),
        impact,
        urgency,
        priority,
        category: categoryFor(kind.source, kind.rule, first),
        service,
        cluster,
        groupKey,
        detectedAtMs: detectedAt,
        openedAtMs: openedAt,
      });
      timeline(id, {
        atMs: openedAt,
        kind: 'opened',
        actor: SYSTEM_ACTOR.username,
        text: `Opened as ${priority} from the ${kind.source} alert ${kind.rule}.`,
        details: {
          priority,
          impact,
          urgency,
          reasons: [`Impact ${impact}.`, `Urgency ${urgency}.`],
        },
      });
      escalation(id, priority, openedAt);

      // Its alerts: the first, then more of the same and related ones while it is open.
      const n = counts[i]!;
      const lastAt = resolvedAt ?? nowMs - MINUTE_MS;
      const related = KINDS.filter((k) => k.scope === kind.scope);
      const firingFrom = isOpen ? (state === 'on_hold' ? n - 1 : Math.floor(n / 2)) : n;
      for (let k = 0; k < n; k++) {
        const alertKind = k === 0 ? kind : r.next() < 0.6 ? kind : r.pick(related);
        const labels = k === 0 ? first : labelsOf(alertKind);
        if (first.incident_group) labels.incident_group = first.incident_group;
        const receivedAt =
          k === 0
            ? openedAt
            : Math.floor(openedAt + (lastAt - openedAt) * (k / n) * (0.5 + r.next() * 0.5));
        const isResolved = k < firingFrom;
        // One open alert per fingerprint: a second alert on the same labels is another replica.
        let fingerprint = labelsFingerprint(labels);
        for (let replica = 1; openFingerprints.has(fingerprint); replica++) {
          labels.replica = String(replica);
          fingerprint = labelsFingerprint(labels);
        }
        const isFlapping = r.next() < 0.03;
        const summary = k === 0 ? firstSummary : alertKind.summary(labels, r);
        const alert: IncomingAlert = {
          source: alertKind.source,
          fingerprint,
          status: 'firing',
          rule: alertKind.rule,
          severity: (labels.severity ?? 'warning') as IncomingAlert['severity'],
          summary,
          labels,
          startsAtMs: receivedAt - r.int(3 * MINUTE_MS),
          ...(alertKind.source === 'alertmanager'
            ? {
                sourceRef: `http://prometheus.${cluster}.local:9090/graph?g0.expr=${alertKind.rule}`,
              }
            : alertKind.source === 'slo'
              ? { sourceRef: `slo-alert:${i}-${k}` }
              : {}),
        };
        const routed = routingLabels(alert);
        const alertState = isFlapping ? 'suppressed' : 'firing';
        const alertId = insertAlert(db, {
          alert,
          state: alertState,
          labels: routed,
          incidentId: id,
          silenceId: null,
          isFlapping,
          nowMs: receivedAt,
        });
        written.alerts++;
        timeline(id, {
          atMs: receivedAt,
          kind: 'alert',
          actor: null,
          text: `Alert firing${isFlapping ? ' (flapping: suppressed)' : ''}: ${summary}`,
          details: {
            alertId,
            fingerprint,
            source: alert.source,
            rule: alert.rule,
            severity: alert.severity,
            state: alertState,
          },
        });
        if (isResolved) {
          const endAt = Math.min(
            lastAt,
            Math.floor(receivedAt + (lastAt - receivedAt) * (0.2 + r.next() * 0.8)),
          );
          resolveAlert(db, alertId, endAt, endAt);
          timeline(id, {
            atMs: endAt,
            kind: 'alert',
            actor: null,
            text: `Alert resolved: ${summary}`,
            details: { alertId, fingerprint, source: alert.source, state: 'resolved' },
          });
          if (!isOpen && r.next() < 0.3)
            setVerdict(db, alertId, r.next() < 0.8 ? 'useful' : 'noise', r.pick(PEOPLE));
        } else {
          openFingerprints.add(fingerprint);
        }
      }

      // Responders: acknowledgement, a commander on the serious ones, hold, resolution, closure.
      const patch: IncidentPatch = {};
      let patchAt = openedAt;
      const ackBy = r.pick(PEOPLE);
      if (ackAt !== null) {
        Object.assign(patch, {
          acknowledged_at: ackAt,
          acknowledged_by: ackBy,
          respond_elapsed_ms: ackAt - openedAt,
        });
        timeline(id, {
          atMs: ackAt,
          kind: 'acknowledged',
          actor: ackBy,
          text: `Acknowledged by ${ackBy}; escalation stops.`,
        });
        patchAt = ackAt;
      }
      const respondUsed = (ackAt ?? resolvedAt ?? nowMs) - openedAt;
      if (respondUsed >= target.respondMinutes * MINUTE_MS * AT_RISK_SHARE) {
        patch.respond_warned = 1;
        timeline(id, {
          atMs: openedAt + Math.ceil(target.respondMinutes * MINUTE_MS * AT_RISK_SHARE),
          kind: 'escalation',
          actor: null,
          text: `Response target at risk: ${Math.floor(target.respondMinutes * AT_RISK_SHARE)} of ${target.respondMinutes} min used; nobody to warn.`,
          details: { warning: 'respond', status: 'at_risk' },
        });
      }
      if ((resolvedAt ?? nowMs) - openedAt >= target.resolveMinutes * MINUTE_MS * AT_RISK_SHARE) {
        patch.resolve_warned = 1;
        timeline(id, {
          atMs: openedAt + Math.ceil(target.resolveMinutes * MINUTE_MS * AT_RISK_SHARE),
          kind: 'escalation',
          actor: null,
          text: `Resolution target at risk: ${Math.floor(target.resolveMinutes * AT_RISK_SHARE)} of ${target.resolveMinutes} min used; nobody to warn.`,
          details: { warning: 'resolve', status: 'at_risk' },
        });
      }
      if ((priority === 'P1' || priority === 'P2') && ackAt !== null) {
        const commander = r.pick(COMMANDERS);
        setRole(db, id, 'commander', commander, ackAt);
        timeline(id, {
          atMs: ackAt,
          kind: 'role',
          actor: ackBy,
          text: `${commander} is incident commander.`,
          details: { role: 'commander', from: null, to: commander },
        });
        if (priority === 'P1' && r.next() < 0.3) patch.is_major = 1;
      }
      const from = ackAt === null ? 'new' : 'in_progress';
      if (state === 'on_hold') {
        Object.assign(patch, { state, hold_since: holdSince });
        timeline(id, {
          atMs: holdSince!,
          kind: 'state',
          actor: ackBy,
          text: `Moved to on_hold (was in_progress): waiting on a vendor RMA.`,
          details: { from: 'in_progress', to: 'on_hold' },
        });
        patchAt = holdSince!;
      } else if (state === 'in_progress' || (state === 'new' && ackAt !== null)) {
        patch.state = 'in_progress';
      }
      if (state === 'resolved' || state === 'closed') {
        const isAutomatic = r.next() < 0.7;
        Object.assign(patch, {
          state: 'resolved',
          resolved_at: resolvedAt,
          resolve_elapsed_ms: resolvedAt! - openedAt,
          respond_elapsed_ms: ackAt === null ? resolvedAt! - openedAt : ackAt - openedAt,
        });
        timeline(id, {
          atMs: resolvedAt!,
          kind: 'state',
          actor: isAutomatic ? SYSTEM_ACTOR.username : ackBy,
          text: isAutomatic
            ? `Resolved: every alert in the incident has resolved (was ${from}).`
            : `Moved to resolved (was ${from}): ${r.pick(['rolled back the release', 'drained and rebooted the node', 'scaled out the replicas', 'retrained on fresh data', 'replaced the GPU'])}.`,
          details: isAutomatic
            ? { from, to: 'resolved', isAutomatic: true }
            : { from, to: 'resolved' },
        });
        patchAt = resolvedAt!;
      }
      if (state === 'closed' || state === 'canceled') {
        const was = state === 'closed' ? 'resolved' : from;
        Object.assign(patch, { state, closed_at: closedAt });
        timeline(id, {
          atMs: closedAt!,
          kind: 'state',
          actor: ackBy,
          text:
            state === 'closed'
              ? `Moved to closed (was ${was}).`
              : `Moved to canceled (was ${was}): a duplicate of an earlier incident.`,
          details: { from: was, to: state },
        });
        patchAt = closedAt!;
      }
      if (Object.keys(patch).length > 0) updateIncident(db, id, patch, patchAt);
      written.incidents++;
      if (isOpen) written.open++;
      written.states.set(state, (written.states.get(state) ?? 0) + 1);
    }
  })();
  closeStore(db);
  return written;
}

// ── The browser ───────────────────────────────────────────────────────────────────────────────

/** A browser page signed in to `host` as the admin, on the Overview. */
async function signIn(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await page.goto(host.issueLink());
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('overview-site-name').waitFor();
  return page;
}

// Page-side code as text: bench/ compiles under tsconfig.node.json, which has no DOM types.
/**
 * Runs `act` (a function body acting on the page) and resolves with the ms until each of `steps`
 * (expressions, in the order they come true) holds and the frame showing it is painted.
 */
function timesInPage(page: Page, act: string, steps: string[]): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve, reject) => {
    const steps = [${steps.map((step) => `() => (${step})`).join(', ')}];
    const times = [];
    let next = 0;
    let painted = 0;
    const afterPaint = (k) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        times[k] = performance.now() - start;
        if (++painted === steps.length) resolve(times);
      };
      channel.port2.postMessage(null);
    });
    const check = () => {
      while (next < steps.length && steps[next]()) afterPaint(next++);
      if (next < steps.length) return;
      observer.disconnect();
      clearTimeout(timer);
    };
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not done within 60 s: ' + ${JSON.stringify(steps.join(' then '))})); }, 60000);
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const start = performance.now();
    (() => { ${act} })();
    queueMicrotask(check);
  })`);
}

/** Runs `act` and resolves with the ms until `isDone` holds and the frame showing it is painted. */
async function timeInPage(page: Page, act: string, isDone: string): Promise<number> {
  return (await timesInPage(page, act, [isDone]))[0]!;
}

const q = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;
/**
 * The queue shows `n` incidents (its "Showing n of N" line and, unless none, rows) out of `total`,
 * or out of any number while it has not loaded every incident yet.
 */
const showing = (n: number, total?: number) =>
  n === 0
    ? `!!${q('[data-testid="incident-no-match"]')}`
    : `${q('[data-testid="incident-showing"]')}?.textContent${
        total === undefined
          ? `.startsWith(${JSON.stringify(`Showing ${count(n)} of `)})`
          : ` === ${JSON.stringify(`Showing ${count(n)} of ${count(total)}`)}`
      } && !!${q('[data-testid="incident-row"]')}`;
/** Every incident is held: none of the history is still loading. */
const isHistoryLoaded = `!${q('[data-testid="incident-history-loading"]')}`;
const select = (testId: string, value: string) => `
  const el = ${q(`[data-testid="${testId}"]`)};
  el.value = ${JSON.stringify(value)};
  el.dispatchEvent(new Event('change', { bubbles: true }));`;
const type = (value: string) => `
  const el = ${q('[data-testid="incident-filter-text"]')};
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));`;
const click = (selector: string) => `${q(selector)}.click();`;

/** Reloads (the queue is fetched anew) and times opening the Incidents view through `steps`. */
async function timeOpenQueue(page: Page, steps: string[]): Promise<number[]> {
  await page.reload();
  await page.getByTestId('overview-site-name').waitFor();
  return timesInPage(page, click('[data-testid="nav-incidents"]'), steps);
}

/** The queue's text filter as the renderer applies it (incidentsViewSlice's matchesIncidentFilter). */
function matchesText(i: IncidentSummary, text: string): boolean {
  const needle = text.trim().toLowerCase().replace(/^#/, '');
  if (!needle) return true;
  return (
    String(i.id) === needle ||
    i.title.toLowerCase().includes(needle) ||
    (i.service?.toLowerCase().includes(needle) ?? false) ||
    (i.cluster?.toLowerCase().includes(needle) ?? false) ||
    (i.commander?.toLowerCase().includes(needle) ?? false)
  );
}

/** The console's own time for one call (its dispatch from Node) and the size of what it returns. */
async function timeApi(call: () => Promise<unknown>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const value = await call();
  return { ms: performance.now() - start, bytes: JSON.stringify(value).length };
}

console.log(machineLine());
const cleanups: (() => Promise<void> | void)[] = [];
try {
  // The site with 90 days of incidents: written while the console is closed, then opened again.
  const created = await startBenchConsole();
  for (const r of RESPONDERS)
    await created.admin.must('operators.create', {
      username: r.username,
      displayName: r.username,
      role: r.role,
      password: ADMIN_PASSWORD,
    });
  created.close();
  cleanups.push(() => created.cleanup());
  let start = performance.now();
  const data = writeIncidentHistory(created);
  const writeS = (performance.now() - start) / 1000;
  start = performance.now();
  const c = await startBenchConsole.reopen(created.dataDir, created.recoveryKey);
  cleanups.unshift(() => c.cleanup());
  const reopenS = (performance.now() - start) / 1000;
  console.log(
    `data: ${count(data.incidents)} incidents (${[...data.states].map(([s, n]) => `${s} ${count(n)}`).join(', ')}) and ${count(data.alerts)} alerts over ${DAYS} days, up to ${data.maxAlerts} alerts on one incident, ${count(data.timeline)} timeline entries; written in ${writeS.toFixed(1)} s, console reopened in ${reopenS.toFixed(1)} s`,
  );

  // Baseline console: fresh, no incidents.
  const empty = await startBenchConsole();
  cleanups.push(() => empty.cleanup());

  const { items, total } = await c.admin.must('incidents.list', {});
  if (items.length !== INCIDENTS || total !== INCIDENTS)
    throw new Error(`incidents.list returned ${items.length} of ${total}, not ${INCIDENTS}`);
  const listApi: { ms: number; bytes: number }[] = [];
  const openApi: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    listApi.push(await timeApi(() => c.admin.must('incidents.list', {})));
    openApi.push(
      await timeApi(() =>
        c.admin.must('incidents.list', { states: ['new', 'in_progress', 'on_hold'] }),
      ),
    );
  }
  const kib = (figures: { bytes: number }[]) =>
    `${count(Math.round(median(figures.map((f) => f.bytes)) / 1024))} KiB`;
  console.log(
    `incidents.list API (console dispatch from Node): every incident ${runsOf(listApi.map((f) => f.ms))}, ${kib(listApi)} as JSON; open ones ${runsOf(openApi.map((f) => f.ms))}, ${kib(openApi)}`,
  );

  // What each step should show, worked out from the queue's rows as the renderer filters them.
  const isOpenState = (s: IncidentState) => s === 'new' || s === 'in_progress' || s === 'on_hold';
  const openCount = items.filter((i) => isOpenState(i.state)).length;
  const p1Count = items.filter((i) => i.priority === 'P1').length;
  const term = 'llm-chat';
  const keys = [...term].map((_, k) => term.slice(0, k + 1));
  const keyCounts = keys.map((t) => items.filter((i) => matchesText(i, t)).length);
  const oldest = items.reduce((a, b) =>
    a.openedAt < b.openedAt || (a.openedAt === b.openedAt && a.id > b.id) ? a : b,
  );

  const host = await startHost({ app: c.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => host.close());
  const emptyHost = await startHost({ app: empty.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => emptyHost.close());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  cleanups.unshift(() => browser.close());
  console.log(
    `browser: Chromium ${browser.version()} headless, viewport ${VIEWPORT.width}×${VIEWPORT.height}`,
  );
  const page = await signIn(browser, host);
  const emptyPage = await signIn(browser, emptyHost);

  const queueRuns: number[] = [];
  const historyRuns: number[] = [];
  const emptyRuns: number[] = [];
  const stateRuns: number[] = [];
  const priorityRuns: number[] = [];
  const typeRuns: number[] = [];
  const sortRuns: number[] = [];
  let rowsInDom = 0;
  for (let i = 0; i < RUNS; i++) {
    // Queue and baseline, interleaved so both see the same load on the machine.
    const [queue, history] = await timeOpenQueue(page, [
      showing(openCount),
      `${showing(openCount, INCIDENTS)} && ${isHistoryLoaded}`,
    ]);
    queueRuns.push(queue!);
    historyRuns.push(history!);
    const [empty] = await timeOpenQueue(emptyPage, [`!!${q('[data-testid="incident-empty"]')}`]);
    emptyRuns.push(empty!);
    rowsInDom = await page.locator('[data-testid="incident-row"]').count();
    // Filters on the queue just opened, once it holds every incident: every state, then P1 only,
    // then back and a service typed.
    stateRuns.push(
      await timeInPage(page, select('incident-filter-state', 'all'), showing(INCIDENTS, INCIDENTS)),
    );
    priorityRuns.push(
      await timeInPage(page, select('incident-filter-priority', 'P1'), showing(p1Count, INCIDENTS)),
    );
    await timeInPage(
      page,
      select('incident-filter-priority', 'all'),
      showing(INCIDENTS, INCIDENTS),
    );
    const perKey: number[] = [];
    for (const [k, t] of keys.entries())
      perKey.push(await timeInPage(page, type(t), showing(keyCounts[k]!, INCIDENTS)));
    typeRuns.push(Math.max(...perKey));
    await timeInPage(page, type(''), showing(INCIDENTS, INCIDENTS));
    // Sort every incident by when it opened (oldest first).
    sortRuns.push(
      await timeInPage(
        page,
        click('[data-testid="incident-sort-opened"]'),
        `${q('[data-testid="incident-row"]')}?.dataset.incidentId === ${JSON.stringify(String(oldest.id))}`,
      ),
    );
  }

  const filterMedian = Math.max(median(stateRuns), median(priorityRuns), median(typeRuns));
  console.log(
    `queue render (${count(INCIDENTS)} incidents held, ${count(openCount)} open shown, ${rowsInDom} rows in the DOM): ${runsOf(queueRuns)}`,
  );
  console.log(
    `every incident held (the queue's rows for any filter; from the same click): ${runsOf(historyRuns)}`,
  );
  console.log(`filter state → all (${count(INCIDENTS)} shown): ${runsOf(stateRuns)}`);
  console.log(`filter priority → P1 (${count(p1Count)} shown): ${runsOf(priorityRuns)}`);
  console.log(
    `filter text "${term}" typed key by key (${keyCounts.map(count).join(' → ')} shown; slowest key): ${runsOf(typeRuns)}`,
  );
  console.log(`sort by opened (${count(INCIDENTS)} rows): ${runsOf(sortRuns)}`);
  console.log(`baseline (empty queue, fresh second console): ${runsOf(emptyRuns)}`);
  console.log(
    `incidentQueue: median ${ms(median(queueRuns))} queue, ${ms(filterMedian)} filter with ${count(INCIDENTS)} incidents and ${count(ALERTS)} alerts (baseline: empty queue ${ms(median(emptyRuns))})`,
  );
} finally {
  for (const cleanup of cleanups) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
  }
}
