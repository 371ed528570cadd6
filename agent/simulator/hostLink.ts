// The network in front of one simulated agent: a TCP forwarder on the agent's public port, so a
// drill can cut the link (network_partition: open connections drop, new ones hang unanswered as
// behind a dead switch) or take the host off the network (host_down: connections are refused),
// while TLS stays end to end between console and agent.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type LinkState = 'up' | 'partitioned' | 'down';

export interface HostLink {
  /** The public port the console connects to; stable across host_down and agent restarts. */
  readonly port: number;
  readonly state: LinkState;
  /** Where the agent listens now (null while it is stopped). */
  setAgentPort(port: number | null): void;
  setState(state: LinkState): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** What happened to one inbound connection (for logs, and for tests that wait on it). */
export type LinkEvent = 'forwarded' | 'held';

export async function openHostLink(
  host: string,
  port: number,
  onEvent: (event: LinkEvent) => void = () => {},
): Promise<HostLink> {
  let agentPort: number | null = null;
  let state: LinkState = 'up';
  const open = new Set<Socket>();
  const held = new Set<Socket>();

  const server = createServer({ pauseOnConnect: true }, (inbound) => {
    inbound.on('error', () => inbound.destroy());
    if (state === 'partitioned' || agentPort === null) {
      // Unanswered, as a partition looks from outside: the console's handshake times out.
      held.add(inbound);
      inbound.once('close', () => held.delete(inbound));
      onEvent('held');
      return;
    }
    const outbound = connect(agentPort, '127.0.0.1');
    open.add(inbound);
    open.add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    outbound.on('error', drop);
    outbound.on('close', drop);
    inbound.on('close', drop);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.resume();
    onEvent('forwarded');
  });
  server.on('error', () => {});
  const publicPort = await listen(server, host, port);

  const dropAll = () => {
    for (const socket of [...open, ...held]) socket.destroy();
    open.clear();
    held.clear();
  };

  return {
    port: publicPort,
    get state() {
      return state;
    },
    setAgentPort(next) {
      agentPort = next;
    },
    async setState(next) {
      if (next === state) return;
      const previous = state;
      state = next;
      if (next !== 'up') dropAll();
      if (next === 'down') await new Promise<void>((resolve) => server.close(() => resolve()));
      if (next === 'up') {
        dropAll(); // connections held during the partition would only time out late
        if (previous === 'down') await listen(server, host, publicPort);
      }
    },
    async close() {
      dropAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
