// A signed-in browser client of the web host, without a browser: it opens a one-time link (cookie +
// page key), connects the API socket as the renderer does, signs in, and hears pushed events.
import WebSocket from 'ws';
import type { RunningHost } from '../../main/host/server.ts';

interface Frame {
  type: string;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  event?: string;
  payload?: unknown;
}

export interface WsClient {
  call<T>(channel: string, input: unknown): Promise<T>;
  onEvent(listener: (event: string, payload: unknown) => void): void;
  close(): void;
}

export async function connectClient(
  host: RunningHost,
  username: string,
  password: string,
): Promise<WsClient> {
  const link = host.issueLink();
  const origin = new URL(host.url).origin;
  const response = await fetch(link, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const pageKey = new URL(link).hash.replace('#key=', '');
  const ws = new WebSocket(
    `${origin.replace('http', 'ws')}/api`,
    ['mirqab', `mirqab-key.${pageKey}`],
    {
      headers: { cookie, origin },
    },
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (frame: Frame) => void>();
  const listeners: ((event: string, payload: unknown) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
    if (frame.type === 'result' && frame.id !== undefined) pending.get(frame.id)?.(frame);
    if (frame.type === 'event' && frame.event)
      for (const listener of listeners) listener(frame.event, frame.payload);
  });
  let id = 0;
  const client: WsClient = {
    call<T>(channel: string, input: unknown) {
      const mine = ++id;
      return new Promise<T>((resolve, reject) => {
        pending.set(mine, (frame) => {
          pending.delete(mine);
          if (frame.result?.ok) resolve(frame.result.value as T);
          else reject(new Error(`${channel}: ${frame.result?.error?.message ?? 'failed'}`));
        });
        ws.send(JSON.stringify({ id: mine, channel, input }));
      });
    },
    onEvent: (listener) => listeners.push(listener),
    close: () => ws.close(),
  };
  await client.call('auth.signIn', { username, password });
  return client;
}
