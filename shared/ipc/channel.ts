// How a channel is declared: its input and output schemas and who may call it. Each feature's
// channel map (contract.ts, incidentChannels.ts, …) builds its entries with `channel`.
import type { z } from 'zod';
import type { Permission } from '../domain/roles.ts';

/** 'public': no session needed; 'session': any signed-in operator; otherwise a permission. */
export type Access = 'public' | 'session' | Permission;

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
  /** Allowed while the operator's session is locked for inactivity. */
  whileLocked?: true;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  access: Access;
  whileLocked?: true;
}) => spec satisfies ChannelSpec;
