// OpenMetrics 1.0 text, read strictly: the exposition is valid only if every line and every family
// follows the spec (checked against the OpenMetrics parser conformance suite). Each violation is
// reported with its line; the parser never stops early on a bad line, so one pass shows them all.
import { bareNameAllowed, suffixInFamily, TYPE_SUFFIXES } from './familyNames.ts';
import { checkHistogramFamily, groupKey, type SampleAt } from './openMetricsChecks.ts';
import { Cursor, isMetricName, parseFloatText, ScanError, showChar, unescapeHelp } from './scan.ts';
import type { Exemplar, Labels, MetricFamily, MetricType, ParseIssue, Sample } from './types.ts';
import { MAX_ISSUES } from './types.ts';

const OM_TYPES: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'stateset',
  'info',
  'summary',
  'unknown',
]);
const MAX_EXEMPLAR_LABEL_CHARS = 128;

interface Builder {
  name: string;
  firstLine: number;
  type?: MetricType;
  help?: string;
  unit?: string;
  seen: Set<'HELP' | 'TYPE' | 'UNIT'>;
  samples: SampleAt[];
  group?: string;
  groupTs?: number;
  seenGroups: Set<string>;
}

class Issues {
  constructor(readonly list: ParseIssue[]) {}
  add(line: number, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ line, message });
  }
}

export function parseOpenMetricsLines(
  lines: readonly (string | null)[],
  errorList: ParseIssue[],
): MetricFamily[] {
  const issues = new Issues(errorList);
  const families: MetricFamily[] = [];
  const seenNames = new Set<string>();
  let builder: Builder | undefined;
  let eofLine = 0;
  const finish = () => {
    if (builder) families.push(finishFamily(builder, seenNames, issues));
    builder = undefined;
  };
  // A final newline ends the last line; it does not start an empty one.
  const count =
    lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < count && errorList.length < MAX_ISSUES; i++) {
    const text = lines[i];
    const lineNo = i + 1;
    if (text === null || text === undefined) continue;
    if (eofLine > 0) {
      issues.add(lineNo, 'text after "# EOF": the exposition must end there');
      break;
    }
    if (text === '# EOF') {
      eofLine = lineNo;
      continue;
    }
    try {
      if (text === '') throw new ScanError('blank line: OpenMetrics allows none');
      if (text.startsWith('#')) {
        const meta = readMetadata(text);
        if (!builder || builder.name !== meta.name) {
          finish();
          builder = {
            name: meta.name,
            firstLine: lineNo,
            seen: new Set(),
            samples: [],
            seenGroups: new Set(),
          };
        } else if (builder.samples.length > 0) {
          throw new ScanError(
            `# ${meta.keyword} for ${meta.name} after its samples: metadata must come first`,
          );
        }
        if (builder.seen.has(meta.keyword))
          throw new ScanError(`# ${meta.keyword} for ${meta.name} is repeated`);
        builder.seen.add(meta.keyword);
        if (meta.keyword === 'TYPE') builder.type = meta.value as MetricType;
        else if (meta.keyword === 'UNIT') builder.unit = meta.value || undefined;
        else builder.help = meta.value || undefined;
        continue;
      }
      const sample = readSample(text);
      const type = builder?.type ?? 'unknown';
      if (
        !builder ||
        suffixInFamily(builder.name, type, sample.name, bareNameAllowed(type)) === undefined
      ) {
        finish();
        builder = {
          name: sample.name,
          firstLine: lineNo,
          seen: new Set(),
          samples: [],
          seenGroups: new Set(),
        };
      }
      checkSample(builder, sample);
      builder.samples.push({ sample, line: lineNo });
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      issues.add(lineNo, error.message);
    }
  }
  finish();
  if (eofLine === 0)
    issues.add(count + 1, 'missing "# EOF": an OpenMetrics exposition must end with it');
  return families;
}

