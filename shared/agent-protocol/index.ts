// The console ↔ agent protocol: versioned JSON frames over wss with mutual TLS. The console is
// the client (it connects out to every enrolled agent); the agent is the server. Both sides decode
// every frame with decodeFrame(), which never throws and always explains a rejection.
import { z } from 'zod';
import { DriftWindowsSchema } from './drift.ts';
import { WitnessFrames, WitnessStateSchema } from './witness.ts';

export const PROTOCOL_VERSION = 1;
/** ws maxPayload on both sides. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Either side pings this often; a peer silent for 3 intervals is considered gone. */
export const HEARTBEAT_MS = 20_000;

/**
 * Optional behaviours a peer announces in its hello, so a newer peer never sends frames an older
 * one would count as bad. result_ack: results are kept until acked (agent) / acked (console);
 * revoke: the agent forgets a console that revokes it; witness: the agent cosigns audit checkpoints;
 * telemetry_columns: telemetry goes as compact binary frames (columns.ts) when both peers offer it.
 */
export const FEATURES = {
  resultAck: 'result_ack',
  revoke: 'revoke',
  witness: 'witness',
  columns: 'telemetry_columns',
} as const;

const id = z.string().min(1).max(128);
const labels = z.record(z.string().max(128), z.string().max(1024));

/** One measurement. Metric names are canonical signal names (see shared/domain/metrics). */
export const SampleSchema = z.object({
  metric: z.string().min(1).max(200),
  labels,
  value: z.number(),
  tsMs: z.number().int().nonnegative(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const AgentEventSchema = z.object({
  kind: z.enum([
    'gap', // the spool dropped data: details.fromSeq, details.toSeq, details.batches
    'scrape_failed',
    'gpu_state', // nvidia-smi absent or failing (details.state, details.reason)
    'action_refused',
    'started',
    'fault_injected', // simulator only
    'witness_alarm', // the console showed a checkpoint that contradicts the one this agent witnessed (details.code)
  ]),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string().max(4000),
  tsMs: z.number().int().nonnegative(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AgentEvent = z.infer<typeof AgentEventSchema>;

export const ActionParamSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  type: z.enum(['string', 'integer', 'boolean']),
  pattern: z.string().max(200).optional(), // strings: a regex the value must match in full
  enum: z.array(z.string().min(1).max(128)).min(1).max(32).optional(), // strings: the only values allowed
  allowLeadingDash: z.boolean().optional(), // a value may start with '-' (never by default: it could be read as an option)
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  required: z.boolean().default(true),
  refersTo: z.enum(['host', 'model']).optional(), // the value names a host (or model) of the fleet: the console checks it exists
});

/** What the console may see of an action the agent's own config declares. */
export const ActionSpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  description: z.string().max(500).default(''),
  params: z.array(ActionParamSchema).max(16),
  timeoutMs: z.number().int().positive(),
});
export type ActionSpec = z.infer<typeof ActionSpecSchema>;

const param = z.union([z.string().max(1024), z.number(), z.boolean()]);

export const FrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    role: z.enum(['console', 'agent']),
    /** agent: its id; console: the site id. */
    id,
    name: z.string().max(200),
    sentAtMs: z.number().int(),
    /** agent only: current spool epoch and the newest seq it holds (0 if none). */
    epoch: id.optional(),
    headSeq: z.number().int().nonnegative().optional(),
    simulated: z.boolean().optional(),
    actions: z.array(ActionSpecSchema).max(64).optional(),
    /** FEATURES this peer supports; absent from older peers (and unknown names are ignored). */
    features: z.array(z.string().max(64)).max(32).optional(),
    /** agent only (witness feature): the audit checkpoint it holds and its cosignature, null if none yet. */
    witness: WitnessStateSchema.nullable().optional(),
  }),
  z.object({
    type: z.literal('telemetry'),
    epoch: id,
    seq: z.number().int().positive(),
    samples: z.array(SampleSchema).max(20_000),
    events: z.array(AgentEventSchema).max(1000).default([]),
    /** Drift windows (sketches and counts only) ride the spooled, acked batches; older consoles ignore them. */
    drift: DriftWindowsSchema.optional(),
  }),
  /**
   * Pairing, once: the console (whose client certificate the agent does not know yet) proves it
   * holds the one-time secret from the agent's pairing code; the agent then pins that certificate.
   */
  z.object({
    type: z.literal('pair'),
    secret: z.string().min(16).max(128),
    consoleName: z.string().max(200),
  }),
  z.object({ type: z.literal('paired'), agentId: id }),
  /** Cumulative: everything up to and including seq in this epoch is committed by the console. */
  z.object({ type: z.literal('ack'), epoch: id, seq: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('clock'),
    consoleMs: z.number().int(),
    agentMs: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('command'),
    id,
    action: z.string().max(64),
    params: z.record(z.string().max(64), param),
  }),
  z.object({
    type: z.literal('command_result'),
    id,
    status: z.enum(['ok', 'failed', 'rejected', 'timeout']),
    exitCode: z.number().int().nullable(),
    output: z.string().max(64 * 1024),
    durationMs: z.number().nonnegative(),
    reason: z.string().max(1000).optional(),
  }),
  /** Console → agent (result_ack feature): the console recorded this result; the agent may forget it. */
  z.object({ type: z.literal('result_ack'), id }),
  /**
   * Console → agent, then the console closes: an administrator revoked this host. The agent forgets
   * the console's pin (as `mirqab-agent unpair` does) if the sender is the pinned console.
   */
  z.object({ type: z.literal('revoke'), reason: z.string().max(1000) }),
  WitnessFrames.checkpoint,
  WitnessFrames.witnessed,
  z.object({ type: z.literal('error'), code: z.string().max(64), message: z.string().max(4000) }),
]);
export type Frame = z.infer<typeof FrameSchema>;
export type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

export type DecodeResult = { ok: true; frame: Frame } | { ok: false; reason: string };

/** Decodes one wire frame. Never throws: a rejection always says why. */
export function decodeFrame(data: string | Uint8Array): DecodeResult {
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > MAX_FRAME_BYTES)
    return { ok: false, reason: `frame of ${size} bytes exceeds ${MAX_FRAME_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(
      typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data),
    );
  } catch (error) {
    return {
      ok: false,
      reason: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = FrameSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : 'frame'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: `invalid frame: ${issues}` };
  }
  return { ok: true, frame: parsed.data };
}

export function encodeFrame(frame: Frame): string {
  return JSON.stringify(frame);
}
