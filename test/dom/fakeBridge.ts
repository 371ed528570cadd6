// An in-memory MirqabBridge: each channel answers from a handler the test provides; the test
// can push events as the backend would. Unhandled channels answer NOT_FOUND so gaps are loud.
import { ROLE_PERMISSIONS, type Role } from '../../shared/domain/roles.ts';
import type {
  ApiError,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  MirqabBridge,
  Result,
  SessionInfo,
} from '../../shared/ipc/contract.ts';

export type Handlers = {
  [C in ChannelName]?: (
    input: ChannelInput<C>,
  ) => ChannelOutput<C> | ApiError | Promise<ChannelOutput<C> | ApiError>;
};

export interface FakeBridge extends MirqabBridge {
  calls: { channel: ChannelName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

const isApiError = (value: unknown): value is ApiError =>
  typeof value === 'object' &&
  value !== null &&
  'code' in value &&
  'message' in value &&
  !('operator' in value);

export function apiError(code: ApiError['code'], message: string = code): ApiError {
  return { code, message };
}

export function createFakeBridge(handlers: Handlers): FakeBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];
  return {
    calls,
    async invoke<C extends ChannelName>(
      channel: C,
      input: ChannelInput<C>,
    ): Promise<Result<ChannelOutput<C>>> {
      calls.push({ channel, input });
      const handler = handlers[channel] as ((input: ChannelInput<C>) => unknown) | undefined;
      if (!handler) return { ok: false, error: apiError('NOT_FOUND', `no fake for ${channel}`) };
      const value = await handler(input);
      return isApiError(value)
        ? { ok: false, error: value }
        : { ok: true, value: value as ChannelOutput<C> };
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown) => listener(payload as EventPayload<E>);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

export function sessionFor(
  role: Role,
  overrides: Partial<SessionInfo['operator']> = {},
): SessionInfo {
  return {
    operator: {
      id: 1,
      username: role.replace('_', '.'),
      displayName: `Test ${role}`,
      role,
      disabled: false,
      createdAt: '2025-01-01T08:00:00.000Z',
      ...overrides,
    },
    permissions: [...ROLE_PERMISSIONS[role]],
    locked: false,
    lockAfterMinutes: 15,
  };
}

/** A site that is set up, unlocked and has this operator signed in. */
export function signedInHandlers(role: Role): Handlers {
  const session = sessionFor(role);
  return {
    'app.status': () => ({
      state: 'ready',
      siteName: 'Abu Dhabi DC1',
      timeZone: 'Asia/Dubai',
      shell: 'browser',
      version: '0.1.0',
      signedIn: session,
    }),
    'overview.get': () => ({
      siteName: 'Abu Dhabi DC1',
      timeZone: 'Asia/Dubai',
      residency: 'AE',
      operatorCount: 3,
      activeSessions: 1,
      auditCount: 0,
      recentAudit: [],
    }),
  };
}