function readMetadata(text: string): {
  keyword: 'HELP' | 'TYPE' | 'UNIT';
  name: string;
  value: string;
} {
  const c = new Cursor(text);
  const keyword = c.take('# HELP')
    ? 'HELP'
    : c.take('# TYPE')
      ? 'TYPE'
      : c.take('# UNIT')
        ? 'UNIT'
        : undefined;
  if (!keyword)
    throw new ScanError(
      'unknown comment: OpenMetrics allows only "# HELP", "# TYPE", "# UNIT" and "# EOF"',
    );
  c.expect(' ', `a space after ${keyword}`);
  const name = c.readMetricName();
  if (name === '')
    throw new ScanError(`expected a metric name after ${keyword}, found ${showChar(c.peek())}`);
  c.expect(' ', `a space and the ${keyword.toLowerCase()} after ${name}`);
  const rest = c.rest();
  if (keyword === 'HELP') return { keyword, name, value: unescapeHelp(rest, true) };
  if (keyword === 'TYPE' && !OM_TYPES.has(rest))
    throw new ScanError(`invalid metric type ${JSON.stringify(rest)} for ${name}`);
  if (keyword === 'UNIT' && rest !== '' && !isMetricName(`_${rest}`))
    throw new ScanError(`invalid unit ${JSON.stringify(rest)} for ${name}`);
  return { keyword, name, value: rest };
}

function readLabels(c: Cursor, what: string): Labels {
  const labels: Labels = {};
  c.expect('{', `"{" to open the ${what}`);
  if (c.take('}')) return labels;
  for (;;) {
    const name = c.readLabelName();
    if (name === '') throw new ScanError(`expected a label name, found ${showChar(c.peek())}`);
    c.expect('=', `"=" after label name ${name}`);
    const value = c.readQuoted(`value for label ${name}`);
    if (Object.hasOwn(labels, name)) throw new ScanError(`label ${name} appears twice`);
    labels[name] = value;
    if (c.take('}')) return labels;
    c.expect(',', `"," or "}" after the value of label ${name}`);
  }
}

function readNumber(c: Cursor, what: string): number {
  const text = c.readWhile((ch) => ch !== ' ');
  if (text === '') throw new ScanError(`expected ${what}, found ${showChar(c.peek())}`);
  const value = parseFloatText(text);
  if (value === undefined) throw new ScanError(`invalid ${what} ${JSON.stringify(text)}`);
  return value;
}

function readTimestamp(c: Cursor, what: string): number {
  const seconds = readNumber(c, what);
  if (!Number.isFinite(seconds))
    throw new ScanError(`invalid ${what}: it must be a finite number of seconds`);
  return seconds * 1000;
}

function readSample(text: string): Sample {
  const c = new Cursor(text);
  const name = c.readMetricName();
  if (name === '')
    throw new ScanError(
      `expected a metric name at the start of the line, found ${showChar(c.peek())}`,
    );
  const labels = c.peek() === '{' ? readLabels(c, 'label set') : {};
  c.expect(' ', `a single space before the value of ${name}`);
  const sample: Sample = { name, labels, value: readNumber(c, 'value') };
  if (c.done) return sample;
  c.expect(' ', `a single space after the value of ${name}`);
  if (!c.startsWith('#')) {
    sample.timestampMs = readTimestamp(c, 'timestamp');
    if (c.done) return sample;
    c.expect(' ', 'a single space after the timestamp');
  }
  c.expect('# ', '"# " to start an exemplar');
  sample.exemplar = readExemplar(c);
  if (!c.done)
    throw new ScanError(
      `unexpected text at the end of the line: ${JSON.stringify(c.rest().slice(0, 40))}`,
    );
  return sample;
}

function readExemplar(c: Cursor): Exemplar {
  const labels = readLabels(c, 'exemplar label set');
  let chars = 0;
  for (const [k, v] of Object.entries(labels)) chars += [...k].length + [...v].length;
  if (chars > MAX_EXEMPLAR_LABEL_CHARS)
    throw new ScanError(
      `exemplar labels are ${chars} characters long; at most ${MAX_EXEMPLAR_LABEL_CHARS} are allowed`,
    );
  c.expect(' ', 'a single space before the exemplar value');
  const exemplar: Exemplar = { labels, value: readNumber(c, 'exemplar value') };
  if (c.take(' ')) exemplar.timestampMs = readTimestamp(c, 'exemplar timestamp');
  return exemplar;
}

const isCounterLike = (type: MetricType, suffix: string) =>
  (type === 'counter' && suffix === '_total') ||
  ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') ||
  ((type === 'histogram' || type === 'summary') && suffix === '_count') ||
  (type === 'gaugehistogram' && suffix === '_gcount');

