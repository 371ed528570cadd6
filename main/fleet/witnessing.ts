// The paired agents as witnesses of the audit log: each connected agent is shown the console's newest
// checkpoint with a consistency proof from the one it holds; what it cosigns is kept, and a refusal
// (a shortened, rewritten or re-keyed log) is audited as an alarm carrying the agent's signed word.
import { FEATURES, type FrameOf } from '../../shared/agent-protocol/index.ts';
import type { WitnessState } from '../../shared/agent-protocol/witness.ts';
import {
  appendAudit,
  AuditError,
  checkpointForWitness,
  recordWitnessState,
} from '../audit/index.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';

export interface WitnessHost {
  id: number;
  agentId: string;
  name: string;
}

export interface WitnessLink {
  presentCheckpoint(frame: FrameOf<'checkpoint'>): boolean;
}

export class FleetWitnessing {
  /** What each connected witness said it holds, from its hello and its answers since. */
  private readonly held = new Map<number, WitnessState | null>();
  /** The last alarm audited per host, so a witness that keeps refusing is audited once per claim. */
  private readonly lastAlarm = new Map<number, string>();

  constructor(private readonly options: { db: WritableDb; now: () => Date; logger: Logger }) {}

  onHello(host: WitnessHost, hello: FrameOf<'hello'>, link: WitnessLink): void {
    if (!hello.features?.includes(FEATURES.witness)) {
      this.held.delete(host.id);
      return;
    }
    const state = hello.witness ?? null;
    this.held.set(host.id, state);
    if (state) this.keep(host, state);
    this.present(host, link);
  }

  /** Shows the witness the newest checkpoint, if it does not hold it yet. */
  present(host: WitnessHost, link: WitnessLink): void {
    if (!this.held.has(host.id)) return;
    const presentation = checkpointForWitness(this.options.db, this.held.get(host.id) ?? null);
    if (presentation.contradiction) {
      this.options.logger.error('audit: a witness holds a checkpoint this log contradicts', {
        host: host.id,
        ...presentation.contradiction,
      });
    }
    if (presentation.frame) link.presentCheckpoint(presentation.frame);
  }

  onWitnessed(host: WitnessHost, frame: FrameOf<'witnessed'>): void {
    if (frame.state) {
      this.held.set(host.id, frame.state);
      this.keep(host, frame.state);
    }
    if (!frame.ok)
      this.alarm(host, frame.code ?? 'unknown', frame.reason ?? 'no reason given', frame.state);
  }

  forget(hostId: number): void {
    this.held.delete(hostId);
  }

  private keep(host: WitnessHost, state: WitnessState): void {
    try {
      recordWitnessState(
        this.options.db,
        { id: host.agentId, name: host.name },
        state,
        this.options.now(),
      );
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      this.alarm(host, 'invalid', error.message, state);
    }
  }

  private alarm(host: WitnessHost, code: string, reason: string, state: WitnessState | null): void {
    const held = state?.checkpoint ?? null;
    const claim = `${code}:${held?.treeSize ?? ''}:${held?.rootHash ?? ''}:${held?.keyFingerprint ?? ''}`;
    if (this.lastAlarm.get(host.id) === claim) return;
    this.lastAlarm.set(host.id, claim);
    this.options.logger.error("audit: a witness refused the console's checkpoint", {
      host: host.id,
      code,
      reason,
    });
    const witnessed = held
      ? {
          treeSize: held.treeSize,
          rootHash: held.rootHash,
          signedAt: held.signedAt,
          keyFingerprint: held.keyFingerprint,
          cosignedAt: state?.cosignature.cosignedAt,
        }
      : null;
    appendAudit(
      this.options.db,
      {
        actor: `agent:${host.agentId}`,
        role: 'agent',
        action: 'audit.witnessAlarm',
        target: `host:${host.id}`,
        outcome: 'failure',
        details: { host: host.name, code, reason, witnessed },
      },
      this.options.now(),
    );
  }
}
