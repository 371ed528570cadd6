// Child process for bench/fleetMemory.ts: a simulated site (agent/simulator/fleet.ts) of HOSTS agents
// with GPUS GPUs each. Prints one JSON line per agent ({address, pairingCode, name}), then "READY";
// stops and exits on "STOP" or when stdin closes. Env: HOSTS (200), GPUS (8), SAMPLE_MS (5000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSimulatedFleet } from '../../agent/simulator/fleet.ts';

const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-sim-'));
const fleet = await startSimulatedFleet({
  hosts: Number(process.env.HOSTS ?? 200),
  gpusPerHost: Number(process.env.GPUS ?? 8),
  sampleIntervalMs: Number(process.env.SAMPLE_MS ?? 5000),
  dir,
});
for (const a of fleet.agents)
  process.stdout.write(
    `${JSON.stringify({ address: a.address, pairingCode: a.pairingCode, name: a.name })}\n`,
  );
process.stdout.write('READY\n');
const stop = async () => {
  await fleet.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'STOP') void stop();
});
process.stdin.on('end', () => void stop());
