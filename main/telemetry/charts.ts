// Chart queries: raw samples for short ranges, roll-ups for long ones (their open bucket filled in
// from finer data), thinned down to maxPoints.
// Roll-ups chart the bucket mean, or (bucketValue 'last') the bucket's last sample at its own time:
// a bitmask or state averaged over a minute is no longer a value the agent ever reported.
import { lttb } from '../../shared/domain/lttb.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type { SeriesPoints } from '../../shared/ipc/contract.ts';
import type { ReadableDb } from '../store/types.ts';
import { CHUNK_SPAN_MS } from './chunkStore.ts';
import { chartPoints, chartQuery, chunksQuery } from './samples.ts';
import { rawPoints } from './sampleBuffer.ts';
import { findSeriesId } from './series.ts';

export type SeriesRange = SeriesPoints['range'];
export type BucketValue = NonNullable<SeriesPoints['bucketValue']>;
type Source = SeriesPoints['source'];

export const RANGES: Readonly<Record<SeriesRange, { spanMs: number; source: Source }>> = {
  live: { spanMs: 15 * MINUTE_MS, source: 'raw' },
  '1h': { spanMs: HOUR_MS, source: 'raw' },
  '24h': { spanMs: DAY_MS, source: '1m' },
  '7d': { spanMs: 7 * DAY_MS, source: '1m' },
  '30d': { spanMs: 30 * DAY_MS, source: '1h' },
};

/** Each chart query's text (parameters: series id, from, to), for plan checks. */
export const SERIES_QUERIES: Readonly<Record<Source | `${Exclude<Source, 'raw'>}:last`, string>> = {
  raw: chunksQuery(0, 0, 0, CHUNK_SPAN_MS).query,
  '1m': chartQuery('1m', 'mean', 0, 0, 0).query,
  '1h': chartQuery('1h', 'mean', 0, 0, 0).query,
  '1m:last': chartQuery('1m', 'last', 0, 0, 0).query,
  '1h:last': chartQuery('1h', 'last', 0, 0, 0).query,
};

export interface SeriesRequest {
  hostId: number;
  metric: string;
  labels: Record<string, string>;
  range: SeriesRange;
  maxPoints: number;
  bucketValue?: BucketValue;
}

/**
 * Thins to at most maxPoints by keeping the last point of each equal run: the value at the end of
 * a wider bucket, which LTTB (picking shape-preserving points) would not guarantee.
 */
export function lastOfEach(
  rows: readonly [number, number][],
  maxPoints: number,
): [number, number][] {
  if (rows.length <= maxPoints) return [...rows];
  const out: [number, number][] = [];
  const per = rows.length / maxPoints;
  for (let i = 1; i <= maxPoints; i++)
    out.push(rows[Math.min(rows.length, Math.round(i * per)) - 1]!);
  return out;
}

const BUCKET_MS: Readonly<Record<Exclude<Source, 'raw'>, number>> = {
  '1m': MINUTE_MS,
  '1h': HOUR_MS,
};
const FINER: Readonly<Record<Exclude<Source, 'raw'>, Source>> = { '1h': '1m', '1m': 'raw' };

/**
 * A roll-up's closed buckets, then the finer data after them: the newest bucket is still filling
 * (or not rolled up yet), so a site younger than one bucket still charts its live tail.
 */
function tieredPoints(
  db: ReadableDb,
  source: Source,
  value: 'mean' | 'last',
  seriesId: number,
  fromMs: number,
  toMs: number,
): [number, number][] {
  if (source === 'raw') return rawPoints(db, seriesId, fromMs, toMs);
  const width = BUCKET_MS[source];
  const openBucket = toMs - (toMs % width);
  const closed = chartPoints(db, source, value, seriesId, fromMs, openBucket - 1);
  const newest = closed.at(-1)?.[0];
  // A 'last' row is at its sample's time, a mean at its bucket's start: both lie in their bucket.
  const tailFrom = newest === undefined ? fromMs : newest - (newest % width) + width;
  return [...closed, ...tieredPoints(db, FINER[source], value, seriesId, tailFrom, toMs)];
}

export function querySeries(db: ReadableDb, request: SeriesRequest, nowMs: number): SeriesPoints {
  const { spanMs, source } = RANGES[request.range];
  const bucketValue = source === 'raw' ? null : (request.bucketValue ?? 'mean');
  const fromMs = nowMs - spanMs;
  const result: SeriesPoints = {
    range: request.range,
    source,
    bucketValue,
    fromMs,
    toMs: nowMs,
    points: [],
  };
  const seriesId = findSeriesId(db, request.hostId, request.metric, request.labels);
  if (seriesId === null) return result;
  const rows = tieredPoints(db, source, bucketValue ?? 'mean', seriesId, fromMs, nowMs);
  result.points =
    bucketValue === 'last' ? lastOfEach(rows, request.maxPoints) : lttb(rows, request.maxPoints);
  return result;
}
