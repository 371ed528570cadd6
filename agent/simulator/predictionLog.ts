// Simulated prediction logs: each model service on a simulated host writes a sample of its
// predictions (JSON Lines) and, a tick later, their labels, which the host's own agent follows for
// drift like any real log. Faults move the data: covariate_shift moves the inputs, broken_feature
// zeroes one upstream feature, label_shift changes how often the positive class occurs.
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftLogConfig } from '../drift/config.ts';
import { normal, type Random } from './prng.ts';

/** Logged predictions per simulated second per service: enough for a 1,000-row reference a minute. */
export const LOGGED_ROWS_PER_SECOND = 20;
/** A log past this size is rotated (renamed to .1, a new file started), as logrotate would. */
const ROTATE_BYTES = 4 * 1024 * 1024;
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const CHANNELS = ['web', 'mobile', 'api'];

export const SIMULATED_FEATURES = {
  numeric: ['input_length', 'feature_a', 'feature_b'],
  categorical: ['region', 'channel'],
};

export interface DriftFaultEffects {
  /** covariate_shift: inputs move by this many standard deviations. */
  covariateShift: number;
  /** broken_feature: an upstream feature arrives as 0 for every row. */
  isFeatureBroken: boolean;
  /** label_shift: the positive class's share (default 0.2). */
  positiveShare: number;
}

export const NO_DRIFT: DriftFaultEffects = {
  covariateShift: 0,
  isFeatureBroken: false,
  positiveShare: 0.2,
};

export function predictionLogPaths(hostDir: string, model: string) {
  const base = join(hostDir, 'predictions', model.replace(/[^A-Za-z0-9._-]/g, '_'));
  return { predictions: `${base}.jsonl`, labels: `${base}.labels.jsonl` };
}

/** The agent config's drift entry for one simulated service's log. */
export function simulatedDriftLog(hostDir: string, model: string, version: string): DriftLogConfig {
  const paths = predictionLogPaths(hostDir, model);
  return {
    model,
    version,
    path: paths.predictions,
    windowSeconds: 60,
    startAt: 'end',
    ...SIMULATED_FEATURES,
    referenceRows: 1000,
    prediction: { column: 'predicted', probabilityColumn: 'probability', idColumn: 'id' },
    labels: { path: paths.labels, idColumn: 'id', labelColumn: 'label' },
  };
}

function appendRotating(path: string, text: string): void {
  if (existsSync(path) && statSync(path).size > ROTATE_BYTES) renameSync(path, `${path}.1`);
  appendFileSync(path, text);
}

/** Writes one tick's logged predictions; the labels of the previous tick's rows follow them. */
export class PredictionLogWriter {
  private pendingLabels = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly hostDir: string,
    private readonly model: string,
  ) {
    mkdirSync(join(hostDir, 'predictions'), { recursive: true });
  }

  write(seconds: number, effects: DriftFaultEffects, random: Random, tsMs: number): void {
    const paths = predictionLogPaths(this.hostDir, this.model);
    if (this.pendingLabels.size > 0) {
      const lines = [...this.pendingLabels].map(([id, label]) => JSON.stringify({ id, label }));
      appendRotating(paths.labels, lines.join('\n') + '\n');
      this.pendingLabels = new Map();
    }
    const rows = Math.round(seconds * LOGGED_ROWS_PER_SECOND);
    const lines: string[] = [];
    const shift = effects.covariateShift;
    for (let i = 0; i < rows; i++) {
      const id = `${this.model}-${tsMs}-${this.seq++}`;
      const positive = random() < effects.positiveShare;
      // A calibrated model: it is right with the probability it states.
      const confidence = 0.7 + 0.29 * random();
      const right = random() < confidence;
      const predicted = positive === right ? 'positive' : 'negative';
      const region =
        REGIONS[
          Math.min(REGIONS.length - 1, Math.floor((random() + shift * 0.15) * REGIONS.length))
        ]!;
      lines.push(
        JSON.stringify({
          id,
          ts: tsMs,
          input_length: Math.max(1, Math.round(Math.exp(5 + 0.6 * (normal(random) + shift)))),
          feature_a: effects.isFeatureBroken
            ? 0
            : Math.round((50 + 10 * (normal(random) + shift)) * 1000) / 1000,
          feature_b: Math.round(((positive ? 1 : 0) + normal(random)) * 100) / 100,
          region,
          channel: CHANNELS[Math.floor(random() * CHANNELS.length)]!,
          predicted,
          probability: Math.round(confidence * 1000) / 1000,
        }),
      );
      this.pendingLabels.set(id, positive ? 'positive' : 'negative');
    }
    if (lines.length > 0) appendRotating(paths.predictions, lines.join('\n') + '\n');
  }
}
