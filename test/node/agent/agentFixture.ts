// Starts a real agent (fresh identity, spool and config in a temp dir) on 127.0.0.1 with a
// scripted collector, so tests decide exactly when telemetry is produced.
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startAgent, type RunningAgent } from '../../../agent/agent.ts';
import type { Collector, CollectorOutput } from '../../../agent/collectors/collector.ts';
import { parseAgentConfig, type AgentConfig } from '../../../agent/config.ts';
import { initAgent } from '../../../agent/identity.ts';
import { memoryLogger } from '../../../agent/log.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { connectOk, type TestConsole } from './consoleClient.ts';
import type { KeyAndCertificate } from '../../helpers/agentCerts.ts';

export interface TestAgent {
  agent: RunningAgent;
  url: string;
  dir: string;
  identityDir: string;
  pairingCode: string;
  secret: string;
  fingerprint: string;
  logs: ReturnType<typeof memoryLogger>;
  config: AgentConfig;
  /** Queues samples for the scripted collector, collects and spools them as one batch now. */
  produce(output: CollectorOutput): Promise<number[]>;
}

export interface TestAgentOptions {
  yaml?: string;
  dir?: string;
  /** How often the sampler spools what collectors produced (default: only when the test calls produce). */
  batchIntervalMs?: number;
  /** Collectors that sample on their own intervals, besides the scripted one. */
  collectors?: Collector[];
}

export async function startTestAgent(options: TestAgentOptions = {}): Promise<TestAgent> {
  const dir = options.dir ?? tempDir('mirqab-agent-');
  const identityDir = join(dir, 'identity');
  const { pairingCode } = await initAgent(identityDir, { name: 'test-host' });
  const code = parsePairingCode(pairingCode);
  if (!code.ok) throw new Error(code.reason);
  const parsed = parseAgentConfig(
    [
      'listen: { host: 127.0.0.1, port: 0 }',
      'identityDir: identity',
      'spool: { dir: spool }',
      `batchIntervalMs: ${options.batchIntervalMs ?? 60000}`,
      options.yaml ?? '',
    ].join('\n'),
    dir,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const queue: CollectorOutput[] = [];
  const scripted: Collector = {
    name: 'scripted',
    intervalMs: 3_600_000,
    collect: () => Promise.resolve(queue.shift() ?? { samples: [], events: [] }),
  };
  const logs = memoryLogger();
  const agent = await startAgent(parsed.config, {
    logger: logs,
    extraCollectors: [scripted, ...(options.collectors ?? [])],
  });
  onTestFinished(() => agent.stop());
  return {
    agent,
    url: `wss://127.0.0.1:${agent.port}`,
    dir,
    identityDir,
    pairingCode,
    secret: code.code.secret,
    fingerprint: code.code.fingerprint,
    logs,
    config: parsed.config,
    async produce(output) {
      await agent.sampler.collectAll(); // lets the collection started by sampler.start() finish first
      queue.push(output);
      await agent.sampler.collectAll();
      return agent.sampler.flush();
    },
  };
}

/** Pairs a console certificate with the agent (the enrolment exchange), then returns. */
export async function pair(t: TestAgent, cert: KeyAndCertificate): Promise<void> {
  const c = await connectOk(t.url, cert);
  c.send({ type: 'pair', secret: t.secret, consoleName: 'test console' });
  await c.next('paired');
  await c.closed;
}

/** Connects as the paired console and completes the hello exchange; features: what this console announces. */
export async function openSession(
  t: TestAgent,
  cert: KeyAndCertificate,
  features?: string[],
): Promise<TestConsole> {
  const c = await connectOk(t.url, cert);
  await c.next('hello');
  c.send({
    type: 'hello',
    v: 1,
    role: 'console',
    id: 'site-test',
    name: 'test console',
    sentAtMs: Date.now(),
    ...(features ? { features } : {}),
  });
  return c;
}
