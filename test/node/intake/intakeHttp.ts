// A console with its web host on 127.0.0.1, and raw HTTP requests as Alertmanager (or anyone) sends them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../main/host/server.ts';
import { silentLogger } from '../../../main/log.ts';
import type { ConsoleApp } from '../../../main/api/types.ts';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  json: Record<string, unknown>;
}

export interface ServedConsole {
  host: RunningHost;
  origin: URL;
  close(): Promise<void>;
}

export async function serve(app: ConsoleApp): Promise<ServedConsole> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'mirqab-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mirqab</title>');
  const host = await startHost({ app, rendererDir, port: 0, logger: silentLogger });
  return {
    host,
    origin: new URL(host.intakeUrl),
    async close() {
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

function parse(status: number, headers: IncomingHttpHeaders, text: string): Reply {
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status, headers, json };
}

/** One request with exactly these headers (Host included) and body. */
export function send(
  url: URL,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(parse(res.statusCode ?? 0, res.headers, text)));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Streams a body without a Content-Length, chunk after chunk, until the server answers: what a
 * client that never stops sending looks like. Resolves with the answer and how much was written.
 */
export function streamUntilAnswered(
  url: URL,
  headers: Record<string, string>,
  chunkBytes: number,
  maxBytes: number,
): Promise<Reply & { written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    const req = request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ ...parse(res.statusCode ?? 0, res.headers, text), written }));
    });
    // reason: the server closes the connection once it has answered; writing on after that fails.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && written < maxBytes) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
