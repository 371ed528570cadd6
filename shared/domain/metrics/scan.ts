// A hand-written cursor over one line of exposition text. Every step moves forward, so a line of
// length n is scanned in O(n): no regular expression can backtrack on hostile input.

export class ScanError extends Error {}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
export const isMetricNameStart = (c: string) => isAlpha(c) || c === '_' || c === ':';
const isMetricNameChar = (c: string) => isMetricNameStart(c) || isDigit(c);
const isLabelNameStart = (c: string) => isAlpha(c) || c === '_';
const isLabelNameChar = (c: string) => isLabelNameStart(c) || isDigit(c);

export function isMetricName(s: string): boolean {
  if (s.length === 0 || !isMetricNameStart(s.charAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isMetricNameChar(s.charAt(i))) return false;
  return true;
}

/** Shows a character in an error message so that tabs, NULs and spaces are visible. */
export function showChar(c: string): string {
  return c === '' ? 'end of line' : JSON.stringify(c);
}

export class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  take(s: string): boolean {
    if (!this.startsWith(s)) return false;
    this.pos += s.length;
    return true;
  }
  expect(s: string, what: string): void {
    if (!this.take(s)) throw new ScanError(`expected ${what}, found ${showChar(this.peek())}`);
  }
  skipBlanks(): number {
    const start = this.pos;
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
    return this.pos - start;
  }
  readWhile(pred: (c: string) => boolean): string {
    const start = this.pos;
    while (!this.done && pred(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  readMetricName(): string {
    if (!isMetricNameStart(this.peek())) return '';
    return this.readWhile(isMetricNameChar);
  }
  readLabelName(): string {
    if (!isLabelNameStart(this.peek())) return '';
    return this.readWhile(isLabelNameChar);
  }
  /** Everything up to the next space or tab (or the end). */
  readToken(): string {
    return this.readWhile((c) => c !== ' ' && c !== '\t');
  }
  /** A double-quoted string; `\\`, `\"` and `\n` are escapes, any other backslash pair is kept as is. */
  readQuoted(what: string): string {
    if (this.peek() !== '"')
      throw new ScanError(`expected a double-quoted ${what}, found ${showChar(this.peek())}`);
    this.pos++;
    let out = '';
    let chunk = this.pos;
    while (!this.done) {
      const c = this.peek();
      if (c === '"') {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c === '\\') {
        out += this.text.slice(chunk, this.pos);
        const next = this.peek(1);
        if (next === '') break;
        out += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next}`;
        this.pos += 2;
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
    throw new ScanError(`unterminated ${what}: no closing double quote`);
  }
}

/** Unescapes HELP text: `\\` and `\n` always, `\"` only where the format allows it. */
export function unescapeHelp(text: string, allowQuote: boolean): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (c === '\\' && (next === '\\' || next === 'n' || (allowQuote && next === '"'))) {
      out += next === 'n' ? '\n' : next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A decimal float as both formats write it: [sign] digits [. digits] [e [sign] digits], or
 * Inf/Infinity/NaN in any case. Hex floats, underscores and anything else are refused (undefined).
 */
export function parseFloatText(s: string): number | undefined {
  let i = 0;
  const sign = s.charAt(0);
  if (sign === '+' || sign === '-') i = 1;
  const word = s.slice(i).toLowerCase();
  if (word === 'inf' || word === 'infinity') return sign === '-' ? -Infinity : Infinity;
  if (word === 'nan') return i === 0 ? NaN : undefined;
  const digitsFrom = (start: number) => {
    let end = start;
    while (isDigit(s.charAt(end))) end++;
    return end;
  };
  let end = digitsFrom(i);
  let digits = end - i;
  i = end;
  if (s.charAt(i) === '.') {
    end = digitsFrom(i + 1);
    digits += end - i - 1;
    i = end;
  }
  if (digits === 0) return undefined;
  if (s.charAt(i) === 'e' || s.charAt(i) === 'E') {
    i++;
    if (s.charAt(i) === '+' || s.charAt(i) === '-') i++;
    end = digitsFrom(i);
    if (end === i) return undefined;
    i = end;
  }
  return i === s.length ? Number(s) : undefined;
}

/** An integer millisecond timestamp as the Prometheus text format writes it. */
export function parseIntegerText(s: string): number | undefined {
  let i = s.charAt(0) === '-' || s.charAt(0) === '+' ? 1 : 0;
  if (i === s.length) return undefined;
  for (; i < s.length; i++) if (!isDigit(s.charAt(i))) return undefined;
  return Number(s);
}
