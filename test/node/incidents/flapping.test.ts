// Flapping: an alert that keeps resolving and firing again is held back instead of paging, until it
// settles.
import { describe, expect, it } from 'vitest';
import { firing, MINUTE, resolved, setUpIncidents } from './incidentSite.ts';

const llamaLatency = firing({ alertname: 'InferenceLatencyHigh', service: 'llama-3-8b' });

describe('flapping', () => {
  it('an alert that resolved 3 times within 30 minutes is held back on its next firing', () => {
    const site = setUpIncidents();
    const [id] = site.send(llamaLatency).incidentIds;
    for (let i = 0; i < 3; i += 1) {
      site.clock.advance(4 * MINUTE);
      site.send(resolved(llamaLatency));
      site.clock.advance(4 * MINUTE);
      if (i < 2) expect(site.send(llamaLatency).incidentIds).toEqual([id]);
    }
    const flapping = site.send(llamaLatency);
    expect(flapping.openedIncidentIds).toEqual([]);
    expect(flapping.incidentIds).toEqual([]);
    expect(site.alert(flapping.alertIds[0]!)).toMatchObject({
      state: 'suppressed',
      isFlapping: true,
      incidentId: null,
    });
    expect(site.incidents.detail(id!).state).toBe('resolved');
    expect(site.incidents.list({ limit: 10 }).total).toBe(1);
    expect(site.incidents.counts()).toMatchObject({ open: 0, firingAlerts: 0 });
  });

  it('a flapping alert that then keeps firing past the flap window opens an incident', () => {
    const site = setUpIncidents();
    site.send(llamaLatency);
    for (let i = 0; i < 3; i += 1) {
      site.clock.advance(2 * MINUTE);
      site.send(resolved(llamaLatency));
      site.clock.advance(2 * MINUTE);
      site.send(llamaLatency);
    }
    expect(site.stream.list({ states: ['suppressed'], limit: 10 })).toHaveLength(1);
    // It stops flapping and holds for longer than the window: the console's periodic sweep runs
    // and Alertmanager re-sends it, as it does every repeat interval.
    for (let minutes = 0; minutes < 60; minutes += 5) {
      site.clock.advance(5 * MINUTE);
      site.stream.sweep();
      site.send(llamaLatency);
    }
    expect(site.stream.list({ states: ['firing'], limit: 10 })).toEqual([
      expect.objectContaining({ fingerprint: llamaLatency.fingerprint }),
    ]);
    expect(site.incidents.counts().open).toBe(1);
  });

  it('three resolutions spread over more than 30 minutes are not flapping', () => {
    const site = setUpIncidents();
    site.send(llamaLatency);
    for (let i = 0; i < 3; i += 1) {
      site.clock.advance(10 * MINUTE);
      site.send(resolved(llamaLatency));
      site.clock.advance(10 * MINUTE);
      site.send(llamaLatency);
    }
    const open = site.stream.list({ states: ['firing', 'suppressed'], limit: 10 });
    expect(open).toEqual([expect.objectContaining({ state: 'firing', isFlapping: false })]);
  });
});
