// Opens a wss connection to an agent with the console's client certificate, trusting exactly one
// server certificate: the one pinned at enrolment (agents are self-signed, so no CA is involved).
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { WebSocket, type ClientOptions } from 'ws';
import { MAX_FRAME_BYTES } from '../../shared/agent-protocol/index.ts';
import { sha256Hex, type TlsIdentity } from './consoleIdentity.ts';

/** The agent's certificate is not the pinned one: internal, the caller turns it into a refusal an operator reads. */
export class PinMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly why: 'fingerprint' | 'expired',
  ) {
    super(
      why === 'expired'
        ? `the agent's certificate ${actual.slice(0, 16)}… has expired or is not yet valid`
        : `the agent presented certificate ${actual.slice(0, 16)}…, not the pinned ${expected.slice(0, 16)}…`,
    );
    this.name = 'PinMismatchError';
  }
}

export interface PinnedSocket {
  ws: WebSocket;
  /** Set when the TLS handshake was refused for a pin or validity failure. */
  refusal(): PinMismatchError | null;
}

export function agentUrl(address: string): string {
  return `wss://${address}/`;
}

/** Hostname for SNI (as ws itself would send it); none for IP literals. */
function serverName(address: string): string {
  const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return isIP(host) ? '' : host;
}

export function connectPinned(options: {
  address: string;
  identity: TlsIdentity;
  fingerprint: string;
  handshakeTimeoutMs?: number;
  now?: () => Date;
}): PinnedSocket {
  let refused: PinMismatchError | null = null;
  const now = options.now ?? (() => new Date());
  const ws = new WebSocket(agentUrl(options.address), {
    cert: options.identity.certPem,
    key: options.identity.keyPem,
    // reason: agents are self-signed; trust comes from the pinned fingerprint checked at secureConnect.
    rejectUnauthorized: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    perMessageDeflate: false,
    // reason: ws types this hook as net.createConnection, but for wss it is called with TLS options.
    createConnection: ((opts: ConnectionOptions) => {
      const socket: TLSSocket = tlsConnect({
        ...opts,
        path: undefined,
        servername: serverName(options.address),
      });
      // Checked before the HTTP upgrade is written, so nothing reaches an impostor.
      socket.once('secureConnect', () => {
        const peer = socket.getPeerCertificate(true);
        const actual = peer.raw ? sha256Hex(peer.raw) : '';
        if (actual !== options.fingerprint) {
          refused = new PinMismatchError(options.fingerprint, actual, 'fingerprint');
        } else {
          const t = now().getTime();
          if (!(Date.parse(peer.valid_from) <= t && t <= Date.parse(peer.valid_to))) {
            refused = new PinMismatchError(options.fingerprint, actual, 'expired');
          }
        }
        if (refused) socket.destroy(refused);
      });
      return socket;
    }) as unknown as ClientOptions['createConnection'],
  });
  return { ws, refusal: () => refused };
}

/** The reason an agent gives in the body of a refusal before the upgrade (HTTP 403/409/429), one line, capped. */
export function readRefusal(res: IncomingMessage, maxBytes = 1024): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    const done = () =>
      resolve(body.trim().split('\n')[0]?.slice(0, 300) || (res.statusMessage ?? 'refused'));
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      body += chunk;
      if (body.length >= maxBytes) {
        res.destroy();
        done();
      }
    });
    res.once('end', done);
    res.once('error', done);
    res.once('close', done);
  });
}
