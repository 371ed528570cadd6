// A minimal console for agent tests: a real wss client with a client certificate that records
// every frame and lets a test wait for the next one of a given type (events, never sleeps).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import {
  decodeFrame,
  encodeFrame,
  type Frame,
  type FrameOf,
} from '../../../shared/agent-protocol/index.ts';
import { ColumnsDecoder, isColumnsFrame } from '../../../shared/agent-protocol/columns.ts';
import { fingerprintOfDer } from '../../../agent/certificate.ts';
import type { KeyAndCertificate } from '../../helpers/agentCerts.ts';

export interface Closed {
  code: number;
  reason: string;
}

export interface TestConsole {
  ws: WebSocket;
  /** SHA-256 of the certificate the agent presented: what a real console compares with its pin. */
  agentFingerprint: string;
  frames: Frame[];
  /** How many of the frames came as compact binary telemetry frames. */
  readonly compactFrames: number;
  next<T extends Frame['type']>(
    type: T,
    match?: (frame: FrameOf<T>) => boolean,
  ): Promise<FrameOf<T>>;
  send(frame: Frame | string | Buffer): void;
  closed: Promise<Closed>;
}

export type ConnectOutcome =
  | { ok: true; console: TestConsole }
  | { ok: false; status?: number; body?: string; error?: string };

export function connectConsole(
  url: string,
  cert: KeyAndCertificate | null,
): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      ...(cert ? { key: cert.keyPem, cert: cert.certPem } : {}),
      // The console pins the agent by fingerprint (checked below), not through a CA.
      rejectUnauthorized: false,
      maxPayload: 1024 * 1024,
    });
    const frames: Frame[] = [];
    const waiters: {
      type: Frame['type'];
      match: (f: never) => boolean;
      resolve: (f: Frame) => void;
    }[] = [];
    const taken = new Set<number>();
    // Compact telemetry frames are decoded as the console does: one dictionary per session.
    let columns = new ColumnsDecoder();
    let compactFrames = 0;
    let agentFingerprint = '';
    const closed = new Promise<Closed>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );
    ws.on('upgrade', (res: IncomingMessage) => {
      agentFingerprint = fingerprintOfDer((res.socket as TLSSocket).getPeerCertificate().raw);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const compact = isBinary && isColumnsFrame(data);
      if (compact) compactFrames++;
      const decoded = compact ? columns.decode(data) : decodeFrame(data);
      if (!decoded.ok) throw new Error(`agent sent a bad frame: ${decoded.reason}`);
      frames.push(decoded.frame);
      for (let i = 0; i < waiters.length; i++) {
        const w = waiters[i]!;
        if (w.type === decoded.frame.type && w.match(decoded.frame as never)) {
          waiters.splice(i, 1);
          taken.add(frames.length - 1);
          w.resolve(decoded.frame);
          return;
        }
      }
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ ok: false, status: res.statusCode, body }));
      res.on('error', () => resolve({ ok: false, status: res.statusCode, body }));
    });
    ws.on('error', (error) => resolve({ ok: false, error: error.message }));
    ws.on('open', () => {
      ws.on('error', () => {});
      resolve({
        ok: true,
        console: {
          ws,
          agentFingerprint,
          frames,
          get compactFrames() {
            return compactFrames;
          },
          next(type, match = () => true) {
            // Frames already received count too; each is handed out once.
            for (let i = 0; i < frames.length; i++) {
              const f = frames[i]!;
              if (!taken.has(i) && f.type === type && match(f as never)) {
                taken.add(i);
                return Promise.resolve(f as never);
              }
            }
            return new Promise((res) =>
              waiters.push({ type, match, resolve: (f) => res(f as never) }),
            );
          },
          send(frame) {
            // The agent starts a new dictionary at each console hello, so the console does too.
            if (typeof frame === 'object' && !Buffer.isBuffer(frame) && frame.type === 'hello')
              columns = new ColumnsDecoder();
            ws.send(
              typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : encodeFrame(frame),
            );
          },
          closed,
        },
      });
    });
  });
}

export async function connectOk(url: string, cert: KeyAndCertificate | null): Promise<TestConsole> {
  const outcome = await connectConsole(url, cert);
  if (!outcome.ok)
    throw new Error(
      `connection refused: ${outcome.status ?? ''} ${outcome.body ?? outcome.error ?? ''}`,
    );
  return outcome.console;
}
