// Child process for bench/ingest.ts: N agents that cost almost nothing to run, so the offered load
// is set by the bench, not by how fast this process can build telemetry. Each is a real agent
// endpoint (agent/server.ts: its own identity, pairing, wss + mutual TLS on 127.0.0.1), but instead
// of collectors and a spool it replays telemetry frames encoded once: every frame is a few joined
// strings with a fresh seq and timestamp, sent as the console's acks allow (the same cumulative acks
// a real agent gets). Values cycle through VARIANTS pre-encoded sets, so they are not constants.
// Prints one JSON line per agent ({address, pairingCode, name}), then "READY"; sending starts when
// the parent writes "GO\n" and stops on "STOP\n" (then the process exits). "COUNT\n" is answered with
// "PRODUCED <due> <sent> <acked>": samples due so far, sent on the wire, and acked by the console.
// FRAME=columns sends the compact binary frame to a console that offers it (the series named in
// the first frame of each session, then columns only); FRAME=json (the default) the JSON frame.
// Env: AGENTS (50), SERIES (1500), COLLECT_MS (250), BATCH_MS (250), FRAME (json).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WebSocket } from 'ws';
import { initAgent, loadIdentity } from '../../agent/identity.ts';
import { silentLogger } from '../../agent/log.ts';
import { startAgentServer, type AgentServer } from '../../agent/server.ts';
import { encodeColumns, type SeriesDef } from '../../shared/agent-protocol/columns.ts';
import {
  decodeFrame,
  encodeFrame,
  FEATURES,
  PROTOCOL_VERSION,
} from '../../shared/agent-protocol/index.ts';

const AGENTS = Number(process.env.AGENTS ?? 50);
const SERIES = Number(process.env.SERIES ?? 1500);
const COLLECT_MS = Number(process.env.COLLECT_MS ?? 250);
const BATCH_MS = Number(process.env.BATCH_MS ?? 250);
const COLUMNS = process.env.FRAME === 'columns';
const VARIANTS = 16;
/** As a real agent: no more frames while this much waits on the socket. */
const BACKPRESSURE_BYTES = 1024 * 1024;

/** When GO arrived; null before it and after STOP. */
let startedAt: number | null = null;
const root = mkdtempSync(join(tmpdir(), 'mirqab-bench-agents-'));

/**
 * One tick's samples as string pieces: joining them with the tick's timestamp gives the JSON array's
 * contents, so a frame costs a join and a concatenation, never a JSON.stringify of 1,500 objects.
 */
function encodedTicks(index: number): string[][] {
  return Array.from({ length: VARIANTS }, (_, variant) =>
    Array.from({ length: SERIES }, (_, s) => {
      const labels = JSON.stringify({
        gpu: String(s % 8),
        series: `s${s}`,
        host: `bench-${index}`,
      });
      const value = ((s * 7 + variant * 13) % 100) + variant / 8;
      return `${s > 0 ? '},' : ''}{"metric":"bench_metric","labels":${labels},"value":${value},"tsMs":`;
    }),
  );
}

/** One agent's series, named as the compact frame names them. */
function seriesDefs(index: number): SeriesDef[] {
  return Array.from({ length: SERIES }, (_, s) => [
    s + 1,
    'bench_metric',
    { gpu: String(s % 8), series: `s${s}`, host: `bench-${index}` },
  ]);
}

/** The same values as encodedTicks, as columns. */
function valueColumns(): Float64Array[] {
  return Array.from({ length: VARIANTS }, (_, variant) =>
    Float64Array.from({ length: SERIES }, (_, s) => ((s * 7 + variant * 13) % 100) + variant / 8),
  );
}
const ids = Int32Array.from({ length: SERIES }, (_, s) => s + 1);
const offsets = new Int32Array(SERIES);

interface ReplayAgent {
  epoch: string;
  ticks: string[][];
  defs: SeriesDef[];
  values: Float64Array[];
  /** The console takes compact frames on this session, and whether it has our series' names yet. */
  columns: boolean;
  named: boolean;
  /** The console's live session, once it said hello. */
  ws: WebSocket | null;
  /** Ticks sent since GO; the next tick to send. */
  sentTicks: number;
  seq: number;
  /** Samples per seq still unacked, for the backlog count. */
  unacked: Map<number, number>;
}

let sent = 0;
let acked = 0;
const agents: ReplayAgent[] = [];
const servers: AgentServer[] = [];

