// Reads one YAML document against a zod schema and reports every mistake at once, each located at
// its line, column and field, so an author fixes a file in one pass. Runbooks and drill scenarios
// both read this way: either the whole document is valid or there is at least one problem.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, isRecord, YamlLocator, type PathSegment } from './slo/yamlFields.ts';

export interface DocumentProblem {
  line: number;
  col: number;
  /** The field, as `steps[2].params.version`; empty for the document as a whole. */
  field: string;
  message: string;
}

/** A problem found before it is located: the field's path and what is wrong with it. */
export interface FieldProblem {
  path: PathSegment[];
  message: string;
}

export type DocumentParse<T> = { ok: true; value: T } | { ok: false; problems: DocumentProblem[] };

/** `FILE:LINE:COLUMN: field: message`, the form compilers use, so editors can jump to it. */
export function formatDocumentProblem(problem: DocumentProblem, file: string): string {
  return `${file}:${problem.line}:${problem.col}: ${problem.field || '(document)'}: ${problem.message}`;
}

/** A bounded alias count keeps a hostile file ("billion laughs") from exhausting memory. */
export const MAX_YAML_ALIASES = 100;

export interface DocumentReading<T> {
  schema: z.ZodType<T>;
  /** What the file holds, in problem messages: "runbook", "scenario". */
  what: string;
  maxBytes: number;
  /** Checks zod cannot express, read from the raw document so they come alongside the schema's. */
  crossChecks?: (raw: Record<string, unknown>) => FieldProblem[];
  /** What a missing discriminated field (a step's type) may be, e.g. `("manual" or "action")`. */
  requiredChoice?: (path: readonly PathSegment[]) => string | undefined;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[key];
  }
  return value;
}

/** One zod issue as operators read it; unknown keys become one problem each, at the key. */
function fromIssue<T>(
  issue: z.core.$ZodIssue,
  root: unknown,
  reading: DocumentReading<T>,
): FieldProblem[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
  const isMissing = valueAt(root, path) === undefined;
  if (issue.code === 'invalid_type' && path.length === 0 && !isMissing)
    return [{ path, message: `a ${reading.what} is a map of fields, starting with apiVersion` }];
  if (issue.code === 'invalid_type' && isMissing) return [{ path, message: 'is required' }];
  if (issue.code === 'invalid_union' && 'discriminator' in issue && isMissing) {
    const choice = reading.requiredChoice?.(path);
    return [{ path, message: choice ? `is required ${choice}` : 'is required' }];
  }
  return [{ path, message: plainMessage(issue) }];
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
  record: 'a map of names to values',
};

/** zod's own wording ("Invalid input: expected number, received string") in an operator's words. */
function plainMessage(issue: z.core.$ZodIssue): string {
  const isDefault = /^(Invalid|Too (small|big))/.test(issue.message);
  if (!isDefault) return issue.message;
  if (issue.code === 'invalid_type' && TYPE_WORDS[issue.expected])
    return `must be ${TYPE_WORDS[issue.expected]}`;
  if (issue.code === 'invalid_value')
    return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    const side =
      issue.code === 'too_small'
        ? issue.inclusive === false
          ? 'more than'
          : 'at least'
        : issue.inclusive === false
          ? 'less than'
          : 'at most';
    if (issue.origin === 'array') return `must have ${side} ${bound} item(s)`;
    if (issue.origin === 'string') return `must be ${side} ${bound} character(s) long`;
    return `must be ${side} ${bound}`;
  }
  return issue.message;
}

const whole = (message: string, line = 1, col = 1): DocumentProblem => ({
  line,
  col,
  field: '',
  message,
});

/** UTF-8 size without encoding text that is plainly too large already (bytes ≥ UTF-16 units). */
function isLargerThan(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || new TextEncoder().encode(text).length > maxBytes;
}

/** Parses and validates one YAML document. */
export function readYamlDocument<T>(text: string, reading: DocumentReading<T>): DocumentParse<T> {
  if (isLargerThan(text, reading.maxBytes))
    return { ok: false, problems: [whole(`is larger than ${reading.maxBytes / 1024} KiB`)] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, logLevel: 'error', uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0] ?? { line: 1, col: 1 };
        if (error.code === 'MULTIPLE_DOCS')
          return whole(
            `a ${reading.what} file holds one document; this one has more (split it at each ---)`,
            at.line,
            at.col,
          );
        const reason = (error.message.split('\n')[0] ?? '').replace(
          / at line \d+, column \d+:?$/,
          '',
        );
        return whole(`not valid YAML: ${reason}`, at.line, at.col);
      }),
    };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      problems: [whole(`repeats anchors too often (more than ${MAX_YAML_ALIASES} aliases)`)],
    };
  }
  if (value === null || value === undefined)
    return { ok: false, problems: [whole('the document is empty')] };
  const locator = new YamlLocator(doc, lines);
  const parsed = reading.schema.safeParse(value);
  const found = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => fromIssue(i, value, reading))),
    ...(isRecord(value) && reading.crossChecks ? reading.crossChecks(value) : []),
  ];
  if (found.length === 0 && parsed.success) return { ok: true, value: parsed.data };
  // A cross-check the schema also made (when it got that far) is reported once.
  const seen = new Set<string>();
  const problems: DocumentProblem[] = [];
  for (const { path, message } of found) {
    const key = `${formatPath(path)}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = locator.positionOf(path) ?? { line: 1, col: 1 };
    problems.push({ line: at.line, col: at.col, field: formatPath(path), message });
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, problems };
}
