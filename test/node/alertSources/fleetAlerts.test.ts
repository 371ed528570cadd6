// The alert sources against a real simulated fleet: faults injected into real agents raise alerts
// with the labels responders route on, and the alerts resolve once the fault is over.
import { describe, expect, it } from 'vitest';
import { labelsFingerprint, type IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { AlertRuleService } from '../../../main/incidents/sources/index.ts';
import { ADMIN, CLUSTER, startSimulatedSite } from './simulatedSite.ts';

const HOST = 'sim-gpu-01';
const firing = (alertname: string) => (a: IncomingAlert) =>
  a.status === 'firing' && a.labels.alertname === alertname;
const resolved = (alertname: string) => (a: IncomingAlert) =>
  a.status === 'resolved' && a.labels.alertname === alertname;

describe('alert sources on a simulated fleet', () => {
  it('an overheating GPU raises a thermal-slowdown warning for that host and GPU, resolved once it has cooled', async () => {
    const site = await startSimulatedSite();
    await site.step();
    await site.sim.inject({
      kind: 'thermal_throttle',
      target: { host: HOST, gpu: 0 },
      durationSeconds: 240,
    });
    const alert = await site.stepUntil(firing('GpuThermalSlowdown'), 'thermal slowdown alert');
    const identity = { alertname: 'GpuThermalSlowdown', cluster: CLUSTER, host: HOST, gpu: '0' };
    expect(alert).toMatchObject({
      source: 'agent',
      status: 'firing',
      rule: 'GpuThermalSlowdown',
      severity: 'warning',
      fingerprint: labelsFingerprint(identity),
      labels: { ...identity, severity: 'warning' },
      summary: `GPU 0 on ${HOST}: clocks slowed down by temperature`,
    });
    // Dated from when the slowdown began, a sustained minute before it fired.
    expect(site.clock.now().getTime() - alert.startsAtMs).toBeGreaterThanOrEqual(60_000);
    // The rule editor offers what the fleet reports, with where it runs.
    const signals = new AlertRuleService({ store: () => site.db, clock: site.clock }).signals();
    expect(signals.metrics.find((m) => m.name === 'gpu_temperature_celsius')).toEqual({
      name: 'gpu_temperature_celsius',
      labelNames: ['cluster', 'gpu', 'host', 'uuid'],
    });
    expect(signals.labelValues).toMatchObject({
      cluster: [CLUSTER],
      host: [HOST],
      gpu: ['0', '1'],
      model: ['llama-3-8b'],
    });
    // Only that GPU, and one alert (the HW slowdown bit the heat also sets is not a second one).
    expect(site.received.filter((a) => a.labels.gpu === '1')).toEqual([]);
    expect(site.received.filter(firing('GpuHwSlowdown'))).toEqual([]);

    const end = await site.stepUntil(resolved('GpuThermalSlowdown'), 'thermal slowdown resolution');
    expect(end).toMatchObject({ fingerprint: alert.fingerprint, startsAtMs: alert.startsAtMs });
    expect(end.endsAtMs).toBeGreaterThan(alert.startsAtMs);
    expect(site.sim.activeFaults()).toEqual([]);
    // Each was said once: no re-sending while the condition held.
    expect(site.received.filter((a) => a.fingerprint === alert.fingerprint)).toHaveLength(2);
  }, 120_000);

  it('an Xid fires a critical alert naming the code, which resolves after ten quiet minutes', async () => {
    const site = await startSimulatedSite();
    await site.step();
    await site.sim.inject({
      kind: 'gpu_xid_error',
      target: { host: HOST, gpu: 1 },
      durationSeconds: 60,
    });
    const alert = await site.stepUntil(firing('GpuXidError'), 'Xid alert', 4);
    expect(alert).toMatchObject({
      severity: 'critical',
      labels: { alertname: 'GpuXidError', cluster: CLUSTER, host: HOST, gpu: '1' },
      summary: `GPU 1 on ${HOST} reported Xid 79: GPU has fallen off the bus`,
    });
    const end = await site.stepUntil(resolved('GpuXidError'), 'Xid resolution', 50);
    expect(end.endsAtMs! - alert.startsAtMs).toBeGreaterThanOrEqual(10 * 60_000);
    expect(end.endsAtMs! - alert.startsAtMs).toBeLessThan(11 * 60_000);
  }, 120_000);

  it('a host that goes down raises HostDown after a minute, resolved when its agent is back', async () => {
    const site = await startSimulatedSite();
    await site.step();
    const hostId = site.hostIds.get(HOST)!;
    await site.sim.inject({ kind: 'host_down', target: { host: HOST }, durationSeconds: 150 });
    await site.waitForFleet(
      () => site.fleet.connections.connectionState(hostId) !== 'online',
      'the console to lose the host',
    );
    const alert = await site.stepUntil(firing('HostDown'), 'host down alert', 8);
    expect(alert).toMatchObject({
      source: 'agent',
      severity: 'critical',
      labels: { alertname: 'HostDown', cluster: CLUSTER, host: HOST, severity: 'critical' },
    });
    expect(alert.summary).toMatch(new RegExp(`^${HOST} is unreachable`));
    expect(site.clock.now().getTime() - alert.startsAtMs).toBeGreaterThanOrEqual(60_000);
    // Past the fault's end the simulator starts the agent again and the console redials it.
    const end = await site.stepUntil(resolved('HostDown'), 'host down resolution', 20);
    expect(site.sim.activeFaults()).toEqual([]);
    expect(site.fleet.connections.connectionState(hostId)).toBe('online');
    expect(end.fingerprint).toBe(alert.fingerprint);
  }, 120_000);

  it('a model whose accuracy drops raises an anomaly for its service once the detector has warmed up; a threshold rule on the GPU fires and clears with hysteresis', async () => {
    const site = await startSimulatedSite();
    new AlertRuleService({ store: () => site.db, clock: site.clock }).save(
      {
        name: 'GpuTooHot',
        metric: 'gpu_temperature_celsius',
        operator: '>',
        threshold: 85,
        clearThreshold: 75,
        forSeconds: 60,
        matchers: [{ name: 'gpu', value: '0', isRegex: false, isEqual: true }],
        severity: 'critical',
        description: '',
        isEnabled: true,
      },
      undefined,
      ADMIN,
    );
    // Warm-up: twenty samples of a healthy model before the detector judges anything.
    for (let i = 0; i < 24; i++) await site.step();
    expect(site.received).toEqual([]);
    await site.sim.inject({
      kind: 'accuracy_drop',
      target: { host: HOST, model: 'llama-3-8b' },
      durationSeconds: 300,
    });
    await site.sim.inject({
      kind: 'thermal_throttle',
      target: { host: HOST, gpu: 0 },
      durationSeconds: 240,
    });
    const drop = await site.stepUntil(firing('ModelAccuracyDrop'), 'accuracy anomaly', 12);
    expect(drop).toMatchObject({
      source: 'model',
      severity: 'warning',
      labels: {
        alertname: 'ModelAccuracyDrop',
        cluster: CLUSTER,
        host: HOST,
        model: 'llama-3-8b',
        service: 'llama-3-8b',
      },
    });
    expect(drop.summary).toMatch(
      /^llama-3-8b on sim-gpu-01: accuracy \d+\.\d %, usually \d+\.\d %$/,
    );

    const hot =
      site.received.find(firing('GpuTooHot')) ??
      (await site.stepUntil(firing('GpuTooHot'), 'threshold alert', 20));
    expect(hot).toMatchObject({
      source: 'threshold',
      severity: 'critical',
      rule: 'GpuTooHot',
      labels: { alertname: 'GpuTooHot', cluster: CLUSTER, host: HOST, gpu: '0' },
    });
    expect(site.received.filter((a) => a.rule === 'GpuTooHot' && a.labels.gpu === '1')).toEqual([]);
    // Cooling below 85 is not enough: the alert holds until the GPU is under 75.
    const cleared = await site.stepUntil(resolved('GpuTooHot'), 'threshold resolution', 60);
    const temperature = site.fleet.connections.live
      .values(site.hostIds.get(HOST)!)
      .find((v) => v.metric === 'gpu_temperature_celsius' && v.labels.gpu === '0')!;
    expect(temperature.value).toBeLessThan(75);
    expect(cleared.fingerprint).toBe(hot.fingerprint);
    await site.stepUntil(resolved('ModelAccuracyDrop'), 'accuracy recovery', 60);
  }, 180_000);

  it('after a restart, an alert that cleared while the console was away is resolved, and one still holding is not raised again', async () => {
    const site = await startSimulatedSite();
    await site.step();
    await site.sim.inject({
      kind: 'gpu_xid_error',
      target: { host: HOST, gpu: 1 },
      durationSeconds: 30,
    });
    await site.sim.inject({
      kind: 'thermal_throttle',
      target: { host: HOST, gpu: 0 },
      durationSeconds: 120,
    });
    const hot = await site.stepUntil(firing('GpuThermalSlowdown'), 'thermal slowdown alert');
    const xid = site.received.find(firing('GpuXidError'))!;
    expect(xid).toBeDefined();
    // The console is away for five minutes: the GPU cools, the Xid is still recent.
    for (let i = 0; i < 20; i++) await site.step(false);
    site.restartSources();
    const sentBefore = site.received.length;
    const end = await site.stepUntil(
      resolved('GpuThermalSlowdown'),
      'resolution after restart',
      10,
    );
    expect(end).toMatchObject({ fingerprint: hot.fingerprint, startsAtMs: hot.startsAtMs });
    expect(site.received.slice(sentBefore).filter(firing('GpuXidError'))).toEqual([]);
    const xidEnd = await site.stepUntil(
      resolved('GpuXidError'),
      'Xid resolution after restart',
      40,
    );
    expect(xidEnd.endsAtMs! - xid.startsAtMs).toBeLessThan(11 * 60_000);
  }, 120_000);
});
