import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../main/shell/window.ts';

describe('the console window', () => {
  it('runs the renderer sandboxed, isolated and without Node', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs', true).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('has DevTools only in development builds', () => {
    expect(windowOptions('/p', true).webPreferences?.devTools).toBe(false);
    expect(windowOptions('/p', false).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until its first paint and is titled Mirqab', () => {
    const options = windowOptions('/p', true);
    expect(options.show).toBe(false);
    expect(options.title).toBe('Mirqab');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
