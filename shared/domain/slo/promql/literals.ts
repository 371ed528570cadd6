// Reading PromQL's literal pieces: quoted strings, durations, RE2 regexes, and Sloth's {{.window}} template.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The value of a PromQL string literal ("…", '…' with Go escapes, or `…` raw); undefined when malformed. */
export function unquotePromQlString(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  if (quote !== '"' && quote !== "'") return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const digits = hexLength > 0 ? body.slice(i + 2, i + 2 + hexLength) : body.slice(i + 1, i + 4);
    const isHex = hexLength > 0 && new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits);
    const isOctal = hexLength === 0 && /^[0-7]{3}$/.test(digits);
    if (!isHex && !isOctal) return undefined;
    const code = Number.parseInt(digits, isHex ? 16 : 8);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += isHex ? 1 + hexLength : 3;
  }
  return out;
}

const DURATION_UNITS_MS: Record<string, number> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A Prometheus duration (`5m`, `1h30m`, `2w`, or plain seconds) in ms; undefined when not one. */
export function parsePromDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  return units.reduce(
    (total, unit, index) => total + Number(match[index + 1] ?? 0) * (DURATION_UNITS_MS[unit] ?? 0),
    0,
  );
}

/** A PromQL number literal (decimal, hex, Inf, NaN; `_` separators); undefined for durations used as numbers. */
export function parsePromNumber(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '').replace(/_/g, '');
  const sign = compact.startsWith('-') ? -1 : 1;
  const unsigned = compact.replace(/^[+-]/, '');
  const lower = unsigned.toLowerCase();
  if (lower === 'inf') return sign * Infinity;
  if (lower === 'nan') return Number.NaN;
  if (/^0x[0-9a-f]+$/.test(lower)) return sign * Number.parseInt(lower.slice(2), 16);
  if (/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) return sign * Number(lower);
  return undefined;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9A-Fa-f',
  word: '0-9A-Za-z_',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * An RE2 label regex as Prometheus runs it: anchored at both ends, `.` matching newlines too. Returns the
 * reason when the pattern uses RE2 syntax JavaScript cannot run.
 */
export function compileLabelRegex(
  pattern: string,
): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  let flags = 's';
  let source = pattern;
  const leadingFlags = /^\(\?([is]+)\)/.exec(source);
  if (leadingFlags) {
    if (leadingFlags[1]?.includes('i')) flags += 'i';
    source = source.slice(leadingFlags[0].length);
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(source))
    return { ok: false, reason: 'inline flags other than a leading (?i) or (?s)' };
  if (/\\[pPQCE]/.test(source))
    return { ok: false, reason: 'Unicode classes \\p, \\Q…\\E and \\C' };
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
      const range = POSIX_CLASSES[name];
      return range === undefined || negated === '^' ? whole : range;
    });
  try {
    return { ok: true, regex: new RegExp(`^(?:${source})$`, flags) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The range Sloth's `{{.window}}` stands for while parsing; the SLO's burn-rate windows replace it anyway. */
export const TEMPLATE_WINDOW = '5m';
const WINDOW_TEMPLATE = /\{\{\s*\.window\s*\}\}/g;

/** The query with `{{.window}}` replaced, and a map from offsets in it back to offsets in the original. */
export function substituteWindowTemplate(query: string): {
  text: string;
  toOriginal: (offset: number) => number;
} {
  const edits: { at: number; originalLength: number }[] = [];
  let shift = 0;
  const text = query.replace(WINDOW_TEMPLATE, (whole: string, offset: number) => {
    edits.push({ at: offset - shift, originalLength: whole.length });
    shift += whole.length - TEMPLATE_WINDOW.length;
    return TEMPLATE_WINDOW;
  });
  const toOriginal = (offset: number): number => {
    let mapped = offset;
    for (const edit of edits) {
      if (offset >= edit.at + TEMPLATE_WINDOW.length)
        mapped += edit.originalLength - TEMPLATE_WINDOW.length;
      else if (offset > edit.at) mapped = mapped - (offset - edit.at);
    }
    return mapped;
  };
  return { text, toOriginal };
}
