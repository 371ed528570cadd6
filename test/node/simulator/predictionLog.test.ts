// The simulator's prediction logs drift when a fault says so, and the agent's own drift monitor
// and the console's comparison see it: a covariate shift moves the inputs, a broken upstream
// feature moves that feature alone, a label shift moves the predicted classes.
import { describe, expect, it } from 'vitest';
import { startDriftMonitor } from '../../../agent/drift/monitor.ts';
import {
  NO_DRIFT,
  PredictionLogWriter,
  simulatedDriftLog,
} from '../../../agent/simulator/predictionLog.ts';
import { mulberry32 } from '../../../agent/simulator/prng.ts';
import type { DriftWindow } from '../../../shared/agent-protocol/drift.ts';
import { compareWindows } from '../../../shared/domain/drift/compare.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('simulated prediction logs', () => {
  it('drift as the injected fault says, and only then', () => {
    const dir = tempDir('mirqab-sim-predictions-');
    const writer = new PredictionLogWriter(dir, 'fraud-scorer');
    const config = {
      ...simulatedDriftLog(dir, 'fraud-scorer', '3'),
      startAt: 'beginning' as const,
    };
    let clock = 0;
    const windows: DriftWindow[] = [];
    const monitor = startDriftMonitor({
      logs: [config],
      stateDir: `${dir}/state`,
      onWindow: (w) => windows.push(w),
      now: () => clock,
    });
    const random = mulberry32(7);
    const minute = (effects: typeof NO_DRIFT) => {
      writer.write(60, effects, random, clock);
      monitor.tick();
      clock += 60_000;
    };
    minute(NO_DRIFT); // the reference
    minute(NO_DRIFT);
    minute({ ...NO_DRIFT, covariateShift: 2 });
    minute({ ...NO_DRIFT, isFeatureBroken: true });
    minute({ ...NO_DRIFT, positiveShare: 0.6 });
    monitor.tick();
    monitor.stop();
    expect(windows).toHaveLength(5);
    const [reference, ...rest] = windows as [DriftWindow, ...DriftWindow[]];
    const drifted = rest.map((w) =>
      (compareWindows(reference, w).dataset?.features ?? [])
        .filter((f) => f.drifted)
        .map((f) => f.name)
        .sort(),
    );
    expect(drifted).toEqual([
      [],
      ['feature_a', 'input_length', 'region'],
      ['feature_a'],
      ['feature_b'],
    ]);
    const labelShift = compareWindows(reference, rest[3]!);
    expect(labelShift.prediction?.drifted).toBe(true);
    // Calibrated probabilities: CBPE's estimate is close to the accuracy the labels show.
    const steady = compareWindows(reference, rest[0]!);
    expect(steady.estimatedAccuracy).toBeGreaterThan(0.8);
    expect(Math.abs(steady.estimatedAccuracy! - steady.accuracy!)).toBeLessThan(0.05);
  });
});
