// Serves the built renderer from one folder, refusing anything that would resolve outside it.
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Maps a URL path to a file under root; null for traversal, odd characters or a missing file. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = await realpath(root).catch(() => null);
  if (!base) return null;
  const candidate = resolve(base, relative);
  if (!candidate.startsWith(base + sep)) return null;
  const real = await realpath(candidate).catch(() => null);
  if (!real || !real.startsWith(base + sep)) return null;
  const body = await readFile(real).catch(() => null);
  if (!body) return null;
  return { body, contentType: TYPES[extname(real)] ?? 'application/octet-stream' };
}
