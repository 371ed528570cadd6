// Composition root of the agent: identity → spool and result store → action runner → sampler →
// wss server, in that order, and the reverse on stop. No globals: everything comes from the config
// and options.
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { AgentConfig, ScrapeTarget } from './config.ts';
import { createActionRunner, createDeclaredActionRunner, type ActionExecutor } from './actions.ts';
import type { Collector } from './collectors/collector.ts';
import { createGpuCollector } from './collectors/gpuCollector.ts';
import { createHostCollector } from './collectors/host.ts';
import { createScrapeCollector } from './collectors/scrape.ts';
import type { DriftMonitor } from './drift/monitor.ts';
import { loadIdentity } from './identity.ts';
import { stderrLogger, type Logger } from './log.ts';
import { droppedResultEvent, ResultStore, type CommandResult } from './resultStore.ts';
import { createSampler, type Sampler } from './sampler.ts';
import { startAgentServer, type AgentServer } from './server.ts';
import { startSession, type Session } from './session.ts';
import { Spool } from './spool.ts';
import { openWitness, type Witness } from './witness.ts';
import type { ActionSpec, AgentEvent } from '../shared/agent-protocol/index.ts';

/** The GPU and scrape collectors the config names; tests and the simulator may replace them. */
export interface CollectorFactories {
  gpu?: (options: NonNullable<AgentConfig['collectors']['gpu']>) => Collector;
  scrape?: (target: ScrapeTarget) => Collector;
}

export interface StartAgentOptions {
  logger?: Logger;
  collectorFactories?: CollectorFactories;
  /** Collectors beyond those the config names (the simulator's, tests'). */
  extraCollectors?: Collector[];
  /** Marks hello as simulated, so the console never mixes drill data with real figures. */
  simulated?: boolean;
  /** Actions run by something other than the config's programs (the simulator's); they replace `config.actions`. */
  declaredActions?: { specs: ActionSpec[]; execute: ActionExecutor };
  /** fsync each spooled batch (default true). */
  durableSpool?: boolean;
  heartbeatMs?: number;
  now?: () => number;
  /**
   * Simulated hosts: the clock their prediction logs are timed by. The monitor then has no timer of
   * its own; the simulator ticks it after logging each simulated minute (`drift.tick(atMs)`).
   */
  driftNow?: () => number;
  /** Witness the console's audit checkpoints (default: yes, except for simulated agents, whose word is no evidence). */
  witness?: boolean;
}

export interface RunningAgent {
  port: number;
  agentId: string;
  /** What the console pins (also inside the pairing code). */
  fingerprint: string;
  epoch: string;
  sampler: Sampler;
  /** Follows the configured prediction logs; absent when the config names none. */
  drift?: DriftMonitor;
  spool: Spool;
  /** Action results not yet acked by the console that asked for them. */
  results: ResultStore;
  /** Re-reads the console pin now (after `unpair`), closing a revoked console's session. */
  revalidate(): void;
  stop(): Promise<void>;
}

export const DEFAULT_COLLECTOR_FACTORIES: Required<CollectorFactories> = {
  gpu: (options) =>
    createGpuCollector({ intervalMs: options.intervalMs, binary: options.nvidiaSmiPath }),
  scrape: (target) => createScrapeCollector(target),
};

export function buildCollectors(
  config: AgentConfig,
  factories: CollectorFactories = {},
): Collector[] {
  const make = { ...DEFAULT_COLLECTOR_FACTORIES, ...factories };
  const collectors: Collector[] = [];
  const { host, gpu, scrape } = config.collectors;
  if (host)
    collectors.push(
      createHostCollector({
        intervalMs: host.intervalMs,
        mounts: host.mounts,
        procRoot: host.procRoot,
      }),
    );
  if (gpu) collectors.push(make.gpu(gpu));
  for (const target of scrape) collectors.push(make.scrape(target));
  return collectors;
}

