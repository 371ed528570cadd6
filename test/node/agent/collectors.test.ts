// The agent's GPU and inference-server collectors as the sampler runs them: canonical names and
// labels, state events once per change, and scrapes of real expositions served over local HTTP.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GpuProbeResult } from '../../../agent/collectors/gpu.ts';
import { createGpuCollector } from '../../../agent/collectors/gpuCollector.ts';
import { createScrapeCollector } from '../../../agent/collectors/scrape.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { fixture } from '../../helpers/fixtures.ts';
import { startTestAgent } from './agentFixture.ts';

// The capture's own field order (smi-query-idle-nounits.csv): the stand-in ignores the query.
const CAPTURE_FIELDS = [
  'timestamp',
  'name',
  'uuid',
  'index',
  'pci.bus_id',
  'driver_version',
  'vbios_version',
  'pstate',
  'temperature.gpu',
  'temperature.memory',
  'utilization.gpu',
  'utilization.memory',
  'memory.total',
  'memory.used',
  'memory.free',
  'power.draw',
  'power.limit',
  'enforced.power.limit',
  'clocks.current.sm',
  'clocks.current.memory',
  'clocks.max.sm',
  'clocks_event_reasons.active',
  'clocks_event_reasons.active',
  'ecc.mode.current',
  'ecc.errors.corrected.volatile.total',
  'ecc.errors.uncorrected.volatile.total',
  'retired_pages.pending',
  'remapped_rows.pending',
  'remapped_rows.failure',
  'fan.speed',
  'compute_mode',
  'mig.mode.current',
  'pcie.link.gen.current',
  'pcie.link.width.current',
];

function fakeSmi(script: string): string {
  const path = join(tempDir('mirqab-smi-'), 'nvidia-smi');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
});

/** A local exporter: each request is answered by the current handler. */
type Handler = { current: (res: ServerResponse) => void };

async function exporter(handler: Handler): Promise<string> {
  const server = createServer((_req, res) => handler.current(res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

const serveFixture =
  (name: string, type = 'text/plain; version=0.0.4') =>
  (res: ServerResponse) =>
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(fixture('metrics', name)));

describe('GPU collector', () => {
  it('turns a real H100 nvidia-smi capture into canonical gpu_* samples labelled { gpu, uuid }', async () => {
    const binary = fakeSmi(`cat '${fixture('nvidia-smi', 'smi-query-idle-nounits.csv')}'`);
    const collector = createGpuCollector({
      intervalMs: 5000,
      binary,
      fields: CAPTURE_FIELDS,
      now: () => 1000,
    });
    const { samples, events } = await collector.collect();
    expect(events).toEqual([]);
    const byName = Object.fromEntries(samples.map((s) => [s.metric, s.value]));
    expect(byName).toMatchObject({
      gpu_utilization_percent: 0,
      gpu_memory_total_bytes: 81559 * 1024 * 1024,
      gpu_temperature_celsius: 39,
      gpu_power_watts: 116.46,
      gpu_power_limit_watts: 700,
      gpu_sm_clock_mhz: 390,
      gpu_memory_clock_mhz: 2619,
      gpu_clock_event_reasons_mask: 1,
      gpu_ecc_uncorrected_total: 0,
      gpu_remapped_rows_pending: 0,
      gpu_pstate: 0,
    });
    const labels = { gpu: '0', uuid: 'GPU-095784a7-e3cc-5c07-4ee5-965329282ed7' };
    const measured = samples.filter((s) => s.metric !== 'gpu_info');
    expect(new Set(measured.map((s) => JSON.stringify(s.labels)))).toEqual(
      new Set([JSON.stringify(labels)]),
    );
    // The model name rides on one identity sample, so no measured series changes its labels.
    expect(samples.filter((s) => s.metric === 'gpu_info')).toEqual([
      {
        metric: 'gpu_info',
        labels: { ...labels, name: 'NVIDIA H100 80GB HBM3' },
        value: 1,
        tsMs: 1000,
      },
    ]);
    expect(samples.every((s) => s.tsMs === 1000)).toBe(true);
  });

  it('reports nvidia-smi missing or failing as a gpu_state event once per change of state', async () => {
    const script: GpuProbeResult[] = [
      { state: 'absent', reason: 'nvidia-smi not found' },
      { state: 'absent', reason: 'nvidia-smi not found' },
      { state: 'ok', gpus: [], fields: [], warnings: [] },
      {
        state: 'failed',
        reason: 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver',
      },
      {
        state: 'failed',
        reason: 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver',
      },
    ];
    const collector = createGpuCollector({
      intervalMs: 5000,
      probe: () => Promise.resolve(script.shift()!),
    });
    const states: unknown[][] = [];
    for (let i = 0; i < 5; i++)
      states.push(
        (await collector.collect()).events.map((e) => [e.kind, e.severity, e.details.state]),
      );
    expect(states).toEqual([
      [['gpu_state', 'warning', 'absent']],
      [],
      [['gpu_state', 'info', 'ok']],
      [['gpu_state', 'critical', 'failed']],
      [],
    ]);
  });

  it('a host without nvidia-smi reports absent, not a crash', async () => {
    const collector = createGpuCollector({
      intervalMs: 5000,
      binary: join(tempDir(), 'no-nvidia-smi'),
    });
    const { samples, events } = await collector.collect();
    expect(samples).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'gpu_state',
        details: expect.objectContaining({ state: 'absent' }) as unknown,
      }),
    ]);
  });
});

