// The GPU collector against stand-ins for nvidia-smi: none installed, one replaying a real H100
// capture, one whose driver is broken, one that hangs. No GPU exists on this machine.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectGpus } from '../../../agent/collectors/gpu.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { fixture } from '../../helpers/fixtures.ts';

function fakeSmi(script: string): string {
  const path = join(tempDir('mirqab-smi-'), 'nvidia-smi');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('GPU collector', () => {
  it('reports a host without nvidia-smi as absent, without throwing', async () => {
    const result = await collectGpus({ binary: join(tempDir(), 'no-such-nvidia-smi') });
    expect(result).toEqual({
      state: 'absent',
      reason: expect.stringContaining('not found') as string,
    });
  });

  it('reads the GPUs from nvidia-smi output (a real H100 capture replayed)', async () => {
    // The capture's own field list: the fake ignores the query, so the collector must be told it.
    const fields = [
      'timestamp',
      'name',
      'uuid',
      'index',
      'pci.bus_id',
      'driver_version',
      'vbios_version',
      'pstate',
      'temperature.gpu',
      'temperature.memory',
      'utilization.gpu',
      'utilization.memory',
      'memory.total',
      'memory.used',
      'memory.free',
      'power.draw',
      'power.limit',
      'enforced.power.limit',
      'clocks.current.sm',
      'clocks.current.memory',
      'clocks.max.sm',
      'clocks_event_reasons.active',
      'clocks_event_reasons.active',
      'ecc.mode.current',
      'ecc.errors.corrected.volatile.total',
      'ecc.errors.uncorrected.volatile.total',
      'retired_pages.pending',
      'remapped_rows.pending',
      'remapped_rows.failure',
      'fan.speed',
      'compute_mode',
      'mig.mode.current',
      'pcie.link.gen.current',
      'pcie.link.width.current',
    ];
    const binary = fakeSmi(`cat '${fixture('nvidia-smi', 'smi-query-load-stream.csv')}'`);
    const result = await collectGpus({ binary, fields });
    expect(result.state).toBe('ok');
    if (result.state !== 'ok') return;
    expect(result.gpus).toHaveLength(19);
    expect(result.gpus[0]).toMatchObject({
      name: 'NVIDIA H100 80GB HBM3',
      powerLimitW: 700,
      clockEventReasons: { active: ['SW power cap'] },
    });
  });

  it('passes its query as arguments, never through a shell', async () => {
    const binary = fakeSmi('for a in "$@"; do echo "$a" >&2; done; exit 1');
    const result = await collectGpus({ binary });
    expect(result.state).toBe('failed');
    if (result.state === 'failed') expect(result.reason).toContain('exit code 1');
  });

  it('reports a failing nvidia-smi as failed with its own message', async () => {
    const binary = fakeSmi(
      'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver."; exit 9',
    );
    const result = await collectGpus({ binary });
    expect(result).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/exit code 9.*couldn't communicate/) as string,
    });
  });

  it('reports "No devices were found" as absent', async () => {
    const result = await collectGpus({ binary: fakeSmi('echo "No devices were found"; exit 6') });
    expect(result.state).toBe('absent');
  });

  it('drops a field an older driver does not know and asks again', async () => {
    const binary =
      fakeSmi(`case "$1" in *remapped_rows.failure*) echo 'Field "remapped_rows.failure" is not a valid field to query.'; exit 2;; esac
echo "0, GPU-1, Tesla T4, 0, 0, 10, 15360, 30, 9.5, 70, 300, 405, 0x0000000000000001, 0, 0, 0, 0, No, P8"`);
    const result = await collectGpus({ binary });
    expect(result.state).toBe('ok');
    if (result.state === 'ok')
      expect(result.gpus[0]).toMatchObject({
        name: 'Tesla T4',
        remappedRowsFailure: null,
        pstate: 'P8',
      });
  });

  it('gives up on an nvidia-smi that hangs', async () => {
    const result = await collectGpus({ binary: fakeSmi('sleep 5'), timeoutMs: 300 });
    expect(result).toEqual({
      state: 'failed',
      reason: expect.stringContaining('within 300 ms') as string,
    });
  });

  it('reports unreadable output as failed', async () => {
    const result = await collectGpus({ binary: fakeSmi('echo "garbage"') });
    expect(result.state).toBe('failed');
  });
});