export async function startAgent(
  config: AgentConfig,
  options: StartAgentOptions = {},
): Promise<RunningAgent> {
  const logger = options.logger ?? stderrLogger;
  const now = options.now ?? Date.now;
  // The drift monitor (sketches, CSV reader) is loaded only on hosts whose config follows a log.
  const driftModule = config.drift.length > 0 ? await import('./drift/monitor.ts') : undefined;
  const identity = loadIdentity(config.identityDir);
  const spool = Spool.open({
    dir: config.spool.dir,
    maxBytes: config.spool.maxBytes,
    durable: options.durableSpool ?? true,
    logger,
    now,
  });
  const results = ResultStore.open({
    dir: join(config.spool.dir, 'results'),
    durable: options.durableSpool ?? true,
    logger,
    now,
  });
  const sessions = new Map<WebSocket, Session>();
  let witness: Witness | undefined;
  try {
    witness =
      (options.witness ?? !options.simulated) ? openWitness(config.identityDir, now) : undefined;
  } catch (error) {
    // Telemetry and actions go on; the console sees an agent that does not witness, and the log says why.
    logger.error("cannot witness the console's audit log", {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const collectors = [
    ...buildCollectors(config, options.collectorFactories),
    ...(options.extraCollectors ?? []),
  ];
  const sampler = createSampler({
    collectors,
    spool,
    batchIntervalMs: config.batchIntervalMs,
    logger,
    now,
    onBatch: () => {
      for (const session of sessions.values()) session.pump();
    },
  });
  const drift = driftModule
    ? driftModule.startDriftMonitor({
        logs: config.drift,
        stateDir: join(config.spool.dir, 'drift'),
        onWindow: (window) => sampler.addDrift(window),
        logger,
        now: options.driftNow ?? now,
        pollMs: options.driftNow ? null : undefined,
      })
    : undefined;
  const runnerOptions = { logger, now, onEvent: (event: AgentEvent) => sampler.addEvent(event) };
  const actions = options.declaredActions
    ? createDeclaredActionRunner(
        options.declaredActions.specs,
        options.declaredActions.execute,
        runnerOptions,
      )
    : createActionRunner(config.actions, runnerOptions);
  const keepResult = (consoleFingerprint: string, result: CommandResult) => {
    try {
      for (const dropped of results.put(consoleFingerprint, result))
        sampler.addEvent(droppedResultEvent(dropped, now()));
    } catch (error) {
      // Still offered below: only a disconnect before the send loses it now, and that is logged.
      logger.error(
        'result store: could not keep an action result; sending it once without a copy',
        { commandId: result.id, error: String(error) },
      );
    }
    for (const session of sessions.values()) session.offerResult(consoleFingerprint, result);
  };
  let server: AgentServer | undefined;
  try {
    server = await startAgentServer({
      host: config.listen.host,
      port: config.listen.port,
      identity,
      logger,
      now,
      heartbeatMs: options.heartbeatMs,
      onSession(ws, peer) {
        const onRevoked = () => {
          const discarded = results.discardFor(peer.fingerprint);
          if (discarded > 0)
            logger.info("discarded the revoked console's unacknowledged action results", {
              results: discarded,
            });
          server?.revalidate();
        };
        const onWitnessRefused = (outcome: {
          code: string;
          reason: string;
          state: { checkpoint: { treeSize: number } } | null;
        }) =>
          sampler.addEvent({
            kind: 'witness_alarm',
            severity: 'critical',
            message: `refused to cosign the console's audit checkpoint: ${outcome.reason}`.slice(
              0,
              4000,
            ),
            tsMs: now(),
            details: {
              code: outcome.code,
              heldTreeSize: outcome.state?.checkpoint.treeSize ?? null,
            },
          });
        sessions.set(
          ws,
          startSession(ws, peer, {
            identity,
            spool,
            actions,
            results,
            keepResult,
            onRevoked,
            logger,
            now,
            simulated: options.simulated,
            witness,
            onWitnessRefused,
          }),
        );
        ws.on('close', () => sessions.delete(ws));
      },
    });
  } catch (error) {
    drift?.stop();
    spool.close();
    throw error;
  }
  sampler.addEvent({
    kind: 'started',
    severity: 'info',
    message: `agent ${identity.name} started`,
    tsMs: now(),
    details: {
      collectors: collectors.map((c) => c.name),
      actions: actions.specs.map((a) => a.name),
      epoch: spool.epoch,
      headSeq: spool.headSeq,
    },
  });
  sampler.start();
  logger.info('agent started', {
    agentId: identity.agentId,
    port: server.port,
    epoch: spool.epoch,
    headSeq: spool.headSeq,
    collectors: collectors.map((c) => c.name),
  });
  const running = server;
  return {
    port: running.port,
    agentId: identity.agentId,
    fingerprint: identity.fingerprint,
    epoch: spool.epoch,
    sampler,
    drift,
    spool,
    results,
    revalidate: () => running.revalidate(),
    async stop() {
      drift?.closeAll();
      drift?.stop();
      await sampler.stop();
      await running.close();
      spool.close();
      logger.info('agent stopped', { agentId: identity.agentId });
    },
  };
}
