import { describe, expect, it } from 'vitest';
import { createBridge, type BridgeIpc } from '../../../preload/bridge.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../preload/ipcChannels.ts';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in that records what crosses and lets the test push events. */
function fakeIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<IpcListener>>();
  const ipc: BridgeIpc = {
    invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: { echoed: args } });
    },
    on(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const secretEvent = { sender: 'ipcRenderer', ports: [] };
  const push = (...args: unknown[]) => {
    for (const listener of listeners.get(EVENT_CHANNEL) ?? []) listener(secretEvent, ...args);
  };
  const count = () => listeners.get(EVENT_CHANNEL)?.size ?? 0;
  return { ipc, invoked, push, count };
}

describe('the preload bridge (window.mirqab)', () => {
  it('exposes exactly invoke and subscribe, frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends a contract channel over the one invoke channel', async () => {
    const fake = fakeIpc();
    const result = await createBridge(fake.ipc).invoke('auth.whoami', {});
    expect(fake.invoked).toEqual([[INVOKE_CHANNEL, 'auth.whoami', {}]]);
    expect(result.ok).toBe(true);
  });

  it('refuses a channel the contract does not name, without touching IPC', async () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    const invoke = bridge.invoke as (channel: string, input: unknown) => Promise<unknown>;
    for (const channel of ['shell.exec', '__proto__', 'constructor', 'mirqab:invoke']) {
      expect(await invoke(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(fake.invoked).toEqual([]);
  });

  it('delivers only the payload of a subscribed event, never the IPC event object', () => {
    const fake = fakeIpc();
    const received: unknown[][] = [];
    createBridge(fake.ipc).subscribe('audit.changed', (...args) => received.push(args));
    fake.push('audit.changed', { seq: 7 });
    fake.push('operators.changed', {});
    fake.push('not.an.event', { seq: 8 });
    expect(received).toEqual([[{ seq: 7 }]]);
  });

  it('refuses to subscribe to an event the contract does not name', () => {
    const bridge = createBridge(fakeIpc().ipc);
    const subscribe = bridge.subscribe as (event: string, listener: () => void) => () => void;
    expect(() => subscribe('shell.opened', () => {})).toThrow(TypeError);
    expect(() => subscribe('hasOwnProperty', () => {})).toThrow(TypeError);
  });

  it('unsubscribes, and drops its IPC listener when none is left', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    const seen: unknown[] = [];
    const stopA = bridge.subscribe('sessions.changed', (p) => seen.push(['a', p]));
    const stopB = bridge.subscribe('sessions.changed', (p) => seen.push(['b', p]));
    expect(fake.count()).toBe(1);
    stopA();
    stopA();
    fake.push('sessions.changed', {});
    expect(seen).toEqual([['b', {}]]);
    stopB();
    expect(fake.count()).toBe(0);
  });
});
