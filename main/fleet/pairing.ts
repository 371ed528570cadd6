// Pairing: connect to a new agent, check its certificate against the pairing code, and prove we
// hold the code's one-time secret; resolves with the agent's id once it says `paired`.
import { decodeFrame, encodeFrame, type FrameOf } from '../../shared/agent-protocol/index.ts';
import { parsePairingCode } from '../../shared/agent-protocol/pairing.ts';
import type { DomainError } from '../core/errors.ts';
import type { TlsIdentity } from './consoleIdentity.ts';
import { fleetFailure } from './failures.ts';
import { connectPinned, readRefusal } from './pinnedSocket.ts';

export interface PairedAgent {
  agentId: string;
  hello: FrameOf<'hello'> | null;
  fingerprint: string;
}

/**
 * Runs the pairing exchange over a pinned connection; resolves once the agent says `paired`. An
 * unpaired agent expects `pair` as the first and only frame (no hello), answers `paired` and then
 * closes with 1000 'paired': the console reconnects with the same certificate for the session.
 */
export function pairWithAgent(options: {
  address: string;
  pairingCode: string;
  identity: TlsIdentity;
  consoleHello: { id: string; name: string };
  timeoutMs?: number;
}): Promise<PairedAgent> {
  const parsed = parsePairingCode(options.pairingCode);
  if (!parsed.ok) return Promise.reject(fleetFailure('BAD_CODE', parsed.reason));
  const { fingerprint, secret } = parsed.code;
  const pinned = connectPinned({
    address: options.address,
    identity: options.identity,
    fingerprint,
  });

  const ws = pinned.ws;
  return new Promise<PairedAgent>((resolve, reject) => {
    let hello: FrameOf<'hello'> | null = null;
    let settled = false;
    const finish = (error: DomainError | null, value?: PairedAgent) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.on('error', () => {});
      ws.close(1000, 'enrolment finished');
      if (error) reject(error);
      else resolve(value as PairedAgent);
    };
    const timer = setTimeout(
      () =>
        finish(
          fleetFailure(
            'UNREACHABLE',
            `The agent at ${options.address} did not complete pairing in time.`,
          ),
        ),
      options.timeoutMs ?? 15_000,
    );

    ws.on('open', () => {
      ws.send(encodeFrame({ type: 'pair', secret, consoleName: options.consoleHello.name }));
    });
    // The agent refuses before the upgrade (403 paired elsewhere, 409 pairing busy, 429 too many tries).
    ws.on('unexpected-response', (_req, res) => {
      void readRefusal(res).then((reason) => {
        finish(
          fleetFailure(
            'REFUSED',
            `The agent at ${options.address} refused pairing (HTTP ${res.statusCode ?? '?'}): ${reason}.`,
          ),
        );
      });
    });
    ws.on('message', (data: Buffer) => {
      const decoded = decodeFrame(data.toString('utf8'));
      if (!decoded.ok)
        return finish(
          fleetFailure('REFUSED', `The agent sent an invalid frame: ${decoded.reason}`),
        );
      const frame = decoded.frame;
      if (frame.type === 'hello' && frame.role === 'agent') hello = frame;
      else if (frame.type === 'paired')
        finish(null, { agentId: frame.agentId, hello, fingerprint });
      else if (frame.type === 'error') {
        finish(
          fleetFailure('REFUSED', `The agent refused pairing: ${frame.message} (${frame.code}).`),
        );
      }
    });
    ws.on('error', (error) => {
      const pin = pinned.refusal();
      if (pin) {
        finish(
          fleetFailure(
            'REFUSED',
            `Refused ${options.address}: ${pin.message}. Check the pairing code and the address.`,
          ),
        );
      } else {
        finish(
          fleetFailure(
            'UNREACHABLE',
            `Could not reach an agent at ${options.address}: ${error.message}.`,
          ),
        );
      }
    });
    ws.on('close', (code, reason) => {
      finish(
        fleetFailure(
          'REFUSED',
          `The agent closed the connection before pairing (${code} ${reason.toString()}).`.trim(),
        ),
      );
    });
  });
}
