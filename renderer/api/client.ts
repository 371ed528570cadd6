// The typed call surface every store slice uses: returns the value or throws an ApiCallError.
// Types come from the contract; the backend validates, so nothing is validated twice here.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
  MirqabBridge,
} from '../../shared/ipc/contract.ts';
import { BridgeConnectionError } from './bridge.ts';

/** The contract's codes plus the one the transport adds when the host cannot be reached. */
export type ClientErrorCode = ErrorCode | 'DISCONNECTED';

export class ApiCallError extends Error {
  readonly code: ClientErrorCode;
  /** TOO_MANY_ATTEMPTS: when the backend will accept the next attempt (ISO 8601). */
  readonly retryAt: string | null;

  constructor(code: ClientErrorCode, message: string, retryAt: string | null = null) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.retryAt = retryAt;
  }
}

/** Turns anything thrown into an ApiCallError, so the UI has one error shape to show. */
export function toApiCallError(value: unknown): ApiCallError {
  if (value instanceof ApiCallError) return value;
  if (value instanceof BridgeConnectionError)
    return new ApiCallError('DISCONNECTED', value.message);
  const message = value instanceof Error ? value.message : String(value);
  return new ApiCallError('INTERNAL', message);
}

export interface ApiClient {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Observes every failed call (the store uses it to react to SESSION_LOCKED / UNAUTHENTICATED). */
  onCallError(listener: (error: ApiCallError, channel: ChannelName) => void): () => void;
}

export function createApiClient(bridge: MirqabBridge): ApiClient {
  const errorListeners = new Set<(error: ApiCallError, channel: ChannelName) => void>();

  const fail = (error: ApiCallError, channel: ChannelName): never => {
    for (const listener of errorListeners) listener(error, channel);
    throw error;
  };

  return {
    async call(channel, input) {
      let result;
      try {
        result = await bridge.invoke(channel, input);
      } catch (thrown) {
        return fail(toApiCallError(thrown), channel);
      }
      if (result.ok) return result.value;
      return fail(
        new ApiCallError(result.error.code, result.error.message, result.error.retryAt ?? null),
        channel,
      );
    },
    onEvent(event, listener) {
      return bridge.subscribe(event, listener);
    },
    onCallError(listener) {
      errorListeners.add(listener);
      return () => {
        errorListeners.delete(listener);
      };
    },
  };
}
