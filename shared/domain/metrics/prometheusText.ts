// The Prometheus text exposition format 0.0.4, read as leniently as Prometheus' own scrape parser
// (model/textparse/promparse.go): blank lines, free comments, runs of blanks, optional and trailing
// commas in label sets, quoted UTF-8 names inside braces. A bad line is skipped with its reason.
import { bareNameAllowed, suffixInFamily, TYPE_SUFFIXES } from './familyNames.ts';
import {
  Cursor,
  parseFloatText,
  parseIntegerText,
  ScanError,
  showChar,
  unescapeHelp,
} from './scan.ts';
import type { Labels, MetricFamily, MetricType, ParseIssue, Sample } from './types.ts';
import { MAX_ISSUES } from './types.ts';

const PROM_TYPES: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
]);
const isBlank = (c: string) => c === ' ' || c === '\t';

interface Ctx {
  families: Map<string, MetricFamily>;
  current: MetricFamily | undefined;
}

export function parsePrometheusLines(
  lines: readonly (string | null)[],
  errors: ParseIssue[],
): MetricFamily[] {
  const ctx: Ctx = { families: new Map(), current: undefined };
  for (let i = 0; i < lines.length && errors.length < MAX_ISSUES; i++) {
    const raw = lines[i];
    if (raw === null || raw === undefined) continue;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    try {
      const c = new Cursor(text);
      c.skipBlanks();
      if (c.done) continue;
      if (c.peek() === '#') readComment(c, ctx);
      else readSample(c, ctx);
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      errors.push({ line: i + 1, message: error.message });
    }
  }
  return [...ctx.families.values()];
}

function familyFor(ctx: Ctx, name: string): MetricFamily {
  let family = ctx.families.get(name);
  if (!family) {
    family = { name, type: 'untyped', samples: [] };
    ctx.families.set(name, family);
  }
  return family;
}

function readComment(c: Cursor, ctx: Ctx): void {
  c.take('#');
  c.skipBlanks();
  const keyword = c.startsWith('HELP') ? 'HELP' : c.startsWith('TYPE') ? 'TYPE' : undefined;
  // Any other comment, including "# HELP" with nothing after it, is free text.
  if (!keyword || !isBlank(c.peek(4))) return;
  c.pos += 4;
  c.skipBlanks();
  const name = c.peek() === '"' ? c.readQuoted('metric name') : c.readMetricName();
  if (name === '')
    throw new ScanError(`expected a metric name after ${keyword}, found ${showChar(c.peek())}`);
  if (!c.done && !isBlank(c.peek()))
    throw new ScanError(`invalid character ${showChar(c.peek())} in metric name after ${keyword}`);
  const family = familyFor(ctx, name);
  ctx.current = family;
  if (keyword === 'HELP') {
    family.help = unescapeHelp(c.rest().slice(1), false);
    return;
  }
  const type = c.rest().trim();
  if (!PROM_TYPES.has(type))
    throw new ScanError(`invalid metric type ${JSON.stringify(type)} for ${name}`);
  if (family.samples.length > 0 && family.type !== type) {
    throw new ScanError(
      `TYPE ${type} for ${name} comes after its samples were read as ${family.type}`,
    );
  }
  family.type = type as MetricType;
}

function readLabels(c: Cursor, labels: Labels): string {
  let quotedName = '';
  c.expect('{', '{');
  for (;;) {
    c.skipBlanks();
    if (c.take('}')) return quotedName;
    let name: string;
    if (c.peek() === '"') {
      name = c.readQuoted('name');
      c.skipBlanks();
      if (c.peek() !== '=') {
        if (quotedName !== '')
          throw new ScanError(
            `expected "=" after label name ${JSON.stringify(name)}, found ${showChar(c.peek())}`,
          );
        quotedName = name;
        c.take(',');
        continue;
      }
    } else {
      name = c.readLabelName();
      if (name === '') throw new ScanError(`expected a label name, found ${showChar(c.peek())}`);
      c.skipBlanks();
    }
    c.expect('=', `"=" after label name ${name}`);
    c.skipBlanks();
    const value = c.readQuoted(`value for label ${name}`);
    if (Object.hasOwn(labels, name)) throw new ScanError(`label ${name} appears twice`);
    labels[name] = value;
    c.skipBlanks();
    c.take(',');
  }
}

function readSample(c: Cursor, ctx: Ctx): void {
  const labels: Labels = {};
  let name = c.readMetricName();
  if (name === '' && c.peek() !== '{')
    throw new ScanError(`expected a metric name, found ${showChar(c.peek())}`);
  c.skipBlanks();
  if (c.peek() === '{') {
    const quoted = readLabels(c, labels);
    if (quoted !== '' && name !== '')
      throw new ScanError(
        `metric ${name} also names itself ${JSON.stringify(quoted)} inside braces`,
      );
    name ||= quoted;
    if (name === '') throw new ScanError('metric name not set');
  }
  c.skipBlanks();
  const valueText = c.readToken();
  if (valueText === '')
    throw new ScanError(`expected a value after ${name}, found ${showChar(c.peek())}`);
  const value = parseFloatText(valueText);
  if (value === undefined)
    throw new ScanError(`invalid value ${JSON.stringify(valueText)} for ${name}`);
  const sample: Sample = { name, labels, value };
  c.skipBlanks();
  if (!c.done) {
    const tsText = c.readToken();
    const ts = parseIntegerText(tsText);
    if (ts === undefined)
      throw new ScanError(
        `invalid timestamp ${JSON.stringify(tsText)} for ${name}: expected integer milliseconds`,
      );
    sample.timestampMs = ts;
    c.skipBlanks();
    if (!c.done)
      throw new ScanError(
        `unexpected text after the timestamp: ${JSON.stringify(c.rest().slice(0, 40))}`,
      );
  }
  ownerOf(ctx, name).samples.push(sample);
}

function belongs(family: MetricFamily, name: string): boolean {
  return suffixInFamily(family.name, family.type, name, true) !== undefined;
}

function ownerOf(ctx: Ctx, name: string): MetricFamily {
  if (ctx.current && belongs(ctx.current, name)) return ctx.current;
  const exact = ctx.families.get(name);
  if (exact && (bareNameAllowed(exact.type) || exact.type === 'counter')) return exact;
  for (const suffix of new Set(Object.values(TYPE_SUFFIXES).flat())) {
    if (!name.endsWith(suffix)) continue;
    const base = ctx.families.get(name.slice(0, -suffix.length));
    if (base && belongs(base, name)) return base;
  }
  return exact ?? familyFor(ctx, name);
}
