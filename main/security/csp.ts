// The Content-Security-Policy both shells send with every renderer response. Runtime-neutral so
// the desktop shell (main/shell) and the web host (main/host) share one definition.

export interface CspOptions {
  /** Extra connect-src sources, e.g. the web host's ws://127.0.0.1:PORT bridge. */
  connectSrc?: readonly string[];
}

const SOURCE = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[A-Za-z0-9.[\]:*-]+(:\d+)?)?$/;

/**
 * The policy: only our own origin may provide scripts, styles, fonts and connections; no
 * eval, no inline code, no plugins, no framing, no forms, no <base> rewriting.
 */
export function cspFor(options: CspOptions = {}): string {
  const extra = options.connectSrc ?? [];
  for (const source of extra) {
    // reason: a source with ';' or spaces would smuggle in extra directives.
    if (!SOURCE.test(source)) throw new Error(`not a valid connect-src source: ${source}`);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...extra]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export const CONTENT_SECURITY_POLICY = cspFor();
