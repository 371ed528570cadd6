// Drift windows arriving with a telemetry batch, inside its transaction: each is stored, compared
// with its model version's pinned reference (the first window with enough rows is pinned
// automatically), and its results become model-service samples committed with the batch.
import type { DriftWindow } from '../../shared/agent-protocol/drift.ts';
import { compareWindows } from '../../shared/domain/drift/compare.ts';
import {
  driftResult,
  driftSignals,
  type DriftResult,
  type DriftSignalSample,
} from '../../shared/domain/drift/result.ts';
import type { WritableDb } from '../store/types.ts';
import {
  insertDriftWindow,
  pinReference,
  pruneSketches,
  referenceOf,
  saveDriftResult,
  windowSketches,
} from './repository.ts';

/** A window with fewer rows than this is never pinned as a reference on its own. */
export const MIN_REFERENCE_ROWS = 100;

/** Compares a window with the reference and saves the result; null when there is nothing to compare. */
export function evaluateWindow(
  db: WritableDb,
  windowId: number,
  window: DriftWindow,
  referenceWindowId: number,
): DriftResult | null {
  if (windowId === referenceWindowId) return null;
  const reference = windowSketches(db, referenceWindowId);
  if (!reference) return null;
  const result = driftResult(referenceWindowId, compareWindows(reference, window));
  saveDriftResult(db, windowId, result);
  return result;
}

export function recordDriftWindows(
  db: WritableDb,
  hostId: number,
  windows: readonly DriftWindow[],
  now: number,
): DriftSignalSample[] {
  const samples: DriftSignalSample[] = [];
  for (const window of windows) {
    const id = insertDriftWindow(db, hostId, window, now);
    let reference = referenceOf(db, window.model, window.version);
    if (!reference && window.rows >= MIN_REFERENCE_ROWS) {
      pinReference(db, window.model, window.version, id, 'auto', now);
      reference = referenceOf(db, window.model, window.version);
    }
    if (reference) {
      const result = evaluateWindow(db, id, window, reference.window_id);
      if (result) samples.push(...driftSignals(window.model, window.version, window.endMs, result));
    }
    pruneSketches(db, window.model, now);
  }
  return samples;
}

/** The batch with its drift windows recorded and their results added to its samples. */
export function withDriftSignals<T extends { samples: DriftSignalSample[]; drift?: DriftWindow[] }>(
  db: WritableDb,
  hostId: number,
  frame: T,
  now: number,
): T {
  if (!frame.drift?.length) return frame;
  return {
    ...frame,
    samples: [...frame.samples, ...recordDriftWindows(db, hostId, frame.drift, now)],
  };
}
