// Alert to incident, against the issue target "from an alert entering the pipeline (SLO, agent event and
// Alertmanager each) to the incident visible to a subscribed client: p95 under 1 s".
// One real console (encrypted store, web host on 127.0.0.1) and a client signed in over the web host's
// WebSocket, as the renderer is. The client hears incidents.changed, asks for each changed incident and
// notes the moment an alert first appears in it; the alert's receivedAt (stamped by the pipeline as the
// alert enters it, on the console's clock) is the start. Three sources, each its real path:
//   Alertmanager: ALERTS deliveries of Alertmanager's webhook payload (version 4) POSTed with an intake
//                 token to /intake/alertmanager (also reported from the POST itself);
//   agent event:  the demo site's simulated agents (real wss + mTLS) given GPU Xid faults, one GPU at a time;
//   SLO:          SERVICES model services whose requests start failing; the console's own evaluator fires
//                 their burn-rate alerts in one cycle (the bench moves the console's clock past an hour).
// Baseline in the same run: the real peer, Debian's prometheus-alertmanager, from an alert POSTed to its
// API to its webhook notification arriving at a local receiver (group_wait 0s), ALERTS times.
// Env: ALERTS (100), SERVICES (50).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../main/host/server.ts';
import { silentLogger } from '../main/log.ts';
import { upsertSlo } from '../main/slo/sloRepository.ts';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import { SloSpecSchema } from '../shared/domain/slo/spec.ts';
import { MINUTE_MS } from '../shared/domain/time.ts';
import type { IncidentDetail } from '../shared/ipc/incidentSchemas.ts';
import { ADMIN_PASSWORD, machineLine, startBenchConsole } from './support/console.ts';
import { connectClient } from './support/wsClient.ts';

const ALERTS = Number(process.env.ALERTS ?? 100);
const SERVICES = Number(process.env.SERVICES ?? 50);
const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const figures = (values: number[]) =>
  `n ${values.length}, median ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

/** The console's clock: the wall clock, moved on by the bench to let an hour of failures accrue at once. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

console.log(machineLine());

// ── The store: SERVICES model services, healthy for two hours, then every request failing from now on ──
const c = await startBenchConsole();
const { dataDir, recoveryKey, clusterId } = c;
c.close();
{
  const db = openStore(dataDir, parseRecoveryKey(recoveryKey));
  const now = Date.now() - (Date.now() % MINUTE_MS);
  const rollup = db.prepare(
    'INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < SERVICES; i++) {
      const at = new Date().toISOString();
      const hostId = Number(
        db
          .prepare(
            `INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, revoked_at, state)
             VALUES (?, ?, '127.0.0.1:1', ?, 'x', ?, ?, 'revoked')`,
          )
          .run(`bench-${i}`, `infer-${i}`, clusterId, at, at).lastInsertRowid,
      );
      const series = (metric: string) =>
        Number(
          db
            .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
            .run(hostId, metric, JSON.stringify({ model: `model-${i}`, version: 'v1' }))
            .lastInsertRowid,
        );
      const requests = series('requests_total');
      const errors = series('errors_total');
      let r = 0;
      let e = 0;
      for (let t = now - 120 * MINUTE_MS; t < now + 90 * MINUTE_MS; t += MINUTE_MS) {
        r += 1000;
        e += t >= now ? 1000 : 0;
        rollup.run(requests, t, r, r, r, r, t + 30_000);
        rollup.run(errors, t, e, e, e, e, t + 30_000);
      }
      upsertSlo(
        db,
        SloSpecSchema.parse({
          name: `model-${i}-availability`,
          service: { model: `model-${i}` },
          indicator: { type: 'availability', source: { kind: 'canonical' } },
          window: { type: 'rolling', days: 7 },
          objective: 0.999,
        }),
        'bench',
        new Date(),
      );
    }
  })();
  closeStore(db);
}

const bench = await startBenchConsole.reopen(
  dataDir,
  recoveryKey,
  {},
  { clock, slo: { evaluateEveryMs: 500 } },
);
const rendererDir = mkdtempSync(join(tmpdir(), 'mirqab-bench-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mirqab</title>');
const host = await startHost({ app: bench.app, rendererDir, port: 0, logger: silentLogger });
const client = await connectClient(host, 'admin', ADMIN_PASSWORD);

/** When each alert (by fingerprint) was first seen in an incident by the client, on the console's clock. */
const seen = new Map<string, { latencyMs: number; source: string; seenAt: number }>();
const waiters: (() => void)[] = [];
client.onEvent((event, payload) => {
  if (event !== 'incidents.changed') return;
  for (const id of (payload as { incidentIds: number[] }).incidentIds) {
    void client.call<IncidentDetail>('incidents.get', { id }).then((detail) => {
      const at = clock.now().getTime();
      for (const alert of detail.alerts) {
        if (seen.has(alert.fingerprint)) continue;
        seen.set(alert.fingerprint, {
          latencyMs: at - Date.parse(alert.receivedAt),
          source: alert.source,
          seenAt: at,
        });
      }
      for (const wake of waiters.splice(0)) wake();
    });
  }
});
async function until(check: () => boolean, what: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 1000).unref();
    });
  }
}
const latencies = (source: string) =>
  [...seen.values()].filter((s) => s.source === source).map((s) => s.latencyMs);

// ── Alertmanager deliveries to the intake ──
const { token } = await bench.admin.must('intake.createToken', { name: 'bench' });
const postToIncident: number[] = [];
for (let i = 0; i < ALERTS; i++) {
  const labels = {
    alertname: `BenchLatency${i}`,
    service: `am-service-${i}`,
    severity: 'critical',
  };
  const body = JSON.stringify({
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'mirqab',
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: { summary: `p99 latency over 2 s on am-service-${i}` },
    externalURL: 'http://alertmanager.bench:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `p99 latency over 2 s on am-service-${i}` },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.bench:9090/graph',
        fingerprint: `bench${i.toString(16).padStart(12, '0')}`,
      },
    ],
  });
  const before = seen.size;
  const t0 = clock.now().getTime();
  const response = await fetch(host.intakeUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200) throw new Error(`intake answered ${response.status}`);
  await until(() => seen.size > before, 'the Alertmanager incident');
  postToIncident.push(Math.max(...[...seen.values()].map((s) => s.seenAt)) - t0);
}
console.log(`alertmanager → incident (from the pipeline): ${figures(latencies('alertmanager'))}`);
console.log(`alertmanager → incident (from the HTTP POST): ${figures(postToIncident)}`);

// ── SLO burn-rate alerts: an hour of failures arrives at once ──
// (Before the demo site starts: moving the clock on an hour would have its simulated agents catch up an
// hour of samples while the alerts are timed.)
// Sessions lock after 15 idle minutes: the client must stay signed in across the hour.
await bench.admin.must('settings.update', { lockAfterMinutes: 480 });
offsetMs = 65 * MINUTE_MS;
await until(() => latencies('slo').length >= SERVICES, `${SERVICES} SLO incidents`);
console.log(`SLO burn-rate alert → incident (from the pipeline): ${figures(latencies('slo'))}`);

// ── Agent events: GPU Xid faults on the demo site's simulated agents ──
await bench.admin.must('fleet.startDemo', { hosts: 2, gpusPerHost: 8 });
// Streaming first: an Xid already in a GPU's first reading may be days old, so it does not fire.
let demoHosts: { name: string; state: string; gpuCount: number }[] = [];
for (let wait = 0; wait < 60; wait++) {
  demoHosts = (await bench.admin.must('fleet.list', {})).filter((h) => h.simulated);
  if (demoHosts.length === 2 && demoHosts.every((h) => h.state === 'online' && h.gpuCount === 8))
    break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
const faultToIncident: number[] = [];
for (const h of demoHosts) {
  for (let gpu = 0; gpu < 8; gpu++) {
    const before = latencies('agent').length;
    const t0 = clock.now().getTime();
    await bench.admin.must('fleet.demoFault', {
      kind: 'gpu_xid_error',
      target: { host: h.name, gpu },
      durationSeconds: 3600,
    });
    await until(() => latencies('agent').length > before, `the Xid alert of ${h.name} GPU ${gpu}`);
    faultToIncident.push(
      Math.max(...[...seen.values()].filter((s) => s.source === 'agent').map((s) => s.seenAt)) - t0,
    );
  }
}
console.log(`agent event → incident (from the pipeline): ${figures(latencies('agent'))}`);
console.log(
  `agent event → incident (from the fault, incl. the agent's sampling and the sources' evaluation): ${figures(faultToIncident)}`,
);

client.close();
await host.close();
bench.cleanup();
rmSync(rendererDir, { recursive: true, force: true });

// ── Baseline: Alertmanager's own alert-to-notification time ──
async function alertmanagerBaseline(): Promise<number[] | null> {
  if (!existsSync(ALERTMANAGER)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-am-'));
  const arrived = new Map<string, number>();
  const receiver: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const payload = JSON.parse(text) as { alerts: { labels: Record<string, string> }[] };
      for (const a of payload.alerts) arrived.set(a.labels.alertname!, performance.now());
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookPort = (receiver.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const amPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    `route:
  receiver: bench
  group_by: ['alertname']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: bench
    webhook_configs:
      - url: http://127.0.0.1:${hookPort}/hook
        send_resolved: false
