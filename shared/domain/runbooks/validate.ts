// Reads a runbook document and reports every mistake at once, each located as FILE:LINE:COLUMN with the
// field it is about, so an author fixes a file in one pass. Nothing is half-read: either the whole
// runbook is valid or there is at least one problem.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, YamlLocator, type PathSegment } from '../slo/yamlFields.ts';
import { DESTRUCTIVE_ACTIONS, GATED_ACTIONS, RunbookSchema, type Runbook } from './schema.ts';
import { templateProblems } from './template.ts';

export interface RunbookProblem {
  line: number;
  col: number;
  /** The field, as `steps[2].params.version`; empty for the document as a whole. */
  field: string;
  message: string;
}

export type RunbookParse =
  { ok: true; runbook: Runbook; problems: [] } | { ok: false; problems: RunbookProblem[] };

/** `FILE:LINE:COLUMN: field: message`, the form compilers use, so editors can jump to it. */
export function formatRunbookProblem(problem: RunbookProblem, file: string): string {
  return `${file}:${problem.line}:${problem.col}: ${problem.field || '(document)'}: ${problem.message}`;
}

/** Largest runbook text accepted (a runbook is a page of steps, not a data file). */
export const MAX_RUNBOOK_BYTES = 256 * 1024;

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[key];
  }
  return value;
}

/** One zod issue as operators read it; unknown keys become one problem each, at the key. */
function fromIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
): { path: PathSegment[]; message: string }[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
  if (issue.code === 'invalid_type' && valueAt(root, path) === undefined)
    return [{ path, message: 'is required' }];
  if (
    issue.code === 'invalid_union' &&
    'discriminator' in issue &&
    valueAt(root, path) === undefined
  )
    return [{ path, message: 'is required ("manual" or "action")' }];
  return [{ path, message: issue.message }];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks zod cannot express: unique step ids, known template variables, destructive actions stay so.
 * Read from the raw document, so they are reported alongside the schema's problems, not after them.
 */
function crossChecks(raw: Record<string, unknown>): { path: PathSegment[]; message: string }[] {
  const out: { path: PathSegment[]; message: string }[] = [];
  const templated = (path: PathSegment[], text: unknown) => {
    if (typeof text === 'string')
      for (const message of templateProblems(text)) out.push({ path, message });
  };
  templated(['title'], raw.title);
  const seen = new Map<string, number>();
  const steps = Array.isArray(raw.steps) ? (raw.steps as unknown[]) : [];
  steps.forEach((step, i) => {
    if (!isRecord(step)) return;
    if (typeof step.id === 'string') {
      const first = seen.get(step.id);
      if (first !== undefined)
        out.push({
          path: ['steps', i, 'id'],
          message: `"${step.id}" is already the id of steps[${first}]`,
        });
      else seen.set(step.id, i);
    }
    templated(['steps', i, 'title'], step.title);
    templated(['steps', i, 'guidance'], step.guidance);
    templated(['steps', i, 'host'], step.host);
    if (isRecord(step.params))
      for (const [name, value] of Object.entries(step.params))
        templated(['steps', i, 'params', name], value);
    const action = typeof step.action === 'string' ? step.action : '';
    if (step.destructive === false && DESTRUCTIVE_ACTIONS.includes(action))
      out.push({
        path: ['steps', i, 'destructive'],
        message: `${action} changes what serves traffic, so it always needs a second approver`,
      });
    if (step.type === 'action' && step.healthGate !== undefined && !GATED_ACTIONS.includes(action))
      out.push({
        path: ['steps', i, 'healthGate'],
        message: `a health gate watches a model after ${GATED_ACTIONS.join(' or ')} only`,
      });
  });
  return out;
}

/** Parses and validates one runbook document. */
export function parseRunbook(text: string): RunbookParse {
  if (text.length > MAX_RUNBOOK_BYTES)
    return {
      ok: false,
      problems: [
        { line: 1, col: 1, field: '', message: `is larger than ${MAX_RUNBOOK_BYTES / 1024} KiB` },
      ],
    };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, logLevel: 'error', uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0] ?? { line: 1, col: 1 };
        if (error.code === 'MULTIPLE_DOCS')
          return {
            line: at.line,
            col: at.col,
            field: '',
            message: 'a runbook file holds one document; this one has more (split it at each ---)',
          };
        const reason = (error.message.split('\n')[0] ?? '').replace(
          / at line \d+, column \d+:?$/,
          '',
        );
        return { line: at.line, col: at.col, field: '', message: `not valid YAML: ${reason}` };
      }),
    };
  // A bounded alias count keeps a hostile file ("billion laughs") from exhausting memory.
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined)
    return {
      ok: false,
      problems: [{ line: 1, col: 1, field: '', message: 'the document is empty' }],
    };
  const locator = new YamlLocator(doc, lines);
  const locate = ({ path, message }: { path: PathSegment[]; message: string }): RunbookProblem => {
    const at = locator.positionOf(path) ?? { line: 1, col: 1 };
    return { line: at.line, col: at.col, field: formatPath(path), message };
  };
  const parsed = RunbookSchema.safeParse(value);
  const found = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => fromIssue(issue, value))),
    ...(isRecord(value) ? crossChecks(value) : []),
  ];
  if (found.length === 0 && parsed.success) return { ok: true, runbook: parsed.data, problems: [] };
  const problems = found.map(locate);
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, problems };
}
