import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/shell/trustedSender.ts';

interface Frame {
  url: string;
}
const ourWindow = { id: 1 };
const otherWindow = { id: 2 };
const mainFrame: Frame = { url: 'app://mirqab/index.html' };

const facts = (
  overrides: Partial<{ senderWindow: object | null; senderFrame: Frame | null }> = {},
) => ({
  senderWindow: ourWindow,
  senderFrame: mainFrame,
  mainFrame,
  ...overrides,
});

describe('who may call the API over IPC', () => {
  it('accepts the main frame of our window on app://mirqab', () => {
    expect(isTrustedSender(facts(), ourWindow)).toBe(true);
  });

  it('refuses another window', () => {
    expect(isTrustedSender(facts({ senderWindow: otherWindow }), ourWindow)).toBe(false);
  });

  it('refuses a webContents with no window (a webview, a background page)', () => {
    expect(isTrustedSender(facts({ senderWindow: null }), ourWindow)).toBe(false);
  });

  it('refuses a subframe of our window, even one on app://mirqab', () => {
    expect(
      isTrustedSender(facts({ senderFrame: { url: 'app://mirqab/index.html' } }), ourWindow),
    ).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender(facts({ senderFrame: null }), ourWindow)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'file:///app/out/renderer/index.html',
    'app://evil/index.html',
    'app://mirqab.evil/index.html',
    'app://mirqab:1234/index.html',
    'app://x@mirqab/index.html',
    'about:blank',
    'not a url',
  ])('refuses our main frame showing %s', (url) => {
    const frame = { url };
    expect(
      isTrustedSender({ senderWindow: ourWindow, senderFrame: frame, mainFrame: frame }, ourWindow),
    ).toBe(false);
  });

  it('refuses everything once our window is gone', () => {
    expect(isTrustedSender(facts({ senderWindow: null }), null)).toBe(false);
  });
});
