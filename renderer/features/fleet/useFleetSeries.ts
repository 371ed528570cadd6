// Loads the history one chart draws and, in live mode, refetches it when fleet.changed names the
// chart's host: at most once a second per chart, the last change never dropped.
import { useEffect, useRef, useState } from 'react';
import type { SeriesPoints } from '../../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError } from '../../api/client.ts';
import { useAppStore } from '../../store/index.ts';
import type { SeriesRange } from '../../store/fleetSlice.ts';

export interface SeriesRequest {
  metric: string;
  labels: Record<string, string>;
  /** Roll-up ranges: the bucket's mean (default) or its last sample (bitmasks such as clock reasons). */
  bucketValue?: NonNullable<SeriesPoints['bucketValue']>;
}

export interface FleetSeriesState {
  status: 'loading' | 'ready' | 'error';
  error: ApiCallError | null;
  /** One entry per request, in order. */
  data: SeriesPoints[] | null;
}

const LIVE_REFETCH_MS = 1000;

export function useFleetSeries(
  hostId: number,
  requests: readonly SeriesRequest[],
  range: SeriesRange,
  maxPoints: number | null,
): FleetSeriesState {
  const fetchSeries = useAppStore((s) => s.fetchFleetSeries);
  const change = useAppStore((s) => s.fleetChange);
  const [state, setState] = useState<FleetSeriesState>({
    status: 'loading',
    error: null,
    data: null,
  });
  const key = JSON.stringify([hostId, requests, range, maxPoints]);
  const load = useRef<() => void>(() => undefined);
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (maxPoints === null) return;
    let current = true;
    let generation = 0;
    const parsed = JSON.parse(key) as [number, SeriesRequest[], SeriesRange, number];
    load.current = () => {
      const mine = ++generation;
      lastFetch.current = Date.now();
      Promise.all(
        parsed[1].map((r) =>
          fetchSeries({
            hostId: parsed[0],
            metric: r.metric,
            labels: r.labels,
            range: parsed[2],
            maxPoints: parsed[3],
            bucketValue: r.bucketValue,
          }),
        ),
      ).then(
        (data) => {
          if (current && mine === generation) setState({ status: 'ready', error: null, data });
        },
        (error: unknown) => {
          if (current && mine === generation)
            setState((s) => ({ status: 'error', error: toApiCallError(error), data: s.data }));
        },
      );
    };
    setState((s) => ({ status: 'loading', error: null, data: s.data }));
    load.current();
    return () => {
      current = false;
      load.current = () => undefined;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key, maxPoints, fetchSeries]);

  useEffect(() => {
    if (range !== 'live' || change.seq === 0 || !change.hostIds.includes(hostId) || timer.current)
      return;
    const wait = Math.max(0, lastFetch.current + LIVE_REFETCH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      load.current();
    }, wait);
  }, [change, hostId, range]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return state;
}
