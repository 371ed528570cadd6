// The site's own Prometheus Alertmanager (Debian's prometheus-alertmanager, a real process) delivers
// to the console's web host with an intake token: a firing alert opens an incident, and the same
// alert posted again with an end time in the past resolves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labelsFingerprint } from '../../../shared/domain/incidents/alerts.ts';
import type { PipelineAlert } from '../../../shared/ipc/incidentSchemas.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { serve, type ServedConsole } from './intakeHttp.ts';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const hasAlertmanager = existsSync(ALERTMANAGER);
const WAIT_MS = 30_000;

const labels = {
  alertname: 'TritonHighLatency',
  service: 'fraud-scoring',
  cluster: 'inference-a',
  instance: 'gpu-node-07:8002',
  severity: 'critical',
};

let site: TestSite;
let served: ServedConsole;
let alertmanager: ChildProcess | null = null;
const alertmanagerLog: string[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves with check()'s answer once it has one: checked now and after each incidents.changed. */
function whenIncidents<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    let isDone = false;
    const finish = (error: Error | null, value?: T) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve(value as T);
    };
    const look = () => {
      check().then(
        (value) => value !== undefined && finish(null, value),
        (error: unknown) => finish(error as Error),
      );
    };
    const stop = site.app.onEvent((event) => {
      if (event === 'incidents.changed') look();
    });
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `${what} did not happen within ${WAIT_MS} ms; Alertmanager said:\n${alertmanagerLog.join('').slice(-3000)}`,
          ),
        ),
      WAIT_MS,
    );
    look();
  });
}

/** Alertmanager's API, once it answers (it takes a moment to start). */
async function alertmanagerApi(base: string, path: string, init?: RequestInit): Promise<Response> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      return await fetch(`${base}${path}`, init);
    } catch (error) {
      if (Date.now() > deadline || alertmanager?.exitCode !== null)
        throw new Error(
          `Alertmanager did not answer: ${String(error)}\n${alertmanagerLog.join('')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100)); // reason: polling a process that is starting
    }
  }
}

const streamed = async () =>
  (await site.admin.must('alertStream.list', { sources: ['alertmanager'] })).filter(
    (a) => a.rule === labels.alertname,
  );

beforeAll(async () => {
  if (!hasAlertmanager) return;
  site = await setUpSite();
  served = await serve(site.app);
}, 60_000);
afterAll(async () => {
  if (alertmanager && alertmanager.exitCode === null) {
    alertmanager.kill('SIGTERM');
    await once(alertmanager, 'exit');
  }
  await served?.close();
  site?.cleanup();
});

const name =
  "a real Alertmanager's firing alert opens an incident and its resolution resolves the alert";

it.skipIf(!hasAlertmanager)(
  hasAlertmanager
    ? name
    : `${name} (skipped: ${ALERTMANAGER} is not installed; apt-get install prometheus-alertmanager)`,
  async () => {
    const { token } = await site.admin.must('intake.createToken', { name: 'dc1-alertmanager' });
    const dir = tempDir('mirqab-alertmanager-');
    const config = join(dir, 'alertmanager.yml');
    writeFileSync(
      config,
      [
        'route:',
        '  receiver: mirqab',
        '  group_by: [alertname, service]',
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: mirqab',
        '    webhook_configs:',
        `      - url: ${served.host.intakeUrl}`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        `            credentials: ${token}`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    alertmanager = spawn(
      ALERTMANAGER,
      [
        `--config.file=${config}`,
        `--storage.path=${dir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=debug',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    alertmanager.stderr!.on('data', (chunk: Buffer) => alertmanagerLog.push(chunk.toString()));
    expect((await alertmanagerApi(base, '/-/ready')).ok).toBe(true);

    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const post = (alert: Record<string, unknown>) =>
      alertmanagerApi(base, '/api/v2/alerts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([alert]),
      });
    const alert = {
      labels,
      annotations: { summary: 'p99 latency of fraud-scoring above 800 ms for 10m' },
      startsAt,
      generatorURL: 'http://prometheus.dc1.example:9090/graph?g0.expr=up',
    };
    expect((await post(alert)).status).toBe(200);

    const firing = await whenIncidents(async () => {
      const [row] = await streamed();
      return row?.state === 'firing' && row.incidentId !== null ? row : undefined;
    }, 'the firing alert opening an incident');
    expect(firing).toMatchObject<Partial<PipelineAlert>>({
      source: 'alertmanager',
      severity: 'critical',
      summary: 'p99 latency of fraud-scoring above 800 ms for 10m',
      service: 'fraud-scoring',
      sourceRef: 'http://prometheus.dc1.example:9090/graph?g0.expr=up',
    });
    // The fingerprint Alertmanager itself gives the alert is the one the console keyed it by.
    const listed = (await (await alertmanagerApi(base, '/api/v2/alerts')).json()) as {
      fingerprint: string;
    }[];
    expect(listed.map((a) => a.fingerprint)).toEqual([firing.fingerprint]);
    expect(labelsFingerprint(labels)).toBe(firing.fingerprint);
    const incident = await site.admin.must('incidents.get', { id: firing.incidentId! });
    expect(incident).toMatchObject({ state: 'new', service: 'fraud-scoring' });
    expect(incident.alerts.map((a) => a.id)).toEqual([firing.id]);

    expect(
      (await post({ ...alert, endsAt: new Date(Date.now() - 1000).toISOString() })).status,
    ).toBe(200);
    const resolved = await whenIncidents(async () => {
      const [row] = await streamed();
      return row?.state === 'resolved' ? row : undefined;
    }, 'the resolved alert reaching the console');
    expect(resolved.id).toBe(firing.id);
    expect((await streamed()).length).toBe(1);
    // Its only alert resolved, so the incident resolved with it.
    expect((await site.admin.must('incidents.get', { id: firing.incidentId! })).state).toBe(
      'resolved',
    );

    const { entries } = await site.admin.must('audit.list', { action: 'intake.alertmanager' });
    expect(entries.map((e) => e.details)).toContainEqual(
      expect.objectContaining({ alerts: 1, firing: 1, resolved: 0 }),
    );
    expect(entries.map((e) => e.details)).toContainEqual(
      expect.objectContaining({ alerts: 1, firing: 0, resolved: 1 }),
    );
    alertmanager.kill('SIGTERM');
    await once(alertmanager, 'exit');
  },
  90_000,
);
