// Serves the built renderer over app://mirqab with a strict CSP. Pure (node:path + an injected
// file reader) so the traversal checks are tested without Electron.
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/csp.ts';
import { APP_HOST, APP_SCHEME } from './appOrigin.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every app:// response carries, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps an app://mirqab/… URL to a file under rendererDir, or null when the URL is foreign or
 * tries to leave the folder. "/" is index.html. Any '..' or '.' segment (plain or percent-encoded),
 * a backslash, a NUL byte or a drive letter is refused outright rather than normalised away.
 */
export function resolveRendererPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null;
  if (url.port !== '' || url.username !== '' || url.password !== '') return null;

  let decoded: string;
  try {
    // reason: Node's URL parser leaves a non-special scheme's empty path empty; Chromium sends '/'.
    decoded = decodeURIComponent(url.pathname || '/');
  } catch {
    return null; // malformed percent-encoding
  }
  if (!decoded.startsWith('/') || /[\0\\]/.test(decoded) || decoded.startsWith('//')) return null;

  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  if (/^[A-Za-z]:/.test(relative) || path.isAbsolute(relative)) return null;

  const root = path.resolve(rendererDir);
  const full = path.resolve(root, ...segments);
  return isInside(root, full) ? full : null;
}

export interface RendererFiles {
  /** The file's bytes, or null when it does not exist or is not a regular file. */
  read(filePath: string): Promise<Uint8Array | null>;
  /** The real path with links resolved, or null when missing. */
  realPath(filePath: string): Promise<string | null>;
}

type Body = Uint8Array | string | null;

function respond(status: number, body: Body, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, ...headers } });
}

/** The protocol.handle('app', …) handler: GET/HEAD of files under rendererDir, 404 otherwise. */
export function createAppProtocolHandler(rendererDir: string, files: RendererFiles) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, null, { Allow: 'GET, HEAD' });
    }
    const filePath = resolveRendererPath(rendererDir, request.url);
    if (filePath === null) return respond(404, 'Not found', { 'Content-Type': 'text/plain' });

    // reason: a link inside out/renderer must not lead outside it.
    const [realRoot, realFile] = await Promise.all([
      files.realPath(path.resolve(rendererDir)),
      files.realPath(filePath),
    ]);
    if (realRoot === null || realFile === null || !isInside(realRoot, realFile)) {
      return respond(404, 'Not found', { 'Content-Type': 'text/plain' });
    }
    const body = await files.read(realFile);
    if (body === null) return respond(404, 'Not found', { 'Content-Type': 'text/plain' });

    return respond(200, request.method === 'HEAD' ? null : body, {
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': String(body.byteLength),
      // reason: index.html names hashed assets; it must be re-read after an update.
      'Cache-Control': filePath.endsWith('.html') ? 'no-store' : 'private, max-age=31536000',
    });
  };
}
