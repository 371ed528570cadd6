// Builds window.mirqab from an ipcRenderer-shaped object: exactly { invoke, subscribe }, both
// checked against the contract's names before anything crosses to main. Pure, so tests pass a fake.
import {
  isChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type MirqabBridge,
  type Result,
} from '../shared/ipc/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels.ts';

/** The part of Electron's ipcRenderer the bridge uses (method syntax: IpcRenderer fits it). */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Listener = (payload: unknown) => void;

export function createBridge(ipc: BridgeIpc) {
  const listeners = new Map<EventName, Set<Listener>>();

  // One ipc listener for all subscriptions; it drops the IpcRendererEvent before the renderer.
  const onEvent = (_event: unknown, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // reason: one failing view must not starve the others; rethrow where devtools sees it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const bridge = {
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
      if (!isChannelName(channel)) {
        const refused: Result<ChannelOutput<C>> = {
          ok: false,
          error: { code: 'BAD_REQUEST', message: `Unknown channel: ${String(channel)}` },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<ChannelOutput<C>>>;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (listenerCount() === 0) ipc.on(EVENT_CHANNEL, onEvent);
      const set = listeners.get(event) ?? new Set<Listener>();
      // reason: a wrapper per call, so subscribing the same function twice unsubscribes separately.
      const entry: Listener = (payload) => listener(payload as EventPayload<E>);
      set.add(entry);
      listeners.set(event, set);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        if (listenerCount() === 0) ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  } satisfies MirqabBridge;

  return Object.freeze(bridge);
}
