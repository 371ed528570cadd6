// A simulated site: N real agents (real identities, spools, wss + mutual TLS on 127.0.0.1, the
// real protocol, `simulated: true` in hello) whose only collector is the shared simulation. One
// timer drives every agent: it advances the simulation clock, hands each agent its samples and
// spools them, and applies host_down / network_partition to the agents and their links.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAgent, type RunningAgent } from '../agent.ts';
import type { Collector } from '../collectors/collector.ts';
import { AgentConfigSchema, type AgentConfig } from '../config.ts';
import { currentPairingCode, initAgent, loadIdentity } from '../identity.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';
import type { ActiveFault, FaultInput } from './faults.ts';
import { SIMULATED_ACTIONS, simulatedActionExecutor } from './actions.ts';
import { openHostLink, type HostLink, type LinkEvent } from './hostLink.ts';
import { Simulation } from './model.ts';
import { DEFAULT_MODELS } from './modelVersions.ts';
import { PredictionLogWriter, simulatedDriftLog } from './predictionLog.ts';
import { hashSeed, mulberry32 } from './prng.ts';

export { DEFAULT_MODELS };
const SPOOL_BYTES = 64 * 1024 * 1024;
/** A clock that jumps ahead (a stalled process, an e2e spec's clock) is caught up one sample this often. */
const CATCH_UP_SAMPLE_MS = 15 * SECOND_MS;
/** At most this much of a clock jump is written to the simulated prediction logs. */
const PREDICTION_CATCH_UP_MS = 15 * MINUTE_MS;
/** Agents are created this many at a time (key generation and TLS set-up are the slow part). */
const START_CONCURRENCY = 16;

export interface SimulatedFleetOptions {
  hosts: number;
  gpusPerHost: number;
  models?: string[];
  seed?: number | string;
  /** Identities, spools and link ports live here; a second start with the same dir reuses them (and the pairings). */
  dir: string;
  /** Runs the traffic day this many times faster (a 24 h curve in 24 h / speed); timestamps stay real. */
  speed?: number;
  sampleIntervalMs?: number;
  /** First public port (host i gets basePort + i); default: the ports of the last run in dir, else any free port. */
  basePort?: number;
  namePrefix?: string;
  logger?: Logger;
  /** The simulation clock (default Date.now); tests pass their own and call tick(). */
  now?: () => number;
  /** Drive the simulation with one timer (default true); false leaves it to tick(). */
  autoTick?: boolean;
  /** When the traffic day begins (see SimulationOptions); default midnight UTC. */
  trafficDayStartMs?: number;
  /** Each inbound connection at a host's link: forwarded to the agent, or held unanswered by a partition. */
  onLinkEvent?: (host: string, event: LinkEvent) => void;
  /** Model services write prediction logs their agents follow for drift (default false: disk and CPU). */
  predictionLogs?: boolean;
}

export interface SimulatedAgent {
  agentId: string;
  name: string;
  port: number;
  /** host:port, as the console's "add host" form takes it. */
  address: string;
  /** Null once this agent is paired (a reused dir); `mirqab-agent unpair --dir` issues a new one. */
  pairingCode: string | null;
  fingerprint: string;
  identityDir: string;
}

export interface SimulatedFleet {
  agents: SimulatedAgent[];
  simulation: Simulation;
  /** Injects a fault now (validated; RangeError for an unknown host, GPU or model) and reports it as a fault_injected event. */
  inject(fault: FaultInput): Promise<ActiveFault>;
  activeFaults(): ActiveFault[];
  /** The running agent behind a host, or null while the host is down. */
  runningAgent(name: string): RunningAgent | null;
  /** Advances the simulation to now, applies host faults and spools every up agent's samples. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

interface Member {
  info: SimulatedAgent;
  index: number;
  config: AgentConfig;
  link: HostLink;
  agent: RunningAgent | null;
  pending: Sample[];
  collector: Collector;
  /** Prediction logs by model, and the simulated time they have been written up to. */
  logs: Map<string, PredictionLogWriter>;
  loggedUntilMs: number;
}

