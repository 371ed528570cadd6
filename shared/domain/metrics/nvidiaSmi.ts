// `nvidia-smi --query-gpu=FIELDS --format=csv[,noheader][,nounits]` output (also the `-lms` stream,
// which is the same rows repeated) turned into typed GPU samples. "[N/A]" and "[Not Supported]"
// become null with the reason kept; units are stripped; the clock event bitmask is decoded.
import type { ParseIssue } from './types.ts';
import { MAX_ISSUES } from './types.ts';

/** The fields the agent asks for; every name is listed in `nvidia-smi --help-query-gpu` (H100, driver 580). */
export const GPU_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'clocks.sm',
  'clocks.mem',
  'clocks_event_reasons.active',
  'ecc.errors.corrected.volatile.total',
  'ecc.errors.uncorrected.volatile.total',
  'remapped_rows.correctable',
  'remapped_rows.uncorrectable',
  'remapped_rows.pending',
  'remapped_rows.failure',
  'pstate',
] as const;

/** NVML's clock event reason bits (nvml.h nvmlClocksEventReason*), named as `nvidia-smi -q` prints them. */
export const CLOCK_EVENT_REASONS: readonly (readonly [bit: number, name: string])[] = [
  [0x1, 'GPU idle'],
  [0x2, 'Applications clocks setting'],
  [0x4, 'SW power cap'],
  [0x8, 'HW slowdown'],
  [0x10, 'Sync boost'],
  [0x20, 'SW thermal slowdown'],
  [0x40, 'HW thermal slowdown'],
  [0x80, 'HW power brake slowdown'],
  [0x100, 'Display clock setting'],
];

// Query names and the names nvidia-smi prints in its header for the same field.
const ALIASES: Record<string, string> = {
  'clocks.sm': 'clocks.current.sm',
  'clocks.mem': 'clocks.current.memory',
  'clocks.gr': 'clocks.current.graphics',
  'clocks.video': 'clocks.current.video',
  'clocks.max.gr': 'clocks.max.graphics',
  'clocks.max.mem': 'clocks.max.memory',
  gpu_name: 'name',
  gpu_uuid: 'uuid',
  gpu_serial: 'serial',
  gpu_bus_id: 'pci.bus_id',
  'remapped_rows.sbe': 'remapped_rows.correctable',
  'remapped_rows.dbe': 'remapped_rows.uncorrectable',
  'retired_pages.sbe': 'retired_pages.single_bit_ecc.count',
  'retired_pages.dbe': 'retired_pages.double_bit.count',
  'gpu.power.requested_limit': 'power.limit',
  'gpu.power.current_limit': 'enforced.power.limit',
};

export function canonicalField(field: string): string {
  const name = field.replace(/ \[[^\]]*\]$/, '').trim();
  if (name.startsWith('clocks_throttle_reasons.'))
    return `clocks_event_reasons.${name.slice('clocks_throttle_reasons.'.length)}`;
  return ALIASES[name] ?? name;
}

export interface ClockEventReasons {
  /** The bitmask as nvidia-smi printed it, e.g. "0x0000000000000004"; null when unavailable. */
  mask: string | null;
  active: string[];
}

export interface GpuSample {
  /** Host-local time nvidia-smi printed (no zone), when `timestamp` was queried. */
  timestamp: string | null;
  index: number | null;
  uuid: string | null;
  name: string | null;
  utilizationGpuPercent: number | null;
  utilizationMemoryPercent: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerDrawW: number | null;
  powerLimitW: number | null;
  smClockMHz: number | null;
  memClockMHz: number | null;
  clockEventReasons: ClockEventReasons;
  eccCorrectedVolatile: number | null;
  eccUncorrectedVolatile: number | null;
  remappedRowsCorrectable: number | null;
  remappedRowsUncorrectable: number | null;
  remappedRowsPending: boolean | null;
  remappedRowsFailure: boolean | null;
  pstate: string | null;
  /** Every column by its canonical field name, units stripped; null when not available. */
  fields: Record<string, string | null>;
  /** Why a field is null: "[N/A]", "[Not Supported]", ... as nvidia-smi printed it. */
  unavailable: Record<string, string>;
}

export interface NvidiaSmiResult {
  fields: string[];
  hasHeader: boolean;
  gpus: GpuSample[];
  errors: ParseIssue[];
}

export interface NvidiaSmiOptions {
  /** The --query-gpu list, needed when the output has no header (default: GPU_QUERY_FIELDS). */
  fields?: readonly string[];
}

const UNITS = [' MiB', ' W', ' MHz', ' %', ' C', ' KiB', ' GiB', ' us', ' ms'];

function stripUnit(value: string): string {
  for (const unit of UNITS) if (value.endsWith(unit)) return value.slice(0, -unit.length);
  return value;
}

