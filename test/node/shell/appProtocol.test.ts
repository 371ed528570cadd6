import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/csp.ts';
import { createAppProtocolHandler, resolveRendererPath } from '../../../main/shell/appProtocol.ts';
import { diskRendererFiles } from '../../../main/shell/rendererFiles.ts';

let base: string;
let rendererDir: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mirqab-app-protocol-'));
  rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mirqab</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'export {};');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'store key');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('resolving app:// URLs to renderer files', () => {
  it('serves index.html for the root', () => {
    expect(resolveRendererPath(rendererDir, 'app://mirqab/')).toBe(
      path.join(rendererDir, 'index.html'),
    );
    expect(resolveRendererPath(rendererDir, 'app://mirqab')).toBe(
      path.join(rendererDir, 'index.html'),
    );
  });

  it('maps an asset inside the folder', () => {
    expect(resolveRendererPath(rendererDir, 'app://mirqab/assets/index-abc.js?v=1#x')).toBe(
      path.join(rendererDir, 'assets', 'index-abc.js'),
    );
  });

  it.each([
    ['encoded dot-dot slash', 'app://mirqab/..%2fsecret.txt'],
    ['encoded dots', 'app://mirqab/%2e%2e%2fsecret.txt'],
    ['encoded dots, nested', 'app://mirqab/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['encoded backslash', 'app://mirqab/..%5csecret.txt'],
    ['encoded absolute path', 'app://mirqab/%2fetc%2fpasswd'],
    ['double slash absolute path', 'app://mirqab//etc/passwd'],
    ['drive letter', 'app://mirqab/C:%5cWindows%5cwin.ini'],
    ['null byte', 'app://mirqab/index.html%00.js'],
    ['malformed encoding', 'app://mirqab/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://mirqab:8080/index.html'],
    ['credentials', 'app://user:pw@mirqab/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', '../secret.txt'],
  ])('refuses %s', (_name, url) => {
    expect(resolveRendererPath(rendererDir, url)).toBeNull();
  });

  it('keeps a plain ../ inside the folder (the URL parser already removed it)', () => {
    const resolved = resolveRendererPath(rendererDir, 'app://mirqab/../../secret.txt');
    expect(resolved).toBe(path.join(rendererDir, 'secret.txt'));
  });
});

describe('the app:// protocol handler', () => {
  const handle = () => createAppProtocolHandler(rendererDir, diskRendererFiles);

  it('serves index.html with the strict CSP and nosniff', async () => {
    const response = await handle()(new Request('app://mirqab/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Mirqab</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handle()(new Request('app://mirqab/assets/index-abc.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://mirqab/../secret.txt',
    'app://mirqab/..%2fsecret.txt',
    'app://mirqab/%2e%2e/secret.txt',
    'app://mirqab/assets/leak.txt',
    'app://mirqab/assets',
    'app://mirqab/missing.js',
  ])('answers 404 with the CSP for %s', async (url) => {
    const response = await handle()(new Request(url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('store key');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle()(new Request('app://mirqab/', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