async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function openLink(
  hostDir: string,
  preferred: number | undefined,
  onEvent: (event: LinkEvent) => void,
): Promise<HostLink> {
  const portFile = join(hostDir, 'link-port');
  const remembered = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : 0;
  const wanted = preferred ?? (Number.isInteger(remembered) ? remembered : 0);
  let link: HostLink;
  try {
    link = await openHostLink('127.0.0.1', wanted, onEvent);
  } catch (error) {
    // A remembered port someone else took is not worth failing for; an explicit --base-port is.
    if (preferred !== undefined || wanted === 0) throw error;
    link = await openHostLink('127.0.0.1', 0, onEvent);
  }
  writeFileSync(portFile, `${link.port}\n`);
  return link;
}

export async function startSimulatedFleet(options: SimulatedFleetOptions): Promise<SimulatedFleet> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const dir = resolve(options.dir);
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError('speed must be a positive number');
  const simulation = new Simulation({
    hosts: options.hosts,
    gpusPerHost: options.gpusPerHost,
    models: options.models ?? DEFAULT_MODELS,
    seed: options.seed ?? 1,
    startMs: now(),
    dayLengthMs: DAY_MS / speed,
    trafficDayStartMs: options.trafficDayStartMs,
    namePrefix: options.namePrefix,
  });

  // Ticks, injections and simulated actions run one at a time, in order, so none lands mid-step.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const members: Member[] = [];
  // Steps the simulation to now; across a jump, every up agent gets a sample each CATCH_UP_SAMPLE_MS,
  // so each minute of the gap still has its counters (one sample at the end would merge the minutes).
  const advance = () => {
    const to = now();
    while (simulation.timeMs + CATCH_UP_SAMPLE_MS < to) {
      simulation.advanceTo(simulation.timeMs + CATCH_UP_SAMPLE_MS);
      for (const member of members)
        if (member.agent) member.pending.push(...simulation.samples(member.index));
    }
    simulation.advanceTo(to);
  };
  const applyNow = <T>(change: () => T): Promise<T> =>
    serial(() => {
      advance();
      return Promise.resolve(change());
    });

  const startMember = async (member: Member) => {
    const declaredActions = {
      specs: SIMULATED_ACTIONS,
      execute: simulatedActionExecutor(simulation, member.info.name, applyNow, now),
    };
    const agent = await startAgent(member.config, {
      logger,
      extraCollectors: [member.collector],
      simulated: true,
      durableSpool: false,
      declaredActions,
      // Its services write their prediction logs in simulated time, so drift windows are timed by it too.
      driftNow: now,
    });
    member.agent = agent;
    member.link.setAgentPort(agent.port);
  };

  const stopAll = async () => {
    await Promise.all(
      members.map(async (m) => {
        await m.agent?.stop();
        m.agent = null;
        await m.link.close();
      }),
    );
  };
  try {
    await mapLimited(simulation.hosts, START_CONCURRENCY, async (host, index) => {
      const hostDir = join(dir, host.name);
      const identityDir = join(hostDir, 'identity');
      mkdirSync(hostDir, { recursive: true });
      let pairingCode: string | null;
      if (existsSync(join(identityDir, 'agent.json')))
        pairingCode = currentPairingCode(identityDir);
      else pairingCode = (await initAgent(identityDir, { name: host.name })).pairingCode;
      const identity = loadIdentity(identityDir);
      const config = AgentConfigSchema.parse({
        listen: { host: '127.0.0.1', port: 0 },
        identityDir,
        spool: { dir: join(hostDir, 'spool'), maxBytes: SPOOL_BYTES },
        drift: options.predictionLogs
          ? host.services.map((s) => simulatedDriftLog(hostDir, s.model, s.version))
          : [],
      });
      const link = await openLink(
        hostDir,
        options.basePort === undefined ? undefined : options.basePort + index,
        (event) => options.onLinkEvent?.(host.name, event),
      );
      const member: Member = {
        index,
        config,
        link,
        agent: null,
        pending: [],
        logs: new Map(
          options.predictionLogs
            ? host.services.map((s) => [s.model, new PredictionLogWriter(hostDir, s.model)])
            : [],
        ),
        loggedUntilMs: simulation.timeMs,
        info: {
          agentId: identity.agentId,
          name: host.name,
          port: link.port,
          address: `127.0.0.1:${link.port}`,
          pairingCode,
          fingerprint: identity.fingerprint,
          identityDir,
        },
        // The sampler's own timer for it is hourly and finds nothing new: the fleet tick fills `pending`.
        collector: {
          name: 'simulator',
          intervalMs: HOUR_MS,
          collect: () => Promise.resolve({ samples: member.pending.splice(0), events: [] }),
        },
      };
      members[index] = member;
      await startMember(member);
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  const applyHostFaults = async (member: Member) => {
    const name = member.info.name;
    const t = simulation.timeMs;
    if (simulation.faults.isHostDown(name, t)) {
      if (member.agent) {
        await member.link.setState('down');
        const agent = member.agent;
        member.agent = null;
        member.link.setAgentPort(null);
        await agent.stop();
        logger.warn('simulated host down', { host: name });
      }
      return;
    }
    if (!member.agent) {
      await startMember(member);
      logger.info('simulated host back up', { host: name });
    }
    await member.link.setState(simulation.faults.isPartitioned(name, t) ? 'partitioned' : 'up');
  };

  const logRandom = mulberry32(hashSeed(String(options.seed ?? 'mirqab'), 'predictions'));
  // Each simulated minute is logged and read on its own, so a clock jump still gives the agent one
  // drift window per minute; a gap longer than this is logged for its last part only.
  const writePredictionLogs = (member: Member) => {
    const t = simulation.timeMs;
    let from = Math.max(member.loggedUntilMs, t - PREDICTION_CATCH_UP_MS);
    member.loggedUntilMs = t;
    const host = simulation.hosts[member.index]!;
    while (from < t) {
      const to = Math.min(t, from + MINUTE_MS);
      for (const [model, writer] of member.logs) {
        const effects = simulation.faults.model(host.name, model, to).drift;
        writer.write((to - from) / SECOND_MS, effects, logRandom, to);
      }
      member.agent?.drift?.tick(to);
      from = to;
    }
  };

  const tickOnce = async () => {
    advance();
    for (const member of members) {
      await applyHostFaults(member);
      if (!member.agent) continue;
      member.pending.push(...simulation.samples(member.index));
      writePredictionLogs(member);
      await member.agent.sampler.collectAll();
      member.agent.sampler.flush();
    }
  };

  const interval = options.sampleIntervalMs ?? 5000;
  const timer =
    options.autoTick === false
      ? null
      : setInterval(
          () =>
            void serial(tickOnce).catch((error: unknown) =>
              logger.error('simulation tick failed', { error: String(error) }),
            ),
          interval,
        );
  let stopped = false;

  return {
    agents: members.map((m) => m.info),
    simulation,
    inject: (input) =>
      serial(async () => {
        advance();
        const { fault, event } = simulation.inject(input);
        const member = members.find((m) => m.info.name === fault.spec.target.host)!;
        if (member.agent) {
          // Spooled before a host_down takes the agent away, so the console learns why it went quiet.
          member.agent.sampler.addEvent(event);
          member.agent.sampler.flush();
        }
        await applyHostFaults(member);
        return fault;
      }),
    activeFaults: () => simulation.faults.active(simulation.timeMs),
    runningAgent: (name) => members.find((m) => m.info.name === name)?.agent ?? null,
    tick: () => serial(tickOnce),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      await serial(stopAll);
    },
  };
}