const isUnavailable = (v: string) => (v.startsWith('[') && v.endsWith(']')) || v === 'N/A';

export function decodeClockEventReasons(mask: string | number | bigint): string[] {
  let bits: bigint;
  try {
    bits = typeof mask === 'bigint' ? mask : BigInt(mask);
  } catch {
    return [];
  }
  const names = CLOCK_EVENT_REASONS.filter(([bit]) => (bits & BigInt(bit)) !== 0n).map(
    ([, name]) => name,
  );
  const known = CLOCK_EVENT_REASONS.reduce((acc, [bit]) => acc | BigInt(bit), 0n);
  const unknown = bits & ~known;
  if (unknown !== 0n) names.push(`Unknown reason 0x${unknown.toString(16)}`);
  return names;
}

// A header cell is a field name, optionally followed by its unit in brackets.
const looksLikeHeader = (cells: readonly string[]) =>
  cells.length > 0 && cells.every((c) => /^[a-z][A-Za-z0-9_.]*( \[[^\]]*\])?$/.test(c));

function numberOf(fields: Record<string, string | null>, key: string): number | null {
  const v = fields[key];
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function yesNo(v: string | null | undefined): boolean | null {
  return v === 'Yes' ? true : v === 'No' ? false : null;
}

function toSample(
  fields: Record<string, string | null>,
  unavailable: Record<string, string>,
): GpuSample {
  const text = (key: string) => fields[key] ?? null;
  const mask = text('clocks_event_reasons.active');
  return {
    timestamp: text('timestamp'),
    index: numberOf(fields, 'index'),
    uuid: text('uuid'),
    name: text('name'),
    utilizationGpuPercent: numberOf(fields, 'utilization.gpu'),
    utilizationMemoryPercent: numberOf(fields, 'utilization.memory'),
    memoryUsedMiB: numberOf(fields, 'memory.used'),
    memoryTotalMiB: numberOf(fields, 'memory.total'),
    temperatureC: numberOf(fields, 'temperature.gpu'),
    powerDrawW: numberOf(fields, 'power.draw'),
    powerLimitW: numberOf(fields, 'power.limit'),
    smClockMHz: numberOf(fields, 'clocks.current.sm'),
    memClockMHz: numberOf(fields, 'clocks.current.memory'),
    clockEventReasons: { mask, active: mask === null ? [] : decodeClockEventReasons(mask) },
    eccCorrectedVolatile: numberOf(fields, 'ecc.errors.corrected.volatile.total'),
    eccUncorrectedVolatile: numberOf(fields, 'ecc.errors.uncorrected.volatile.total'),
    remappedRowsCorrectable: numberOf(fields, 'remapped_rows.correctable'),
    remappedRowsUncorrectable: numberOf(fields, 'remapped_rows.uncorrectable'),
    remappedRowsPending: yesNo(fields['remapped_rows.pending']),
    remappedRowsFailure: yesNo(fields['remapped_rows.failure']),
    pstate: text('pstate'),
    fields,
    unavailable,
  };
}

/** Parses the CSV. Never throws; a row it cannot read is reported with its line and skipped. */
export function parseNvidiaSmiCsv(input: string, options: NvidiaSmiOptions = {}): NvidiaSmiResult {
  const errors: ParseIssue[] = [];
  const gpus: GpuSample[] = [];
  let fields = (options.fields ?? GPU_QUERY_FIELDS).map(canonicalField);
  let hasHeader = false;
  const lines = input.split('\n');
  for (let i = 0; i < lines.length && errors.length < MAX_ISSUES; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!hasHeader && gpus.length === 0 && looksLikeHeader(cells)) {
      fields = cells.map(canonicalField);
      hasHeader = true;
      continue;
    }
    if (cells.length !== fields.length) {
      errors.push({
        line: i + 1,
        message: `expected ${fields.length} comma-separated fields (${fields.slice(0, 3).join(', ')}, ...), found ${cells.length}`,
      });
      continue;
    }
    const values: Record<string, string | null> = {};
    const unavailable: Record<string, string> = {};
    fields.forEach((field, k) => {
      const cell = cells[k] ?? '';
      if (isUnavailable(cell)) {
        values[field] = null;
        unavailable[field] = cell;
      } else {
        values[field] = stripUnit(cell);
      }
    });
    const bad = ['index', 'memory.total', 'power.draw'].find(
      (f) => values[f] != null && numberOf(values, f) === null,
    );
    if (bad) {
      errors.push({
        line: i + 1,
        message: `field ${bad} is not a number: ${JSON.stringify(values[bad])}`,
      });
      continue;
    }
    gpus.push(toSample(values, unavailable));
  }
  return { fields, hasHeader, gpus, errors };
}
