// Drift → trigger → change record on the real encrypted store: drift windows arrive with telemetry,
// the console compares them with the version's pinned reference (per-feature tests), the drift
// signals make a trigger rule hold on two features, the request (naming each feature's test) is
// dropped for the site's pipeline, and the retrained version the agent then reports closes it into a
// change record with both versions' digests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftLogSchema } from '../../../agent/drift/config.ts';
import { CategoryHasher, DriftWindowAccumulator } from '../../../agent/drift/window.ts';
import { buildInfoLabels } from '../../../agent/simulator/modelVersions.ts';
import { EventBus } from '../../../main/core/events.ts';
import { TelemetryIngest, type Telemetry } from '../../../main/fleet/ingest.ts';
import { ChangeRecords, RetrainingTriggers } from '../../../main/governance/index.ts';
import { recordDigests } from '../../../main/governance/digests.ts';
import { silentLogger } from '../../../main/log.ts';
import { ModelVersionRecorder } from '../../../main/models/index.ts';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import type { DriftWindow } from '../../../shared/agent-protocol/drift.ts';
import { TestClock } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { fleetStore, NOW } from '../fleet/fleetStore.ts';

const MODEL = 'fraud-scorer';
const AMAL = { username: 'amal', role: 'ml_engineer' };
const OMAR = { username: 'omar', role: 'ml_engineer' };
const config = DriftLogSchema.parse({
  model: MODEL,
  version: '7',
  path: '/unused',
  numeric: ['amount'],
  categorical: ['channel'],
  prediction: { column: 'decision', probabilityColumn: 'score' },
});

/** Deterministic rows: amount around `centre`, channel web for `webShare` of the rows. */
function window(index: number, centre: number, webShare: number): DriftWindow {
  const acc = new DriftWindowAccumulator(config, new CategoryHasher('k'), () => null);
  for (let i = 0; i < 2000; i++) {
    const u = (i + 0.5) / 2000;
    acc.add({
      amount: centre + 40 * (u - 0.5),
      channel: (i * 7919) % 100 < webShare * 100 ? 'web' : 'app',
      decision: u < 0.2 ? 'fraud' : 'legit',
      score: 0.9,
    });
  }
  return acc.close(NOW + index * 60_000, NOW + (index + 1) * 60_000);
}

/** What a host reports of the version it serves (its build info, with the digests). */
const served = (version: string, tsMs: number): Sample[] => [
  {
    metric: 'model_build_info',
    labels: { model: MODEL, version, ...buildInfoLabels(MODEL, version) },
    value: 1,
    tsMs,
  },
];

const frame = (seq: number, drift: DriftWindow[], samples: Sample[]): Telemetry => ({
  type: 'telemetry',
  epoch: 'ep_test',
  seq,
  samples,
  events: [],
  drift,
});

describe('drift → retraining trigger → change record', () => {
  it('two features drift by their own tests: the rule files a request naming them, the new version closes it into a change record', async () => {
    const store = fleetStore(1);
    const host = store.hosts[0]!;
    const clock = new TestClock(new Date(NOW + 4 * 60_000));
    const events = new EventBus();
    const changes = new ChangeRecords({ store: () => store.db, clock, events });
    const triggers = new RetrainingTriggers({
      store: () => store.db,
      clock,
      events,
      logger: silentLogger,
      changes,
      siteName: () => 'Abu Dhabi DC1',
      sloSummaries: () => [],
    });
    const recorder = new ModelVersionRecorder();
    const ingest = new TelemetryIngest(store.db);
    const report = (seq: number, drift: DriftWindow[], samples: Sample[], atMs: number) => {
      ingest.ingest(host, frame(seq, drift, samples), new Date(atMs));
      recorder.recordSamples(store.db, host.id, samples);
      recordDigests(store.db, samples, atMs, (model, version, digests) =>
        changes.noteDigests(store.db, model, version, digests),
      );
    };
    report(1, [window(0, 100, 0.6)], served('7', NOW), NOW + 61_000);
    report(2, [window(1, 100, 0.6)], served('7', NOW + 60_000), NOW + 121_000);

    const rule = triggers.saveRule(
      null,
      {
        name: 'Two features drift',
        model: MODEL,
        condition: {
          kind: 'drift_features',
          signal: 'feature_drifted',
          threshold: 1,
          minFeatures: 2,
          windowMinutes: 60,
        },
        cooldownMinutes: 60,
        isEnabled: true,
      },
      AMAL,
    );
    expect(triggers.evaluate()).toEqual([]); // nothing drifts yet

    // Amount shifts and the web share collapses: both features drift.
    report(3, [window(2, 160, 0.1)], served('7', NOW + 120_000), NOW + 181_000);
    const dropDir = tempDir('mirqab-drop-');
    triggers.setPipeline({ kind: 'file_drop', directory: dropDir }, AMAL);
    const [filed] = triggers.evaluate();
    await triggers.deliver();
    const request = triggers.request(filed!);
    expect(request).toMatchObject({ ruleId: rule.id, status: 'delivered', versions: ['7'] });
    expect(request.evidence.summary).toBe(
      '2 of 2 features drift at or above 1 (rule: at least 2): amount, channel',
    );
    expect(request.evidence.values.tests).toMatch(
      /^amount: wasserstein [\d.]+; channel: jensenshannon [\d.]+$/,
    );
    expect(request.evidence.test).toContain('wasserstein');
    const dropped = JSON.parse(
      readFileSync(join(dropDir, `mirqab-retraining-${filed}.json`), 'utf8'),
    ) as { evidence: { summary: string } };
    expect(dropped.evidence.summary).toBe(request.evidence.summary);

    // The pipeline's retrained model is served as version 8: the agent reports it, and its digests.
    clock.advance(30 * 60_000);
    report(4, [], served('8', clock.now().getTime()), clock.now().getTime());
    triggers.onVersionsChanged(MODEL);
    const closed = triggers.request(filed!);
    expect(closed).toMatchObject({ status: 'closed', newVersion: '8' });
    const change = changes.get(closed.changeId!);
    expect(change).toMatchObject({
      kind: 'promote_retrained',
      fromVersion: '7',
      toVersion: '8',
      requestedBy: 'amal',
      approval: 'pending',
    });
    expect(change.reproducibility).toEqual({
      fromDigests: {
        model: buildInfoLabels(MODEL, '7').model_digest,
        code: buildInfoLabels(MODEL, '7').code_digest,
      },
      toDigests: {
        model: buildInfoLabels(MODEL, '8').model_digest,
        code: buildInfoLabels(MODEL, '8').code_digest,
      },
      dataWindows: request.evidence.windows,
    });
    expect(() => changes.decide(change.id, 'approved', 'mine', AMAL)).toThrow(/Four eyes/);
    expect(changes.decide(change.id, 'approved', 'Drift report reviewed', OMAR)).toMatchObject({
      approval: 'approved',
      outcome: 'applied',
    });
  });
});