`,
  );
  const am: ChildProcess = spawn(
    ALERTMANAGER,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ],
    { stdio: 'ignore' },
  );
  const api = `http://127.0.0.1:${amPort}`;
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${api}/-/ready`).catch(() => null);
      if (ready?.ok) break;
      if (i > 100) throw new Error('Alertmanager did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const times: number[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const alertname = `BaselineLatency${i}`;
      const t0 = performance.now();
      const response = await fetch(`${api}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            labels: { alertname, service: `am-service-${i}`, severity: 'critical' },
            annotations: { summary: `p99 latency over 2 s on am-service-${i}` },
            startsAt: new Date().toISOString(),
          },
        ]),
      });
      if (!response.ok) throw new Error(`Alertmanager answered ${response.status}`);
      for (let wait = 0; !arrived.has(alertname); wait++) {
        if (wait > 3000) throw new Error(`no notification for ${alertname}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      times.push(arrived.get(alertname)! - t0);
    }
    return times;
  } finally {
    const exited = new Promise((resolve) => am.once('exit', resolve));
    am.kill();
    await exited;
    receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = await alertmanagerBaseline();
if (baseline)
  console.log(`baseline: Alertmanager 0.25 alert → webhook notification: ${figures(baseline)}`);
else
  console.log(
    'baseline: prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)',
  );

const all = [...latencies('alertmanager'), ...latencies('agent'), ...latencies('slo')];
console.log(
  `incidents: p95 ${quantile(all, 0.95).toFixed(0)} ms alert-to-incident (baseline: ${
    baseline
      ? `Alertmanager p95 ${quantile(baseline, 0.95).toFixed(0)} ms alert-to-notification`
      : 'n/a'
  })`,
);
process.exit(0);
