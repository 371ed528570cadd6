// Chart queries: raw samples for short ranges, roll-ups for long ones, LTTB down to maxPoints.
import { lttb } from '../../shared/domain/lttb.ts';
import type { SeriesPoints } from '../../shared/ipc/contract.ts';
import type { ReadableDb } from '../store/types.ts';
import { HOUR_MS, labelsKey } from './ingest.ts';

export type SeriesRange = SeriesPoints['range'];
type Source = SeriesPoints['source'];

export const RANGES: Readonly<Record<SeriesRange, { spanMs: number; source: Source }>> = {
  live: { spanMs: 15 * 60_000, source: 'raw' },
  '1h': { spanMs: HOUR_MS, source: 'raw' },
  '24h': { spanMs: 24 * HOUR_MS, source: '1m' },
  '7d': { spanMs: 7 * 24 * HOUR_MS, source: '1m' },
  '30d': { spanMs: 30 * 24 * HOUR_MS, source: '1h' },
};

// Each is one range seek on the table's (series_id, time) primary key; rollups chart the bucket mean.
export const SERIES_QUERIES: Readonly<Record<Source, string>> = {
  raw: 'SELECT ts_ms, value FROM samples_raw WHERE series_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms',
  '1m': 'SELECT bucket_ts, sum / count FROM rollups_1m WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
  '1h': 'SELECT bucket_ts, sum / count FROM rollups_1h WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
};

export function findSeriesId(db: ReadableDb, hostId: number, metric: string, labels: Record<string, string>): number | null {
  const row = db
    .prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE host_id = ? AND metric = ? AND labels = ?')
    .get(hostId, metric, labelsKey(labels));
  return row?.id ?? null;
}

export function querySeries(
  db: ReadableDb,
  request: { hostId: number; metric: string; labels: Record<string, string>; range: SeriesRange; maxPoints: number },
  nowMs: number,
): SeriesPoints {
  const { spanMs, source } = RANGES[request.range];
  const fromMs = nowMs - spanMs;
  const result: SeriesPoints = { range: request.range, source, fromMs, toMs: nowMs, points: [] };
  const seriesId = findSeriesId(db, request.hostId, request.metric, request.labels);
  if (seriesId === null) return result;
  // raw() returns [t, v] arrays directly: no per-row object for tens of thousands of points.
  const rows = db.prepare(SERIES_QUERIES[source]).raw(true).all(seriesId, fromMs, nowMs) as [number, number][];
  result.points = lttb(rows, request.maxPoints);
  return result;
}
