// Typed, located reads from parsed YAML: every problem names the field path and the line it sits on.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ImportProblem, IssueLog } from './importTypes.ts';

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, segment) =>
      typeof segment === 'number'
        ? `${out}[${segment}]`
        : out === ''
          ? segment
          : `${out}.${segment}`,
    '',
  );
}

/** Finds where a field (its key) is written, or its nearest parent that exists. */
export class YamlLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  lineOf(path: readonly PathSegment[]): number | undefined {
    return this.positionOf(path)?.line;
  }

  /** 1-based line and column of the field, or of the nearest parent that is written. */
  positionOf(path: readonly PathSegment[]): { line: number; col: number } | undefined {
    let node: unknown = this.doc.contents;
    let offset = this.doc.contents?.range[0];
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (!isMap(item) && !isSeq(item) && !isScalar(item)) break;
        if (item.range) offset = item.range[0];
        node = item;
      } else break;
    }
    return offset === undefined ? undefined : this.lines.linePos(offset);
  }
}

type Report = Pick<IssueLog, 'problems' | 'warnings'>;

/** A value at a path in one YAML document, with helpers that report wrong types instead of throwing. */
export class FieldReader {
  constructor(
    readonly value: unknown,
    readonly path: readonly PathSegment[],
    private readonly locator: YamlLocator,
    private readonly report: Report,
  ) {}

  /** The same value, reporting into another log (one per SLO). */
  withLog(report: Report): FieldReader {
    return new FieldReader(this.value, this.path, this.locator, report);
  }

  /** This value (often from another document it refers to), reporting where `other` reports. */
  reportingTo(other: FieldReader): FieldReader {
    return new FieldReader(this.value, this.path, this.locator, other.report);
  }

  at(...keys: PathSegment[]): FieldReader {
    let value: unknown = this.value;
    for (const key of keys)
      value =
        isRecord(value) || Array.isArray(value)
          ? (value as Record<PathSegment, unknown>)[key]
          : undefined;
    return new FieldReader(value, [...this.path, ...keys], this.locator, this.report);
  }

  get exists(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  get isMap(): boolean {
    return isRecord(this.value);
  }

  get pathText(): string {
    return formatPath(this.path);
  }

  keys(): string[] {
    return isRecord(this.value) ? Object.keys(this.value) : [];
  }

  /** The line this field (or its nearest written parent) is on. */
  get line(): number | undefined {
    return this.locator.lineOf(this.path);
  }

  private issue(message: string): ImportProblem {
    return { path: this.pathText, line: this.line, message };
  }

  problem(message: string): undefined {
    this.report.problems.push(this.issue(message));
    return undefined;
  }

  warn(message: string): void {
    this.report.warnings.push(this.issue(message));
  }

  /** A string (numbers and booleans are read as written); a problem when required and missing. */
  string(required = false): string | undefined {
    if (typeof this.value === 'string') return this.value;
    if (typeof this.value === 'number' || typeof this.value === 'boolean')
      return String(this.value);
    if (this.exists) return this.problem('must be text');
    return required ? this.problem('is required') : undefined;
  }

  /** A number; numeric text such as Pyrra's target "99.5" is accepted. */
  number(required = false): number | undefined {
    if (typeof this.value === 'number') return this.value;
    if (
      typeof this.value === 'string' &&
      this.value.trim() !== '' &&
      Number.isFinite(Number(this.value))
    )
      return Number(this.value);
    if (this.exists) return this.problem('must be a number');
    return required ? this.problem('is required') : undefined;
  }

  boolean(): boolean | undefined {
    if (typeof this.value === 'boolean') return this.value;
    if (this.exists) return this.problem('must be true or false');
    return undefined;
  }

  /** The items of a list; a problem when present but not a list. */
  items(): FieldReader[] {
    if (!this.exists) return [];
    if (!Array.isArray(this.value)) return this.problem('must be a list') ?? [];
    return this.value.map((_, index) => this.at(index));
  }

  /** A map of text values (label sets); list values are joined with commas, as OpenSLO allows lists. */
  stringMap(): Record<string, string> {
    if (!this.exists) return {};
    if (!isRecord(this.value)) return this.problem('must be a map of names to values') ?? {};
    const entries: [string, string][] = [];
    for (const key of Object.keys(this.value)) {
      const field = this.at(key);
      const text = Array.isArray(field.value) ? field.value.map(String).join(',') : field.string();
      if (text !== undefined) entries.push([key, text]);
    }
    // fromEntries defines own properties, so a label named __proto__ stays a label.
    return Object.fromEntries(entries);
  }

  /** Warns about fields Mirqab does not read, so nothing is dropped without the operator knowing. */
  warnUnknown(known: readonly string[], why = 'Mirqab does not read this field'): void {
    for (const key of this.keys()) if (!known.includes(key)) this.at(key).warn(why);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface YamlObject {
  reader: FieldReader;
  /** 0-based index of the YAML document in the file. */
  document: number;
}

/** Every object in a multi-document YAML text (a document holding a list contributes each item). */
export function readYamlObjects(text: string, report: Report): YamlObject[] {
  const lines = new LineCounter();
  const objects: YamlObject[] = [];
  parseAllDocuments(text, { lineCounter: lines, logLevel: 'error' }).forEach((doc, document) => {
    // Every syntax error of the document at once, so one round of fixes clears them all.
    for (const error of doc.errors) {
      const line = error.linePos?.[0].line;
      const reason = (error.message.split('\n')[0] ?? '').replace(
        / at line \d+, column \d+:?$/,
        '',
      );
      report.problems.push({ path: '', line, message: `not valid YAML: ${reason}` });
    }
    if (doc.errors.length > 0) return;
    // A bounded alias count keeps a hostile file ("billion laughs") from exhausting memory.
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const reader = new FieldReader(value, [], new YamlLocator(doc, lines), report);
    if (Array.isArray(value))
      reader.items().forEach((item) => objects.push({ reader: item, document }));
    else objects.push({ reader, document });
  });
  return objects;
}
