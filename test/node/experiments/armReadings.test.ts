// Per-arm totals from the hosts' newest readings: a host counts once both its arms were last read in
// one scrape, so an arm whose batch committed before the other's does not tip the split (which the
// sample-ratio check would take for a mismatch).
import { describe, expect, it } from 'vitest';
import type { LiveValue } from '../../../main/fleet/liveValues.ts';
import { readArms } from '../../../main/experiments/armReadings.ts';

const plan = { model: 'fraud', control: '1', variant: '3' };
const SPLIT = 1_000_000;

/** One host's arm counters as its agent reports them: requests and errors per arm, at a time. */
function arms(
  control: { requests: number; tsMs: number },
  variant: { requests: number; tsMs: number },
): LiveValue[] {
  const reading = (arm: 'control' | 'variant', r: { requests: number; tsMs: number }) => {
    const labels = { model: 'fraud', arm, arm_version: plan[arm] };
    return [
      { metric: 'experiment_arm_requests_total', labels, value: r.requests, tsMs: r.tsMs },
      { metric: 'experiment_arm_errors_total', labels, value: 1, tsMs: r.tsMs },
    ];
  };
  return [...reading('control', control), ...reading('variant', variant)];
}

describe('arm readings', () => {
  it('sum each arm over the hosts whose arms were read in one scrape', () => {
    const out = readArms(
      [
        arms({ requests: 500, tsMs: SPLIT + 60_000 }, { requests: 490, tsMs: SPLIT + 60_000 }),
        arms({ requests: 300, tsMs: SPLIT + 55_000 }, { requests: 310, tsMs: SPLIT + 55_000 }),
      ],
      plan,
      SPLIT,
    );
    expect(out.splitHosts).toBe(2);
    expect(out.control).toMatchObject({ requests: 800, errors: 2 });
    expect(out.variant).toMatchObject({ requests: 800, errors: 2 });
  });

  it('leave out a host whose arms were last read at different times, until they line up', () => {
    const steady = arms(
      { requests: 500, tsMs: SPLIT + 60_000 },
      { requests: 500, tsMs: SPLIT + 60_000 },
    );
    // The control arm's newest minute has committed, the variant's not yet.
    const halfway = arms(
      { requests: 900, tsMs: SPLIT + 120_000 },
      { requests: 450, tsMs: SPLIT + 60_000 },
    );
    const out = readArms([steady, halfway], plan, SPLIT);
    expect(out.splitHosts).toBe(1);
    expect(out.control.requests).toBe(500);
    expect(out.variant.requests).toBe(500);
  });

  it('leave out counts from before the split', () => {
    const out = readArms(
      [arms({ requests: 70, tsMs: SPLIT - 1 }, { requests: 70, tsMs: SPLIT - 1 })],
      plan,
      SPLIT,
    );
    expect(out.splitHosts).toBe(0);
    expect(out.control.requests).toBe(0);
  });
});
