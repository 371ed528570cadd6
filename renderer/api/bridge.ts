// Picks the transport to the backend: the preload's window.mirqab inside Electron, otherwise the
// web host's WebSocket at /api. Both give the same MirqabBridge, so nothing above this file knows
// which shell it runs in.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  MirqabBridge,
  Result,
} from '../../shared/ipc/contract.ts';
import {
  API_PROTOCOL,
  type HostFrame,
  type HostRequest,
  PAGE_KEY_FRAGMENT,
  PAGE_KEY_PROTOCOL_PREFIX,
  SESSION_ENDED_CLOSE_CODE,
  type SessionEndReason,
} from '../../shared/ipc/browserHost.ts';

/** Thrown (as a rejection) for calls that cannot complete because the socket is gone. */
export class BridgeConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeConnectionError';
  }
}

/**
 * The browser's socket to the web host (a host's own connection state is another thing, in main/fleet).
 * `reconnecting`: the socket dropped; `attempt` counts the tries since (1 while the first is pending).
 * `ended`: the host ended this browser session (sign-out, lifetime), no longer knows it (a restarted
 * host: `lost`), or the page has no key; final.
 */
export type SocketState =
  | { kind: 'connecting' | 'open' }
  | { kind: 'reconnecting'; attempt: number }
  | { kind: 'ended'; reason: SessionEndReason };

/**
 * What the web host says of this browser session between tries: still known, not known any more
 * (it restarted, or the session's lifetime ended), or no answer at all (stopped, or the network).
 */
export type SessionProbe = () => Promise<'known' | 'unknown' | 'unreachable'>;

export interface WebSocketBridge extends MirqabBridge {
  /** Calls the listener with the current state at once, then with every change. */
  onConnectionChange(listener: (state: SocketState) => void): () => void;
  /** While reconnecting: tries again now instead of waiting for the next try. */
  retryNow(): void;
  close(): void;
}

export interface WebSocketBridgeOptions {
  url: string;
  /** The page key from the sign-in link; null when this tab never had one. */
  pageKey: string | null;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Asked before each reconnection try; without one the bridge just tries the socket again. */
  probe?: SessionProbe;
}

type Settle = { resolve: (result: Result<unknown>) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

const LOST =
  'The connection to the Mirqab host was lost before the reply arrived; it reconnects automatically. Try again.';

export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const createSocket =
    options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols));
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 15_000;

  const pending = new Map<number, Settle>();
  const outbox: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(state: SocketState) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = initialBackoff;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUs = false;
  let attempt = 0;
  let state: SocketState = { kind: 'connecting' };

  const setState = (next: SocketState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
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
    const ws = createSocket(options.url, [
      API_PROTOCOL,
      `${PAGE_KEY_PROTOCOL_PREFIX}${options.pageKey ?? ''}`,
    ]);
    socket = ws;
    ws.onopen = () => {
      backoff = initialBackoff;
      attempt = 0;
      setState({ kind: 'open' });
      for (const frame of outbox.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event: MessageEvent) => handleFrame(event.data);
    ws.onclose = (event: CloseEvent) => {
      if (socket === ws) socket = null;
      failAll(new BridgeConnectionError(LOST));
      if (closedByUs) return;
      if (event.code === SESSION_ENDED_CLOSE_CODE) {
        closedByUs = true;
        setState({ kind: 'ended', reason: event.reason === 'expired' ? 'expired' : 'signed-out' });
        return;
      }
      scheduleRetry();
    };
  };

  const end = (reason: SessionEndReason) => {
    closedByUs = true;
    failAll(new BridgeConnectionError(LOST));
    setState({ kind: 'ended', reason });
  };

  /** One try: a host that no longer knows this session ends it here; otherwise the socket again. */
  const retry = async () => {
    reconnectTimer = null;
    const verdict = options.probe ? await options.probe() : 'known';
    if (closedByUs || reconnectTimer) return;
    if (verdict === 'unknown') end('lost');
    else connect();
  };

  const scheduleRetry = () => {
    attempt += 1;
    setState({ kind: 'reconnecting', attempt });
    reconnectTimer = setTimeout(() => void retry(), backoff);
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  if (options.pageKey) connect();
  else {
    closedByUs = true;
    state = { kind: 'ended', reason: 'no-key' };
  }

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
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    retryNow() {
      if (state.kind !== 'reconnecting' || !reconnectTimer) return;
      clearTimeout(reconnectTimer);
      void retry();
    },
    close() {
      closedByUs = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      failAll(new BridgeConnectionError('The connection to the Mirqab host is closed.'));
    },
  };
}

const PAGE_KEY_STORAGE = 'mirqab.pageKey';

/**
 * Moves the page key from the sign-in link's #fragment into sessionStorage (per origin, so per
 * port, and per tab) and takes it off the address bar; a reload finds it there again.
 */
export function takePageKey(win: Window): string | null {
  const fromLink = new URLSearchParams(win.location.hash.slice(1)).get(PAGE_KEY_FRAGMENT);
  if (fromLink) {
    win.sessionStorage.setItem(PAGE_KEY_STORAGE, fromLink);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return fromLink;
  }
  return win.sessionStorage.getItem(PAGE_KEY_STORAGE);
}

/** The preload's bridge when running in Electron, otherwise the web host's WebSocket. */
export function selectBridge(win: Window = window): MirqabBridge | WebSocketBridge {
  if (win.mirqab) return win.mirqab;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketBridge({
    url: `${scheme}//${win.location.host}/api`,
    pageKey: takePageKey(win),
    probe: () => probeBrowserSession(win),
  });
}

/** The host answers its page to a browser session it knows, and 401 to one it does not. */
async function probeBrowserSession(win: Window): ReturnType<SessionProbe> {
  try {
    const response = await win.fetch('/', {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (response.status === 401) return 'unknown';
    return response.ok ? 'known' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
