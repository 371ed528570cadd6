// A real HTTPS server on 127.0.0.1 standing in for the site's retraining pipeline: its certificate is
// the site's own CA (self-signed), and it keeps each request it accepts.
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { createSelfSignedCertificate } from '../../../agent/certificate.ts';

export interface PipelinePost {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PipelineServer {
  url: string;
  caPem: string;
  posts: PipelinePost[];
}

export async function startPipelineServer(): Promise<PipelineServer> {
  const cert = await createSelfSignedCertificate({ commonName: 'pipeline.site.local' });
  const posts: PipelinePost[] = [];
  const server = createServer({ key: cert.keyPem, cert: cert.certPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(202, { 'content-type': 'text/plain' }).end('queued');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `https://127.0.0.1:${port}/v1/retraining-requests`, caPem: cert.certPem, posts };
}