function checkSample(b: Builder, sample: Sample): void {
  const type = b.type ?? 'unknown';
  const suffix = sample.name.slice(b.name.length);
  const { value, labels } = sample;
  if (isCounterLike(type, suffix) && (Number.isNaN(value) || value < 0)) {
    throw new ScanError(
      `${sample.name} counts events: it cannot be negative or NaN (got ${value})`,
    );
  }
  if (suffix === '_sum' && type === 'summary' && (Number.isNaN(value) || value < 0))
    throw new ScanError(`${sample.name} cannot be negative or NaN`);
  if ((suffix === '_sum' || suffix === '_gsum') && Number.isNaN(value))
    throw new ScanError(`${sample.name} cannot be NaN`);
  if (suffix === '_bucket') {
    const le = labels.le;
    if (le === undefined) throw new ScanError(`${sample.name} has no "le" label`);
    const lower = le.toLowerCase();
    // Only the canonical spelling marks the +Inf bucket; "+INF" or "inf" are not bucket bounds.
    const bound =
      lower.includes('inf') || lower.includes('nan')
        ? le === '+Inf'
          ? Infinity
          : undefined
        : parseFloatText(le);
    if (bound === undefined || Number.isNaN(bound))
      throw new ScanError(`invalid bucket bound le=${JSON.stringify(le)}`);
  }
  if (type === 'summary' && suffix === '') {
    const q = labels.quantile === undefined ? undefined : parseFloatText(labels.quantile);
    if (q === undefined || Number.isNaN(q) || q < 0 || q > 1) {
      throw new ScanError(
        `summary ${sample.name} needs a "quantile" label between 0 and 1 (got ${JSON.stringify(labels.quantile ?? null)})`,
      );
    }
    if (value < 0) throw new ScanError(`quantile value of ${sample.name} cannot be negative`);
  }
  if (type === 'stateset') {
    if (labels[b.name] === undefined)
      throw new ScanError(`stateset ${b.name} needs a label named ${b.name}`);
    if (value !== 0 && value !== 1)
      throw new ScanError(`stateset ${b.name} values must be 0 or 1 (got ${value})`);
  }
  if (type === 'info' && value !== 1)
    throw new ScanError(`info ${b.name} value must be 1 (got ${value})`);
  if (
    sample.exemplar &&
    !(
      (type === 'counter' && suffix === '_total') ||
      ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket')
    )
  ) {
    throw new ScanError(
      `exemplars are allowed only on counter _total and histogram _bucket samples, not on ${sample.name}`,
    );
  }
  const group = groupKey(b.name, type, sample);
  if (b.group !== undefined && group !== b.group && b.seenGroups.has(group)) {
    throw new ScanError(
      `samples of ${b.name} with labels ${group} are not together: they must not be interleaved with others`,
    );
  }
  if (b.group !== undefined && group === b.group) {
    if ((sample.timestampMs === undefined) !== (b.groupTs === undefined)) {
      throw new ScanError(
        `samples of ${b.name} with the same labels mix lines with and without timestamps`,
      );
    }
    if (
      type !== 'info' &&
      b.groupTs !== undefined &&
      sample.timestampMs !== undefined &&
      sample.timestampMs < b.groupTs
    ) {
      throw new ScanError(`timestamps of ${b.name} go backwards`);
    }
  }
  b.group = group;
  b.groupTs = sample.timestampMs;
  b.seenGroups.add(group);
}

function finishFamily(b: Builder, seenNames: Set<string>, issues: Issues): MetricFamily {
  const type = b.type ?? 'unknown';
  for (const suffix of ['', ...TYPE_SUFFIXES[type]]) {
    const name = b.name + suffix;
    if (seenNames.has(name))
      issues.add(
        b.firstLine,
        `family ${b.name} clashes with an earlier family over the name ${name}`,
      );
    seenNames.add(name);
  }
  if (b.unit !== undefined) {
    if (!b.name.endsWith(`_${b.unit}`))
      issues.add(
        b.firstLine,
        `family ${b.name} has unit ${b.unit} but its name does not end in _${b.unit}`,
      );
    if (type === 'info' || type === 'stateset')
      issues.add(b.firstLine, `a ${type} family cannot have a unit`);
  }
  if (type === 'histogram' || type === 'gaugehistogram') {
    for (const issue of checkHistogramFamily(b.name, b.samples))
      issues.add(issue.line, issue.message);
  }
  const family: MetricFamily = { name: b.name, type, samples: b.samples.map((s) => s.sample) };
  if (b.help !== undefined) family.help = b.help;
  if (b.unit !== undefined) family.unit = b.unit;
  return family;
}
