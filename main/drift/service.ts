// What the views ask of drift: a model's windows and per-feature results over time, and pinning
// another window as a version's reference (audited; later windows are compared with it).
import type { ModelDrift } from '../../shared/ipc/driftChannels.ts';
import type { DriftResult } from '../../shared/domain/drift/result.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import {
  hostNames,
  pinReference,
  referenceOf,
  referencesOf,
  windowById,
  windowSketches,
  windowsOf,
  type ReferenceRow,
} from './repository.ts';

const HOUR_MS = 3_600_000;

function referenceView(r: ReferenceRow): ModelDrift['references'][number] {
  return {
    version: r.version,
    windowId: r.window_id,
    pinnedBy: r.pinned_by,
    pinnedAt: r.pinned_at,
    startMs: r.start_ms,
    endMs: r.end_ms,
    rows: r.rows,
  };
}

export class DriftService {
  constructor(private readonly options: { store: () => WritableDb; clock: Clock }) {}

  model(model: string, hours: number): ModelDrift {
    const db = this.options.store();
    const now = this.options.clock.now().getTime();
    const rows = windowsOf(db, model, now - hours * HOUR_MS, now + 1);
    const features = new Map<string, ModelDrift['features'][number]>();
    const windows = rows.map((row) => {
      const result = row.result ? (JSON.parse(row.result) as DriftResult) : null;
      for (const f of result?.features ?? []) {
        const series = features.get(f.name) ?? { ...f, points: [] };
        // The newest window's test and reason are the ones shown.
        Object.assign(series, { test: f.test, reason: f.reason, threshold: f.threshold });
        series.points.push({
          t: row.end_ms,
          value: f.value,
          drifted: f.drifted,
          hostId: row.host_id,
        });
        features.set(f.name, series);
      }
      return {
        id: row.id,
        version: row.version,
        hostId: row.host_id,
        startMs: row.start_ms,
        endMs: row.end_ms,
        rows: row.rows,
        driftShare: result?.driftShare ?? null,
        datasetDrift: result?.datasetDrift ?? null,
        estimatedAccuracy: result?.estimatedAccuracy ?? null,
        accuracy: result?.accuracy ?? null,
      };
    });
    return {
      model,
      references: referencesOf(db, model).map(referenceView),
      hosts: hostNames(db, [...new Set(rows.map((r) => r.host_id))]),
      windows,
      features: [...features.values()]
        .map(({ name, test, reason, threshold, points }) => ({
          name,
          test,
          reason,
          threshold,
          points,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  pin(
    input: { model: string; version: string; windowId: number },
    by: { username: string; role: string },
  ): ModelDrift['references'][number] {
    const db = this.options.store();
    const now = this.options.clock.now();
    const window = windowById(db, input.windowId);
    if (!window || window.model !== input.model || window.version !== input.version)
      throw new DomainError(
        'NOT_FOUND',
        `No drift window ${input.windowId} of ${input.model} version ${input.version}.`,
      );
    if (!windowSketches(db, window.id))
      throw new DomainError(
        'CONFLICT',
        'That window is older than the sketches kept (two days); pick a newer one.',
      );
    return db.transaction(() => {
      const before = referenceOf(db, input.model, input.version);
      pinReference(db, input.model, input.version, window.id, by.username, now.getTime());
      auditBy(
        db,
        by,
        {
          action: 'drift.pinReference',
          target: `model:${input.model}`,
          outcome: 'success',
          details: { version: input.version, windowId: window.id, from: before?.window_id ?? null },
        },
        now,
      );
      return referenceView(referenceOf(db, input.model, input.version)!);
    })();
  }
}