function session(agent: ReplayAgent, ws: WebSocket, identity: { agentId: string; name: string }) {
  const send = (frame: Parameters<typeof encodeFrame>[0]) => ws.send(encodeFrame(frame));
  ws.on('message', (data: Buffer) => {
    const decoded = decodeFrame(data);
    if (!decoded.ok) return;
    const frame = decoded.frame;
    if (frame.type === 'hello') {
      agent.ws = ws;
      agent.columns = COLUMNS && (frame.features?.includes(FEATURES.columns) ?? false);
      agent.named = false;
    } else if (frame.type === 'clock') {
      send({ type: 'clock', consoleMs: frame.consoleMs, agentMs: Date.now() });
    } else if (frame.type === 'ack' && frame.epoch === agent.epoch) {
      for (const [seq, n] of agent.unacked) {
        if (seq > frame.seq) break;
        acked += n;
        agent.unacked.delete(seq);
      }
    }
  });
  ws.on('close', () => {
    if (agent.ws === ws) agent.ws = null;
  });
  send({
    type: 'hello',
    v: PROTOCOL_VERSION,
    role: 'agent',
    id: identity.agentId,
    name: identity.name,
    sentAtMs: Date.now(),
    epoch: agent.epoch,
    headSeq: agent.seq,
    features: COLUMNS
      ? [FEATURES.resultAck, FEATURES.revoke, FEATURES.columns]
      : [FEATURES.resultAck, FEATURES.revoke],
  });
}

/** Sends every tick due since GO, one frame per tick, while the socket is not backed up. */
function pump(agent: ReplayAgent): void {
  const ws = agent.ws;
  if (startedAt === null || !ws || ws.readyState !== ws.OPEN) return;
  const due = Math.floor((Date.now() - startedAt) / COLLECT_MS) + 1;
  while (agent.sentTicks < due && ws.bufferedAmount <= BACKPRESSURE_BYTES) {
    const tick = agent.sentTicks++;
    const tsMs = startedAt + tick * COLLECT_MS;
    const seq = ++agent.seq;
    if (agent.columns) {
      ws.send(
        encodeColumns({
          epoch: agent.epoch,
          seq,
          series: agent.named ? [] : agent.defs,
          events: [],
          t0: tsMs,
          values: agent.values[tick % VARIANTS]!,
          ids,
          offsets,
        }),
      );
      agent.named = true;
    } else {
      const samples = agent.ticks[tick % VARIANTS]!.join(String(tsMs));
      ws.send(
        `{"type":"telemetry","epoch":"${agent.epoch}","seq":${seq},"samples":[${samples}${tsMs}}],"events":[]}`,
      );
    }
    agent.unacked.set(seq, SERIES);
    sent += SERIES;
  }
}

async function startOne(i: number) {
  const dir = join(root, `a${i}`);
  const { pairingCode } = await initAgent(join(dir, 'identity'), { name: `bench-${i}` });
  const identity = loadIdentity(join(dir, 'identity'));
  const agent: ReplayAgent = {
    epoch: `ep_bench${String(i).padStart(8, '0')}`,
    ticks: COLUMNS ? [] : encodedTicks(i),
    defs: seriesDefs(i),
    values: COLUMNS ? valueColumns() : [],
    columns: false,
    named: false,
    ws: null,
    sentTicks: 0,
    seq: 0,
    unacked: new Map(),
  };
  agents[i] = agent;
  const server = await startAgentServer({
    host: '127.0.0.1',
    port: 0,
    identity,
    logger: silentLogger,
    onSession: (ws) => session(agent, ws, identity),
  });
  servers[i] = server;
  process.stdout.write(
    `${JSON.stringify({ address: `127.0.0.1:${server.port}`, pairingCode, name: `bench-${i}` })}\n`,
  );
}

let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < AGENTS) await startOne(next++);
  }),
);
process.stdout.write('READY\n');

const timer = setInterval(() => agents.forEach(pump), BATCH_MS);
const stop = async () => {
  startedAt = null;
  clearInterval(timer);
  await Promise.all(servers.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
  process.exit(0);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'GO') startedAt = Date.now();
  if (line === 'COUNT') {
    const due =
      startedAt === null
        ? 0
        : (Math.floor((Date.now() - startedAt) / COLLECT_MS) + 1) * SERIES * agents.length;
    process.stdout.write(`PRODUCED ${due} ${sent} ${acked}\n`);
  }
  if (line === 'STOP') void stop();
});
process.stdin.on('end', () => void stop());
