// A TCP fault proxy on 127.0.0.1 for no-loss tests: sits between the console and an agent and, on
// cue, drops connections, stalls them (bytes stop, sockets stay open) or cuts the link for a while.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'drop' | 'stall' | 'cut';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Set when one side closed during a stall: the other side learns of it only when the stall ends. */
  closedDuringStall: boolean;
}

export interface FaultProxy {
  readonly port: number;
  readonly address: string;
  readonly mode: ProxyMode;
  /** Connections accepted in pass mode (each a dial by the console). */
  readonly accepted: number;
  /** Connections destroyed on arrival (drop or cut). */
  readonly refused: number;
  /** Forwards again; ends a stall (sockets resume, deferred closes are delivered). */
  pass(): void;
  /** Destroys every open connection, and each new one right after accepting it. */
  drop(): void;
  /** Stops forwarding in both directions but keeps every socket open, as a black-holed route does. */
  stall(): void;
  /** Destroys everything and resets new connections for `ms`, then passes again; resolves then. */
  cut(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: {
  host?: string;
  port: number;
}): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let mode: ProxyMode = 'pass';
  let accepted = 0;
  let refused = 0;
  let cutTimer: NodeJS.Timeout | null = null;

  const destroyPair = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  };

  const server: Server = createServer((client) => {
    client.on('error', () => {});
    if (mode === 'drop' || mode === 'cut') {
      refused++;
      // A reset, as from a host that refuses or a middlebox that kills the flow.
      client.resetAndDestroy();
      return;
    }
    accepted++;
    const upstream = connect({ host: target.host ?? '127.0.0.1', port: target.port });
    upstream.on('error', () => {});
    const pair: Pair = { client, upstream, closedDuringStall: false };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => {
            if (mode !== 'stall') from.resume();
          });
        }
      });
      from.on('close', () => {
        if (!pairs.has(pair)) return;
        if (mode === 'stall') pair.closedDuringStall = true;
        else destroyPair(pair);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    if (mode === 'stall') {
      client.pause();
      upstream.pause();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const setPass = () => {
    if (cutTimer) clearTimeout(cutTimer);
    cutTimer = null;
    const wasStalled = mode === 'stall';
    mode = 'pass';
    if (!wasStalled) return;
    for (const pair of [...pairs]) {
      if (pair.closedDuringStall) {
        destroyPair(pair);
      } else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  };

  return {
    port,
    address: `127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    pass: setPass,
    drop() {
      mode = 'drop';
      for (const pair of [...pairs]) destroyPair(pair);
    },
    stall() {
      mode = 'stall';
      for (const pair of pairs) {
        pair.client.pause();
        pair.upstream.pause();
      }
    },
    cut(ms) {
      mode = 'cut';
      for (const pair of [...pairs]) destroyPair(pair);
      return new Promise((resolve) => {
        cutTimer = setTimeout(() => {
          setPass();
          resolve();
        }, ms);
      });
    },
    async close() {
      if (cutTimer) clearTimeout(cutTimer);
      for (const pair of [...pairs]) destroyPair(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
