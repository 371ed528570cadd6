// Drift end to end: a real agent follows a prediction log, its windows travel over wss + mutual TLS
// to a real console, which pins the first as the reference, flags the shifted feature in the next
// with the test used and why, and records the results as the model's signals.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/tempDir.ts';
import { startTestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';

let site: FleetSite | undefined;
afterEach(() => site?.cleanup());

const rows = (shift: number) =>
  Array.from({ length: 1500 }, (_, i) =>
    JSON.stringify({
      amount: 100 + shift + 40 * ((i + 0.5) / 1500 - 0.5),
      channel: i % 3 === 0 ? 'web' : 'app',
      decision: i % 5 === 0 ? 'fraud' : 'legit',
      score: 0.9,
    }),
  ).join('\n') + '\n';

it('a shifted feature in a host prediction log shows as drift on the model in the console', async () => {
  site = await setUpFleetSite();
  const s = site;
  const dir = tempDir('mirqab-agent-');
  const log = join(dir, 'predictions.jsonl');
  writeFileSync(log, '');
  const t = await startTestAgent({
    dir,
    yaml: [
      'drift:',
      `  - { model: fraud-scorer, version: "7", path: ${log}, numeric: [amount], categorical: [channel],`,
      '      prediction: { column: decision, probabilityColumn: score } }',
    ].join('\n'),
  });
  const host = await s.admin.must('fleet.enrol', {
    address: `127.0.0.1:${t.agent.port}`,
    pairingCode: t.pairingCode,
    name: 'gpu-node-01',
    clusterId: s.clusterId,
  });
  await s.waitForHosts(
    (hosts) => hosts.some((h) => h.id === host.id && h.state === 'online'),
    'online',
  );
  const sendWindow = (shift: number) => {
    appendFileSync(log, rows(shift));
    t.agent.drift!.tick();
    t.agent.drift!.closeAll();
    t.agent.sampler.flush();
  };
  sendWindow(0);
  sendWindow(60);
  // The console's test clock stands still at another day, so the stored windows are read directly.
  const windows = await vi.waitFor(
    () => {
      const found = s.query<{ result: string | null; drift_share: number | null }>(
        'SELECT result, drift_share FROM drift_windows ORDER BY id',
      );
      expect(found).toHaveLength(2);
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
  expect(s.query('SELECT pinned_by, version FROM drift_references')).toEqual([
    { pinned_by: 'auto', version: '7' },
  ]);
  expect(windows[1]!.drift_share).toBe(0.5);
  const result = JSON.parse(windows[1]!.result!) as { features: unknown[] };
  expect(result.features).toContainEqual(
    expect.objectContaining({
      name: 'amount',
      test: 'wasserstein',
      reason: 'large_reference_numeric',
      drifted: true,
    }),
  );
  const signals = s.query<{ metric: string }>(
    "SELECT DISTINCT metric FROM series WHERE metric IN ('drift_share', 'feature_drifted', 'estimated_accuracy_ratio') ORDER BY metric",
  );
  expect(signals.map((r) => r.metric)).toEqual([
    'drift_share',
    'estimated_accuracy_ratio',
    'feature_drifted',
  ]);
});
