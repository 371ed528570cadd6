// The drill control for a running simulated fleet: a small HTTP endpoint on 127.0.0.1 only.
//   POST /faults  {"kind","target":{"host","gpu"?,"model"?},"durationSeconds","params"?}  → 201 the fault
//   GET  /faults  → the faults in force;  GET /agents → the simulated agents
// Errors come back as {"error":{"code","message"}} with a 4xx status, never a dropped connection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultSpecSchema } from './faults.ts';
import type { SimulatedFleet } from './fleet.ts';

const MAX_BODY_BYTES = 64 * 1024;

export interface FaultControl {
  port: number;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    .end(`${JSON.stringify(body)}\n`);
}

const fail = (res: ServerResponse, status: number, code: string, message: string) =>
  reply(res, status, { error: { code, message } });

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(
  fleet: SimulatedFleet,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/faults')
    return reply(res, 200, { faults: fleet.activeFaults() });
  if (req.method === 'GET' && path === '/agents') return reply(res, 200, { agents: fleet.agents });
  if (path !== '/faults')
    return fail(res, 404, 'not_found', 'try POST /faults, GET /faults or GET /agents');
  if (req.method !== 'POST') return fail(res, 405, 'method_not_allowed', 'POST a fault to /faults');
  const text = await readBody(req);
  if (text === null)
    return fail(res, 413, 'too_large', `a fault is at most ${MAX_BODY_BYTES} bytes of JSON`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(res, 400, 'not_json', `the body is not JSON: ${(error as Error).message}`);
  }
  const parsed = FaultSpecSchema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    return fail(res, 400, 'invalid_fault', message);
  }
  try {
    return reply(res, 201, { fault: await fleet.inject(parsed.data) });
  } catch (error) {
    if (error instanceof RangeError) return fail(res, 404, 'unknown_target', error.message);
    throw error;
  }
}

export async function startFaultControl(
  fleet: SimulatedFleet,
  port: number,
): Promise<FaultControl> {
  const server = createServer((req, res) => {
    handle(fleet, req, res).catch((error: unknown) => fail(res, 500, 'internal', String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
