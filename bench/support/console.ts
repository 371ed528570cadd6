// A real console for benches: encrypted store in a temp dir, the system clock, a signed-in admin
// client, and one cluster to enrol hosts into. `fleet` passes fleet config; `onBatchCommitted` hears each committed telemetry batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsole, type ConsoleOptions } from '../../main/index.ts';
import type { CallContext, ConsoleApp } from '../../main/api/types.ts';
import { silentLogger } from '../../main/log.ts';
import type { BatchCommittedListener } from '../../main/fleet/ingestEvents.ts';
import type { FleetConfig } from '../../main/fleet/service.ts';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Result,
} from '../../shared/ipc/contract.ts';

export const PASSPHRASE = 'bench passphrase 123';
export const ADMIN_PASSWORD = 'bench-password-1';

export interface BenchClient {
  must<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export interface BenchConsole {
  app: ConsoleApp;
  dataDir: string;
  recoveryKey: string;
  admin: BenchClient;
  clusterId: number;
  close(): void;
  /** Closes and deletes the data dir. */
  cleanup(): void;
}

function clientOf(app: ConsoleApp): BenchClient {
  const ctx: CallContext = {
    client: 'bench',
    sessionToken: null,
    setSessionToken(token) {
      ctx.sessionToken = token;
    },
  };
  return {
    async must(channel, input) {
      const result = (await app.dispatch(ctx, channel, input)) as Result<
        ChannelOutput<typeof channel>
      >;
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

export function machineLine(): string {
  return `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`;
}

export async function startBenchConsole(
  fleet: Partial<FleetConfig> = {},
  onBatchCommitted?: BatchCommittedListener,
): Promise<BenchConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-bench-'));
  const setupApp = await createConsole({
    dataDir,
    shell: 'browser',
    version: 'bench',
    logger: silentLogger,
  });
  const { recoveryKey } = await clientOf(setupApp).must('setup.create', {
    siteName: 'Bench site',
    timeZone: 'Asia/Dubai',
    passphrase: PASSPHRASE,
    adminUsername: 'admin',
    adminDisplayName: 'Bench Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  setupApp.close();
  return open(dataDir, recoveryKey, fleet, true, onBatchCommitted);
}

/** Opens an existing bench site again (after the bench wrote to its store directly). */
startBenchConsole.reopen = (
  dataDir: string,
  recoveryKey: string,
  fleet: Partial<FleetConfig> = {},
  extra: Partial<ConsoleOptions> = {},
) => open(dataDir, recoveryKey, fleet, false, undefined, extra);

async function open(
  dataDir: string,
  recoveryKey: string,
  fleet: Partial<FleetConfig>,
  first: boolean,
  onBatchCommitted?: BatchCommittedListener,
  extra: Partial<ConsoleOptions> = {},
): Promise<BenchConsole> {
  const app = await createConsole({
    ...extra,
    dataDir,
    shell: 'browser',
    version: 'bench',
    logger: silentLogger,
    passphrase: PASSPHRASE,
    fleet,
    onBatchCommitted,
  });
  const admin = clientOf(app);
  await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  const clusterId = first
    ? (
        await admin.must('fleet.createCluster', {
          name: 'Bench pod',
          site: 'Bench DC',
          kind: 'gpu_cluster',
          labels: {},
        })
      ).id
    : (await admin.must('fleet.clusters', {}))[0]!.id;
  let closed = false;
  const close = () => {
    if (!closed) app.close();
    closed = true;
  };
  return {
    app,
    dataDir,
    recoveryKey,
    admin,
    clusterId,
    close,
    cleanup() {
      close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrols every address with its pairing code, a few at a time; returns the host ids. */
export async function enrolAll(
  c: BenchConsole,
  agents: { address: string; pairingCode: string; name: string }[],
  concurrency = 4,
): Promise<number[]> {
  const ids: number[] = new Array<number>(agents.length);
  let next = 0;
  const worker = async () => {
    while (next < agents.length) {
      const i = next++;
      const a = agents[i]!;
      const host = await c.admin.must('fleet.enrol', {
        address: a.address,
        pairingCode: a.pairingCode,
        name: a.name,
        clusterId: c.clusterId,
      });
      ids[i] = host.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
