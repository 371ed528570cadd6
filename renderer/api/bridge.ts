// Picks the transport to the backend: the preload's window.mirqab inside Electron, otherwise the
// web host's WebSocket at /api. Both give the same MirqabBridge, so nothing above this file knows
// which shell it runs in.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  HostFrame,
  HostRequest,
  MirqabBridge,
  Result,
} from '../../shared/ipc/contract.ts';

/** Thrown (as a rejection) for calls that cannot complete because the socket is gone. */
export class BridgeConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeConnectionError';
  }
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface WebSocketBridge extends MirqabBridge {
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export interface WebSocketBridgeOptions {
  url: string;
  createSocket?: (url: string) => WebSocket;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

type Settle = { resolve: (result: Result<unknown>) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

const LOST =
  'The connection to the Mirqab host was lost before the reply arrived; it reconnects automatically. Try again.';

export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 15_000;

  const pending = new Map<number, Settle>();
  const outbox: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = initialBackoff;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUs = false;

  const setState = (state: ConnectionState) => {
    for (const listener of connectionListeners) listener(state);
  };

  const failAll = (error: Error) => {
    outbox.length = 0;
    const settles = [...pending.values()];
    pending.clear();
    for (const settle of settles) settle.reject(error);
  };

  const handleFrame = (raw: unknown) => {
    let frame: HostFrame;
    try {
      frame = JSON.parse(String(raw)) as HostFrame;
    } catch {
      failAll(new BridgeConnectionError('The Mirqab host sent a frame that is not JSON.'));
      return;
    }
    if (frame.type === 'result') {
      const settle = pending.get(frame.id);
      pending.delete(frame.id);
      settle?.resolve(frame.result);
    } else if (frame.type === 'event') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    } else if (frame.type === 'error') {
      // A frame-level error cannot be tied to one request: every call in flight is answered with it.
      const settles = [...pending.values()];
      pending.clear();
      for (const settle of settles) settle.resolve({ ok: false, error: frame.error });
    }
  };

  const connect = () => {
    reconnectTimer = null;
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      backoff = initialBackoff;
      setState('open');
      for (const frame of outbox.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event: MessageEvent) => handleFrame(event.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
      failAll(new BridgeConnectionError(LOST));
      if (closedByUs) return;
      setState('reconnecting');
      reconnectTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, maxBackoff);
    };
  };

  setState('connecting');
  connect();

  return {
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
      const id = nextId++;
      const request: HostRequest = { id, channel, input };
      const frame = JSON.stringify(request);
      return new Promise<Result<ChannelOutput<C>>>((resolve, reject) => {
        if (closedByUs) {
          reject(new BridgeConnectionError('The connection to the Mirqab host is closed.'));
          return;
        }
        pending.set(id, {
          resolve: (result) => resolve(result as Result<ChannelOutput<C>>),
          reject,
        });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else outbox.push(frame);
      });
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped: Listener = (payload) => listener(payload as EventPayload<E>);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      failAll(new BridgeConnectionError('The connection to the Mirqab host is closed.'));
    },
  };
}

/** The preload's bridge when running in Electron, otherwise the web host's WebSocket. */
export function selectBridge(win: Window = window): MirqabBridge {
  if (win.mirqab) return win.mirqab;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketBridge({ url: `${scheme}//${win.location.host}/api` });
}
