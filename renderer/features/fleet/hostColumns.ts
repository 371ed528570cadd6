// The fleet list's columns as data: what each reads of a host, how it sorts, and which readings
// are past their limit. Pure, so sorting and judging are tested without a DOM.
import type { HostState } from '../../../shared/domain/fleet/hostStates.ts';
import {
  ERROR_PERCENT_SIGNAL,
  signalLevel,
  SIGNAL_LIMITS,
  type LimitedSignal,
  type SignalLevel,
} from '../../../shared/domain/fleet/signalLimits.ts';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import { formatSeconds, formatSignal } from './hostFormat.ts';
import { METRIC, toGiB } from './metrics.ts';

export const HOST_COLUMNS = [
  'name',
  'cluster',
  'state',
  'lastSeen',
  'clockOffset',
  'gpus',
  'cpu',
  'gpuUtil',
  'gpuMem',
  'gpuTemp',
  'errors',
  'p99',
] as const;
export type HostColumn = (typeof HOST_COLUMNS)[number];

export const SIGNAL_COLUMNS = ['cpu', 'gpuUtil', 'gpuMem', 'gpuTemp', 'errors', 'p99'] as const;
export type SignalColumn = (typeof SIGNAL_COLUMNS)[number];

export interface HostSort {
  column: HostColumn;
  isDescending: boolean;
}

export interface SignalReading {
  value: number | undefined;
  text: string;
  level: SignalLevel;
  /** The limit it reached, as the column shows values ("87 °C"); null when within limits. */
  limitText: string | null;
}

interface SignalSpec {
  limit: LimitedSignal;
  read: (s: FleetHost['signals']) => number | undefined;
  format: (v: number) => string;
}

/** A reading shown as the agent reports it, in whole units. */
const gauge = (limit: LimitedSignal, metric: string, unit: string): SignalSpec => ({
  limit,
  read: (s) => s[metric],
  format: (v) => formatSignal(v, unit),
});

const SIGNALS: Record<SignalColumn, SignalSpec> = {
  cpu: gauge('hostCpuPercent', METRIC.hostCpu, '%'),
  gpuUtil: gauge('gpuUtilizationPercent', METRIC.gpuUtil, '%'),
  gpuMem: {
    limit: 'gpuMemoryPercent',
    read: (s) => {
      const used = s[METRIC.gpuMemUsed];
      const total = s[METRIC.gpuMemTotal];
      return used === undefined || !total ? undefined : (100 * used) / total;
    },
    format: (v) => formatSignal(v, '%'),
  },
  gpuTemp: gauge('gpuTemperatureC', METRIC.gpuTemp, '°C'),
  errors: {
    limit: 'errorPercent',
    read: (s) => s[ERROR_PERCENT_SIGNAL],
    format: (v) => formatSignal(v, '%', v < 10 ? 1 : 0),
  },
  p99: { limit: 'p99Seconds', read: (s) => s[METRIC.p99], format: formatSeconds },
};

export function signalReading(host: FleetHost, column: SignalColumn): SignalReading {
  const spec = SIGNALS[column];
  const value = spec.read(host.signals);
  const level = signalLevel(spec.limit, value);
  const limit = SIGNAL_LIMITS[spec.limit];
  // Memory without a total still shows how much is used.
  const used = host.signals[METRIC.gpuMemUsed];
  const text =
    value !== undefined
      ? spec.format(value)
      : column === 'gpuMem' && used !== undefined
        ? formatSignal(toGiB(used), 'GiB')
        : '—';
  return {
    value,
    text,
    level,
    limitText:
      level === 'ok' ? null : spec.format(level === 'critical' ? limit.critical : limit.warning),
  };
}

/** Readings from a host that is not reporting are its last ones, not current. */
export const isStale = (host: FleetHost) => host.state !== 'online';

/** Worst first when ascending: the order an operator triages in. */
const STATE_ORDER: Record<HostState, number> = {
  offline: 0,
  refused: 1,
  silent: 2,
  connecting: 3,
  online: 4,
  revoked: 5,
};

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function sortValue(host: FleetHost, column: HostColumn): number | string | undefined {
  switch (column) {
    case 'name':
      return host.name;
    case 'cluster':
      return host.clusterName;
    case 'state':
      return STATE_ORDER[host.state];
    case 'lastSeen':
      return host.lastSeenAt === null ? undefined : Date.parse(host.lastSeenAt);
    case 'clockOffset':
      return host.clockOffsetMs === null ? undefined : Math.abs(host.clockOffsetMs);
    case 'gpus':
      return host.gpuCount;
    default:
      return signalReading(host, column).value;
  }
}

/** A new array in the chosen order; hosts without a value go last either way, ties by name. */
export function sortHosts(
  hosts: readonly FleetHost[],
  sort: HostSort | null,
): readonly FleetHost[] {
  if (!sort) return hosts;
  const keyed = hosts.map((host) => ({ host, key: sortValue(host, sort.column) }));
  const sign = sort.isDescending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined)
      return a.key === b.key ? byName(a.host.name, b.host.name) : a.key === undefined ? 1 : -1;
    const order =
      typeof a.key === 'string' || typeof b.key === 'string'
        ? byName(String(a.key), String(b.key))
        : a.key - b.key;
    return order === 0 ? byName(a.host.name, b.host.name) : sign * order;
  });
  return keyed.map((k) => k.host);
}

/** Clicking a column sorts by it ascending; clicking it again flips the order. */
export const nextSort = (sort: HostSort | null, column: HostColumn): HostSort =>
  sort?.column === column
    ? { column, isDescending: !sort.isDescending }
    : { column, isDescending: false };
