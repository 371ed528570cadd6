// incidents.changed: one notice per burst of changes, sent after the commit, carrying the counts the
// navigation and the window title show (open incidents by priority, firing alerts; drills left out).
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract.ts';
import { firing, resolved, setUpIncidents } from './incidentSite.ts';

const llamaLatency = firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' });

describe('incidents.changed', () => {
  it('is sent once per burst, after the commit, with open incidents by priority and firing alerts', async () => {
    const site = setUpIncidents();
    const heard: EventPayload<'incidents.changed'>[] = [];
    site.events.on((event, payload) => {
      if (event === 'incidents.changed') heard.push(payload as EventPayload<'incidents.changed'>);
    });
    const next = site.nextEvent('incidents.changed');
    const a = site.send(llamaLatency);
    const b = site.send(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu' }));
    site.send(firing({ alertname: 'QueueDepthHigh', service: 'llama-3-8b' }));
    const payload = await next;
    expect(payload).toEqual({
      incidentIds: [...a.incidentIds, ...b.incidentIds].sort((x, y) => x - y),
      isAlertsChanged: true,
      counts: { open: 2, byPriority: { P1: 0, P2: 0, P3: 0, P4: 2, P5: 0 }, firingAlerts: 3 },
    });
    expect(heard).toHaveLength(1);

    const second = site.nextEvent('incidents.changed');
    site.send(resolved(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu' })));
    expect(await second).toMatchObject({
      incidentIds: b.incidentIds,
      counts: { open: 1, firingAlerts: 2 },
    });
    expect(heard).toHaveLength(2);
  });

  it('is not sent for a redelivery that changed nothing', async () => {
    const site = setUpIncidents();
    const first = site.nextEvent('incidents.changed');
    site.send(llamaLatency);
    await first;
    const heard: string[] = [];
    site.events.on((event) => heard.push(event));
    site.send(llamaLatency);
    // A later real change arrives alone: the redelivery before it made no event of its own.
    const next = site.nextEvent('incidents.changed');
    site.send(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu' }));
    await next;
    expect(heard).toEqual(['incidents.changed']);
  });

  it('leaves drills out of the counts', async () => {
    const site = setUpIncidents();
    const next = site.nextEvent('incidents.changed');
    site.send(firing({ alertname: 'GPUThermalThrottling', cluster: 'dc1-gpu', drill: 'yes' }));
    expect((await next).counts.open).toBe(0);
  });
});
