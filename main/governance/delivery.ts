// Hands a retraining request to the site's pipeline: an HTTPS POST that trusts the site's own CA
// (given as PEM), or an atomic write into a drop folder the pipeline watches (write to a temporary
// name, fsync, rename: the pipeline never sees half a file). The console never trains a model.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { PipelineSettings, RetrainingRequest } from '../../shared/ipc/governanceSchemas.ts';
import { SECOND_MS } from '../../shared/domain/time.ts';

const TIMEOUT_MS = 15 * SECOND_MS;

/** The document the pipeline receives. */
export function requestDocument(r: RetrainingRequest, siteName: string): string {
  return JSON.stringify({
    type: 'mirqab.retraining_request',
    schemaVersion: 1,
    site: siteName,
    id: r.id,
    model: r.model,
    runningVersions: r.versions,
    rule: r.ruleName,
    firedAt: r.firedAt,
    evidence: r.evidence,
    // Register the retrained model as a new version on the hosts: the agents' reports close this request.
    outcome: 'new model version reported by the host agents',
  });
}

function post(url: string, caPem: string, body: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        // An empty CA falls back to the system store; the site's CA otherwise, and nothing else.
        ...(caPem ? { ca: caPem } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': key,
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else {
            const reply = Buffer.concat(chunks).toString('utf8').slice(0, 200);
            reject(new Error(`The pipeline answered ${status}${reply ? `: ${reply}` : ''}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('The pipeline did not answer in 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

function drop(directory: string, name: string, body: string): string {
  mkdirSync(directory, { recursive: true });
  const final = join(directory, name);
  const temporary = join(directory, `.${name}.partial`);
  const fd = openSync(temporary, 'w', 0o640);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, final);
  return final;
}

/** Delivers the request; resolves to where it went, rejects with a reason an admin can act on. */
export async function deliverRequest(
  pipeline: PipelineSettings,
  r: RetrainingRequest,
  siteName: string,
): Promise<string> {
  const body = requestDocument(r, siteName);
  const key = `mirqab-retraining-${r.id}`;
  if (pipeline.kind === 'webhook') {
    await post(pipeline.url, pipeline.caPem, body, key);
    return pipeline.url;
  }
  return drop(pipeline.directory, `${key}.json`, body);
}
