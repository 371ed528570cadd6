// A drill's workspace: a console of its own (its own encrypted store in the drill's folder, its own
// clock, its own simulated fleet), built by the composition root and driven from here only through
// the typed contract, exactly as a participant's screens drive it. Isolation is by construction: the
// drill's alerts, incidents, postmortems and actions live in the workspace's store, which no real
// SLA figure, MTTx statistic or report ever reads, and its fleet knows only simulated agents.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Result,
} from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventAudience, EventListener } from '../core/events.ts';
import type { AlertmanagerEndpoint } from '../incidents/intake/alertmanagerIntake.ts';

/** What a shell knows about one caller (the same shape as the API's call context). */
export interface WorkspaceCall {
  client: string;
  sessionToken: string | null;
  setSessionToken(token: string | null): void;
}

/** The part of a console a drill needs: its API, its periodic jobs, its Alertmanager intake. */
export interface WorkspaceConsole {
  dispatch(ctx: WorkspaceCall, channel: unknown, input: unknown): Promise<Result<unknown>>;
  tick(): Promise<void>;
  onEvent(listener: EventListener): () => void;
  canReceive(token: string | null, audience?: EventAudience): boolean;
  alertmanagerIntake: AlertmanagerEndpoint;
  close(): void;
}

export interface WorkspaceOpenOptions {
  /** The workspace's own data folder (its store, its simulated agents). */
  dir: string;
  clock: Clock;
  /** Told of each telemetry batch the workspace commits, by host id. */
  onBatchCommitted: (hostId: number) => void;
}

/** Opens a console as a drill workspace (the composition root provides it). */
export type OpenWorkspace = (options: WorkspaceOpenOptions) => Promise<WorkspaceConsole>;

/** One signed-in account of the workspace, calling the contract as that operator. */
export class WorkspaceSession implements WorkspaceCall {
  sessionToken: string | null = null;

  constructor(
    private readonly workspace: WorkspaceConsole,
    readonly client: string,
  ) {}

  setSessionToken(token: string | null): void {
    this.sessionToken = token;
  }

  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await this.workspace.dispatch(this, channel, input);
    if (!result.ok) throw new DomainError(result.error.code, `${channel}: ${result.error.message}`);
    return result.value as ChannelOutput<C>;
  }
}
