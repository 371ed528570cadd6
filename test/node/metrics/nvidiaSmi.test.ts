// nvidia-smi query output captured on a real H100, idle and at its 700 W power cap.
import { describe, expect, it } from 'vitest';
import {
  CLOCK_EVENT_REASONS,
  decodeClockEventReasons,
  GPU_QUERY_FIELDS,
  parseNvidiaSmiCsv,
} from '../../../shared/domain/metrics/nvidiaSmi.ts';
import { readFixture } from '../../helpers/fixtures.ts';

const smi = (file: string) => readFixture('nvidia-smi', file);
const idle = parseNvidiaSmiCsv(smi('smi-query-idle.csv'));
// The header-less captures used the same --query-gpu list as the headed one.
const queried = idle.fields;

describe('nvidia-smi --query-gpu CSV', () => {
  it('reads the header, units and values of an idle H100', () => {
    expect(idle.errors).toEqual([]);
    expect(idle.hasHeader).toBe(true);
    expect(idle.gpus).toHaveLength(1);
    expect(idle.gpus[0]).toMatchObject({
      index: 0,
      uuid: 'GPU-095784a7-e3cc-5c07-4ee5-965329282ed7',
      name: 'NVIDIA H100 80GB HBM3',
      utilizationGpuPercent: 0,
      memoryUsedMiB: 0,
      memoryTotalMiB: 81559,
      temperatureC: 39,
      powerDrawW: 119.53,
      powerLimitW: 700,
      smClockMHz: 420,
      memClockMHz: 2619,
      clockEventReasons: { mask: '0x0000000000000001', active: ['GPU idle'] },
      eccCorrectedVolatile: 0,
      eccUncorrectedVolatile: 0,
      remappedRowsPending: false,
      remappedRowsFailure: false,
      pstate: 'P0',
    });
  });

  it('keeps [N/A] fields as null with the reason', () => {
    const gpu = idle.gpus[0];
    expect(gpu?.fields['retired_pages.pending']).toBeNull();
    expect(gpu?.unavailable['retired_pages.pending']).toBe('[N/A]');
    expect(gpu?.unavailable['fan.speed']).toBe('[N/A]');
    expect(
      parseNvidiaSmiCsv('0, GPU-x, T4, [Not Supported]\n', {
        fields: ['index', 'uuid', 'name', 'power.draw'],
      }).gpus[0],
    ).toMatchObject({
      powerDrawW: null,
      unavailable: { 'power.draw': '[Not Supported]' },
    });
  });

  it('shows the GPU at its 700 W power cap under load, held back by "SW power cap"', () => {
    const load = parseNvidiaSmiCsv(smi('smi-query-load.csv'));
    expect(load.errors).toEqual([]);
    const gpu = load.gpus[0];
    expect(gpu?.powerDrawW).toBeGreaterThan(690);
    expect(gpu?.powerLimitW).toBe(700);
    expect(gpu?.utilizationGpuPercent).toBe(100);
    expect(gpu?.clockEventReasons.active).toEqual(['SW power cap']);
  });

  it('reads the same output without header and units given the queried fields', () => {
    const result = parseNvidiaSmiCsv(smi('smi-query-idle-nounits.csv'), { fields: queried });
    expect(result.errors).toEqual([]);
    expect(result.hasHeader).toBe(false);
    expect(result.gpus[0]).toMatchObject({
      powerDrawW: 116.46,
      memoryTotalMiB: 81559,
      smClockMHz: 390,
    });
  });

  it('reads every row of a -lms 500 stream', () => {
    const result = parseNvidiaSmiCsv(smi('smi-query-load-stream.csv'), { fields: queried });
    expect(result.errors).toEqual([]);
    expect(result.gpus).toHaveLength(19);
    for (const gpu of result.gpus) {
      expect(gpu.timestamp).toMatch(/^2026\/11\/26 04:52:/);
      expect(gpu.powerDrawW).toBeGreaterThan(650);
      expect(gpu.clockEventReasons.active).toContain('SW power cap');
    }
  });

  it("reads the inference run's one-second series, query names and all", () => {
    const result = parseNvidiaSmiCsv(readFixture('inference-run/smi-timeseries.csv'));
    expect(result.errors).toEqual([]);
    expect(result.gpus.length).toBe(122);
    expect(result.fields).toContain('clocks.current.sm');
    expect(Math.max(...result.gpus.map((g) => g.utilizationGpuPercent ?? 0))).toBeGreaterThan(0);
  });

  it('reports a row with the wrong number of fields by its line and keeps the others', () => {
    const text = `${smi('smi-query-idle.csv').trimEnd()}\n1, 2, 3\n`;
    const result = parseNvidiaSmiCsv(text);
    expect(result.gpus).toHaveLength(1);
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringContaining('expected 34') as string },
    ]);
  });
});

describe('clock event reasons', () => {
  it('decodes every NVML bit, in the words nvidia-smi -q uses', () => {
    expect(decodeClockEventReasons('0x0000000000000004')).toEqual(['SW power cap']);
    expect(decodeClockEventReasons('0x0000000000000060')).toEqual([
      'SW thermal slowdown',
      'HW thermal slowdown',
    ]);
    expect(decodeClockEventReasons(0x1ff)).toHaveLength(9);
    expect(decodeClockEventReasons('0x0000000000000000')).toEqual([]);
    expect(decodeClockEventReasons('0x1000')).toEqual(['Unknown reason 0x1000']);
    expect(decodeClockEventReasons('garbage')).toEqual([]);
  });

  it('agrees with the "Clocks Event Reasons" section of nvidia-smi -q, idle and under load', () => {
    const active = (file: string) => {
      const text = smi(file);
      const section = text.slice(
        text.indexOf('Clocks Event Reasons\n'),
        text.indexOf('Clocks Event Reasons Counters'),
      );
      return section
        .split('\n')
        .filter((l) => /:\s+Active$/.test(l))
        .map((l) => l.split(':')[0]?.trim().toLowerCase());
    };
    const names = (mask: string) =>
      decodeClockEventReasons(mask).map((n) => n.toLowerCase().replace('gpu idle', 'idle'));
    expect(names('0x1')).toEqual(active('smi-q-idle.txt'));
    expect(names('0x4')).toEqual(active('smi-q-load.txt'));
    expect(CLOCK_EVENT_REASONS.map(([bit]) => bit)).toEqual([
      0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100,
    ]);
  });
});

describe('the agent query', () => {
  it('asks only for fields nvidia-smi --help-query-gpu lists', () => {
    const help = readFixture('nvidia-smi/smi-help-query-gpu.txt');
    for (const field of GPU_QUERY_FIELDS) expect(help).toContain(`"${field}"`);
  });
});
