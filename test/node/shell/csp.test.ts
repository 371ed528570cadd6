import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, cspFor } from '../../../main/security/csp.ts';

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

describe('the content security policy', () => {
  it('allows no eval and no inline code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
  });

  it('has every required directive', () => {
    expect(Object.fromEntries(directives(CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('adds the web host socket to connect-src only', () => {
    const policy = directives(cspFor({ connectSrc: ['ws://127.0.0.1:7443'] }));
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:7443']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('refuses a source that would smuggle in another directive', () => {
    expect(() => cspFor({ connectSrc: ["ws://x; script-src 'unsafe-eval'"] })).toThrow();
    expect(() => cspFor({ connectSrc: ['*'] })).toThrow();
  });
});
