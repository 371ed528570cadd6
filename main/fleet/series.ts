// Chart queries: raw samples for short ranges, roll-ups for long ones, thinned down to maxPoints.
// Roll-ups chart the bucket mean, or (bucketValue 'last') the bucket's last sample at its own time:
// a bitmask or state averaged over a minute is no longer a value the agent ever reported.
import { lttb } from '../../shared/domain/lttb.ts';
import type { SeriesPoints } from '../../shared/ipc/contract.ts';
import type { ReadableDb } from '../store/types.ts';
import { HOUR_MS, labelsKey } from './ingest.ts';
import { withBufferedPoints } from './sampleBuffer.ts';

export type SeriesRange = SeriesPoints['range'];
export type BucketValue = NonNullable<SeriesPoints['bucketValue']>;
type Source = SeriesPoints['source'];

export const RANGES: Readonly<Record<SeriesRange, { spanMs: number; source: Source }>> = {
  live: { spanMs: 15 * 60_000, source: 'raw' },
  '1h': { spanMs: HOUR_MS, source: 'raw' },
  '24h': { spanMs: 24 * HOUR_MS, source: '1m' },
  '7d': { spanMs: 7 * 24 * HOUR_MS, source: '1m' },
  '30d': { spanMs: 30 * 24 * HOUR_MS, source: '1h' },
};

// Each is one range seek on the table's (series_id, time) primary key.
export const SERIES_QUERIES: Readonly<Record<Source | `${Exclude<Source, 'raw'>}:last`, string>> = {
  raw: 'SELECT ts_ms, value FROM samples_raw WHERE series_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms',
  '1m': 'SELECT bucket_ts, sum / count FROM rollups_1m WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
  '1h': 'SELECT bucket_ts, sum / count FROM rollups_1h WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
  // last_ts grows with bucket_ts, so the rows stay in time order.
  '1m:last': 'SELECT last_ts, last FROM rollups_1m WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
  '1h:last': 'SELECT last_ts, last FROM rollups_1h WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts',
};

export function findSeriesId(db: ReadableDb, hostId: number, metric: string, labels: Record<string, string>): number | null {
  const row = db
    .prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE host_id = ? AND metric = ? AND labels = ?')
    .get(hostId, metric, labelsKey(labels));
  return row?.id ?? null;
}

/**
 * Thins to at most maxPoints by keeping the last point of each equal run: the value at the end of
 * a wider bucket, which LTTB (picking shape-preserving points) would not guarantee.
 */
export function lastOfEach(rows: readonly [number, number][], maxPoints: number): [number, number][] {
  if (rows.length <= maxPoints) return [...rows];
  const out: [number, number][] = [];
  const per = rows.length / maxPoints;
  for (let i = 1; i <= maxPoints; i++) out.push(rows[Math.min(rows.length, Math.round(i * per)) - 1]!);
  return out;
}

export function querySeries(
  db: ReadableDb,
  request: { hostId: number; metric: string; labels: Record<string, string>; range: SeriesRange; maxPoints: number; bucketValue?: BucketValue },
  nowMs: number,
): SeriesPoints {
  const { spanMs, source } = RANGES[request.range];
  const bucketValue = source === 'raw' ? null : (request.bucketValue ?? 'mean');
  const fromMs = nowMs - spanMs;
  const result: SeriesPoints = { range: request.range, source, bucketValue, fromMs, toMs: nowMs, points: [] };
  const seriesId = findSeriesId(db, request.hostId, request.metric, request.labels);
  if (seriesId === null) return result;
  const query = source !== 'raw' && bucketValue === 'last' ? SERIES_QUERIES[`${source}:last`] : SERIES_QUERIES[source];
  // raw() returns [t, v] arrays directly: no per-row object for tens of thousands of points.
  const stored = db.prepare(query).raw(true).all(seriesId, fromMs, nowMs) as [number, number][];
  const rows = source === 'raw' ? withBufferedPoints(db, seriesId, fromMs, nowMs, stored) : stored;
  result.points = bucketValue === 'last' ? lastOfEach(rows, request.maxPoints) : lttb(rows, request.maxPoints);
  return result;
}