describe('scrape collector', () => {
  it('scrapes vLLM and Triton expositions into canonical signals labelled with model and version, and up=1', async () => {
    const handler: Handler = { current: serveFixture('vllm_datadog_fixture.txt') };
    const url = await exporter(handler);
    const vllm = await createScrapeCollector({
      url,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(vllm.events).toEqual([]);
    expect(vllm.samples).toContainEqual(
      expect.objectContaining({ metric: 'up', labels: { target: url, server: 'vllm' }, value: 1 }),
    );
    expect(vllm.samples).toContainEqual(
      expect.objectContaining({
        metric: 'in_flight_requests',
        labels: { server: 'vllm', model: 'facebook/opt-125m' },
        value: 0,
      }),
    );
    expect(
      vllm.samples.some(
        (s) => s.metric === 'latency_p99_seconds' && s.labels.model === 'facebook/opt-125m',
      ),
    ).toBe(true);

    handler.current = serveFixture('triton_datadog_fixture.txt');
    const triton = await createScrapeCollector({
      url,
      server: 'triton',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(triton.samples).toContainEqual(
      expect.objectContaining({
        metric: 'requests_total',
        labels: { server: 'triton', model: 'simple_string', version: '1' },
      }),
    );

    handler.current = serveFixture('dcgm_exporter_datadog_fixture.txt');
    const dcgm = await createScrapeCollector({
      url,
      server: 'dcgm',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(dcgm.samples).toContainEqual(
      expect.objectContaining({
        metric: 'gpu_utilization_percent',
        labels: { gpu: '0', uuid: 'GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e' },
      }),
    );
  });

  it('labels TGI signals, which name no model, with the model and version from the scrape target; exposition labels win', async () => {
    const handler: Handler = { current: serveFixture('tgi_datadog_fixture_excerpt.txt') };
    const url = await exporter(handler);
    const unlabelled = await createScrapeCollector({
      url,
      server: 'tgi',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(unlabelled.samples).toContainEqual(
      expect.objectContaining({ metric: 'requests_total', labels: { server: 'tgi' }, value: 111 }),
    );

    const model = 'meta-llama/Llama-3.1-8B-Instruct';
    const tgi = await createScrapeCollector({
      url,
      server: 'tgi',
      intervalMs: 10_000,
      timeoutMs: 2000,
      model,
      version: '3',
    }).collect();
    expect(tgi.samples).toContainEqual(
      expect.objectContaining({
        metric: 'requests_total',
        labels: { server: 'tgi', model, version: '3' },
        value: 111,
      }),
    );
    expect(tgi.samples).toContainEqual(
      expect.objectContaining({
        metric: 'errors_total',
        labels: { server: 'tgi', model, version: '3' },
        value: 2,
      }),
    );
    const modelSignals = tgi.samples.filter((s) => s.metric !== 'up');
    expect(modelSignals.length).toBeGreaterThan(0);
    expect(modelSignals.every((s) => s.labels.model === model && s.labels.version === '3')).toBe(
      true,
    );
    expect(tgi.samples).toContainEqual(
      expect.objectContaining({ metric: 'up', labels: { target: url, server: 'tgi' }, value: 1 }),
    );

    // vLLM names its model: the configured model does not override it, nor lends it its version.
    handler.current = serveFixture('vllm_datadog_fixture.txt');
    const vllm = await createScrapeCollector({
      url,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 2000,
      model,
      version: '3',
    }).collect();
    expect(vllm.samples).toContainEqual(
      expect.objectContaining({
        metric: 'in_flight_requests',
        labels: { server: 'vllm', model: 'facebook/opt-125m' },
      }),
    );
    expect(vllm.samples.some((s) => s.labels.model === model || s.labels.version === '3')).toBe(
      false,
    );
  });

  it('a failing target yields up=0 and one scrape_failed event per change of state', async () => {
    const handler: Handler = {
      current: (res) => void res.writeHead(503, 'Service Unavailable').end('down'),
    };
    const url = await exporter(handler);
    const collector = createScrapeCollector({
      url,
      server: 'triton',
      intervalMs: 10_000,
      timeoutMs: 2000,
    });
    const first = await collector.collect();
    expect(first.samples).toEqual([expect.objectContaining({ metric: 'up', value: 0 })]);
    expect(first.events).toEqual([
      expect.objectContaining({
        kind: 'scrape_failed',
        severity: 'warning',
        message: expect.stringContaining('HTTP 503') as unknown,
      }),
    ]);
    expect((await collector.collect()).events).toEqual([]);
    handler.current = serveFixture('triton_datadog_fixture.txt');
    const recovered = await collector.collect();
    expect(recovered.events).toEqual([
      expect.objectContaining({
        kind: 'scrape_failed',
        severity: 'info',
        details: expect.objectContaining({ state: 'ok' }) as unknown,
      }),
    ]);
    expect(recovered.samples).toContainEqual(expect.objectContaining({ metric: 'up', value: 1 }));
  });

  it('gives up on a target that hangs, one that sends too much, and one that is not metrics text', async () => {
    const handler: Handler = { current: () => {} }; // never answers
    const url = await exporter(handler);
    const hung = await createScrapeCollector({
      url,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 200,
    }).collect();
    expect(hung.events[0]?.message).toMatch(/no answer within 200 ms/);

    handler.current = serveFixture('vllm_datadog_fixture.txt');
    const huge = await createScrapeCollector({
      url,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 2000,
      maxBytes: 1024,
    }).collect();
    expect(huge.events[0]?.message).toMatch(/exceeds 1024 bytes/);
    expect(huge.samples).toEqual([expect.objectContaining({ metric: 'up', value: 0 })]);

    handler.current = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>{{{ not metrics</html>\n');
    };
    const html = await createScrapeCollector({
      url,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(html.events[0]?.message).toMatch(/not prometheus text/);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await createScrapeCollector({
      url: `http://127.0.0.1:${port}/metrics`,
      server: 'vllm',
      intervalMs: 10_000,
      timeoutMs: 2000,
    }).collect();
    expect(refused.events[0]?.message).toMatch(/ECONNREFUSED/);
  });
});

describe('startAgent', () => {
  it('runs the GPU and scrape collectors the config names, by default', async () => {
    const url = await exporter({ current: serveFixture('triton_datadog_fixture.txt') });
    const t = await startTestAgent({
      yaml: `collectors:\n  gpu: { intervalMs: 60000, nvidiaSmiPath: ${join(tempDir(), 'none')} }\n  scrape:\n    - { url: '${url}', server: triton, intervalMs: 60000 }`,
    });
    const started = t.logs.records.find((r) => r.message === 'agent started');
    expect(started?.fields.collectors).toEqual(['gpu', `scrape:${url}`, 'scripted']);
  });

  it("a TGI scrape target's model and version from the YAML config reach the spooled samples", async () => {
    const url = await exporter({ current: serveFixture('tgi_datadog_fixture_excerpt.txt') });
    const t = await startTestAgent({
      yaml: `collectors:\n  scrape:\n    - url: '${url}'\n      server: tgi\n      intervalMs: 60000\n      model: mistralai/Mistral-7B-Instruct-v0.3\n      version: 2`,
    });
    await t.produce({ samples: [], events: [] });
    const batch = t.agent.spool.contents(t.agent.spool.next(0)!) as {
      samples: { metric: string; labels: Record<string, string> }[];
    };
    expect(batch.samples.find((s) => s.metric === 'requests_total')?.labels).toEqual({
      server: 'tgi',
      model: 'mistralai/Mistral-7B-Instruct-v0.3',
      version: '2',
    });
  });
});
